/** Payments spread over this many counter rows per campaign (and per day), summed on read. */
export const COUNTER_SHARDS = 16;
/**
 * The reconciler's corrections (and refunds, which subtract) live in their own row, which payments
 * never touch; it is the only row allowed below zero.
 */
export const CORRECTION_SHARD = -1;
/** "Today" and the daily chart are calendar days in Beijing time. */
export const TOTALS_TIME_ZONE = 'Asia/Shanghai';
