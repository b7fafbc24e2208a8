// The staff console's bundle (scripts/build-console.mjs → templates/console-build/staff-console-<hash>.js), loaded
// first: the core, then the screens already moved to TypeScript. The screens still in
// templates/assets/staff-*.js follow it and find the core on `window.Staff` (legacy.ts).
import { installLegacyGlobal } from './legacy';
import { registerBank } from './screens/bank';
import { registerDonations } from './screens/donations';
import { registerExports } from './screens/exports';
import { registerHome } from './screens/home';
import { registerReceiptBooks } from './screens/receipt-books';
import { registerReceipts } from './screens/receipts';
import { registerSecurity } from './screens/security';

installLegacyGlobal(window);
registerBank();
registerDonations();
registerExports();
registerHome();
registerReceiptBooks();
registerReceipts();
registerSecurity();
