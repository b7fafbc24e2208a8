export { TOTALS_MAINTENANCE_QUEUE } from '../queue/queue-names';
export const RECONCILE_TOTALS = 'reconcile-totals';
/** How often every campaign's counters are checked against the ledger. */
export const RECONCILE_EVERY_MS = 60_000;
