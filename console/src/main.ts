// The staff console's bundle (scripts/build-console.mjs → templates/console-build/staff-console-<hash>.js), loaded
// first: the core, then the screens already moved to TypeScript. The screens still in
// templates/assets/staff-*.js follow it and find the core on `window.Staff` (legacy.ts).
import { installLegacyGlobal } from './legacy';
import { startConsole } from './router';
import { registerBank } from './screens/bank';
import { registerDonations } from './screens/donations';
import { registerExports } from './screens/exports';
import { registerGoods } from './screens/goods/goods';
import { registerAuditLog } from './screens/audit-log';
import { registerCampaigns } from './screens/campaigns';
import { registerHome } from './screens/home';
import { registerQueueBoard } from './screens/queue-board';
import { registerReceiptBooks } from './screens/receipt-books';
import { registerReceipts } from './screens/receipts';
import { registerSecurity } from './screens/security';
import { registerUsers } from './screens/users';

installLegacyGlobal(window);
registerBank();
registerDonations();
registerExports();
registerGoods();
registerHome();
registerReceiptBooks();
registerReceipts();
registerSecurity();
registerCampaigns();
registerUsers();
registerQueueBoard();
registerAuditLog();

// The router starts once the page's deferred scripts have all run (DOMContentLoaded comes after them), so every
// screen, moved or not, is registered before the first one is drawn.
document.addEventListener('DOMContentLoaded', startConsole);
