// The staff console's bundle (scripts/build-console.mjs → templates/console-build/staff-console-<hash>.js), the
// page's only script: every screen registers itself, then the router (router.ts) signs in and draws them.
import { onUnauthorized } from './api';
import { startConsole } from './router';
import { registerAuditLog } from './screens/audit-log';
import { registerBank } from './screens/bank';
import { registerCampaigns } from './screens/campaigns';
import { registerDonations } from './screens/donations';
import { registerExports } from './screens/exports';
import { registerGoods } from './screens/goods/goods';
import { registerHome } from './screens/home';
import { registerQueue } from './screens/queue';
import { registerQueueBoard } from './screens/queue-board';
import { registerReceiptBooks } from './screens/receipt-books';
import { registerReceipts } from './screens/receipts';
import { registerSecurity } from './screens/security';
import { registerTotals } from './screens/totals';
import { registerUsers } from './screens/users';
import { shell } from './shell';

// Any 401 of a call ends the session: back to sign-in (the router sets what that does).
onUnauthorized((message) => shell.onSignedOut(message));

registerHome();
registerQueue();
registerDonations();
registerBank();
registerReceipts();
registerReceiptBooks();
registerTotals();
registerGoods();
registerCampaigns();
registerUsers();
registerExports();
registerQueueBoard();
registerAuditLog();
registerSecurity();

// The bundle is deferred: it runs once the page is parsed, just before DOMContentLoaded.
document.addEventListener('DOMContentLoaded', startConsole);
