// The staff console's bundle (scripts/build-console.mjs → templates/console-build/staff-console-<hash>.js), loaded
// first: the core, then the screens already moved to TypeScript. The screens still in
// templates/assets/staff-*.js follow it and find the core on `window.Staff` (legacy.ts).
import { installLegacyGlobal } from './legacy';
import { registerExports } from './screens/exports';
import { registerHome } from './screens/home';
import { registerQueue } from './screens/queue';
import { registerReceiptBooks } from './screens/receipt-books';
import { registerSecurity } from './screens/security';
import { registerTotals } from './screens/totals';

installLegacyGlobal(window);
registerExports();
registerHome();
registerQueue();
registerReceiptBooks();
registerSecurity();
registerTotals();
