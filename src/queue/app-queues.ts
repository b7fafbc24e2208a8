import { IMPORTS_QUEUE } from '../bank-transfers/bank-import-jobs';
import { DONATION_MAINTENANCE_QUEUE } from '../donations/donation-maintenance';
import { EXPORTS_QUEUE } from '../exports/export-jobs';
import { MAINTENANCE_QUEUE } from '../jobs/retention-jobs';
import { PAYMENTS_QUEUE } from '../payments/payments-maintenance.processor';
import { APPROVALS_QUEUE, RECEIPTS_QUEUE } from '../receipts/receipt-jobs';
import { TOTALS_MAINTENANCE_QUEUE } from '../totals/totals-maintenance';
import { DISCLOSURE_QUEUE } from './queue-names';

/**
 * Every BullMQ queue of the service, whichever process runs its worker: what /metrics reports (queue
 * depth and age) and what the admins' board shows, from any API process.
 */
export const APP_QUEUES: readonly string[] = [
  RECEIPTS_QUEUE,
  APPROVALS_QUEUE,
  IMPORTS_QUEUE,
  EXPORTS_QUEUE,
  DONATION_MAINTENANCE_QUEUE,
  PAYMENTS_QUEUE,
  TOTALS_MAINTENANCE_QUEUE,
  MAINTENANCE_QUEUE,
  DISCLOSURE_QUEUE,
];
