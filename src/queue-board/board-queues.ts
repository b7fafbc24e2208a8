import { IMPORTS_QUEUE } from '../bank-transfers/bank-import-jobs';
import { DONATION_MAINTENANCE_QUEUE } from '../donations/donation-maintenance';
import { PAYMENTS_QUEUE } from '../payments/payments-maintenance.processor';
import { RECEIPTS_QUEUE } from '../receipts/receipt-jobs';
import { TOTALS_MAINTENANCE_QUEUE } from '../totals/totals-maintenance';

/**
 * The queues the board always shows, whether or not this process runs their workers (APP_ROLE=api
 * registers only the queues its features add to). Queues registered anywhere else in the app are
 * found at start and shown too.
 */
export const BOARD_QUEUES: readonly string[] = [RECEIPTS_QUEUE, IMPORTS_QUEUE, DONATION_MAINTENANCE_QUEUE, PAYMENTS_QUEUE, TOTALS_MAINTENANCE_QUEUE];
