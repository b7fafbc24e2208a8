/**
 * Every BullMQ queue's name, in one leaf file: the features that own the queues, the queue list
 * (metrics, the admins' board, the start-up check) and the staff job lookup import them from here,
 * so no folder has to import a feature to know a queue's name.
 */
export const RECEIPTS_QUEUE = 'receipts';
export const APPROVALS_QUEUE = 'approvals';
export const IMPORTS_QUEUE = 'imports';
export const EXPORTS_QUEUE = 'exports';
export const DONATION_MAINTENANCE_QUEUE = 'donation-maintenance';
export const PAYMENTS_QUEUE = 'payments';
export const TOTALS_MAINTENANCE_QUEUE = 'totals-maintenance';
export const MAINTENANCE_QUEUE = 'maintenance';
export const DISCLOSURE_QUEUE = 'disclosure';
