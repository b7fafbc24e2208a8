import {
  APPROVALS_QUEUE,
  DISCLOSURE_QUEUE,
  DONATION_MAINTENANCE_QUEUE,
  EXPORTS_QUEUE,
  IMPORTS_QUEUE,
  MAINTENANCE_QUEUE,
  PAYMENTS_QUEUE,
  RECEIPTS_QUEUE,
  TOTALS_MAINTENANCE_QUEUE,
} from './queue-names';

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
