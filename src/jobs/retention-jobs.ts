import { join } from 'node:path';

/** The maintenance queue: housekeeping the service schedules for itself (no staff follow it). */
export { MAINTENANCE_QUEUE } from '../queue/queue-names';

/** Deletes expired export files and old uploaded statements; safe to run any number of times. */
export const STORAGE_RETENTION = 'storage-retention';

/** Deletes old rows of the provider notification log (unverified ones sooner). */
export const NOTIFICATION_RETENTION = 'notification-retention';

/** Deletes outbox rows whose job finished more than OUTBOX_RETENTION_DAYS ago. */
export const OUTBOX_RETENTION = 'outbox-retention';

/** Deletes uploaded screenshots that no stored receipt request names. */
export const UPLOAD_SWEEP = 'upload-sweep';

/** Folders under STORAGE_DIR whose files expire, and which retention period applies to each. */
export const EXPORTS_FOLDER = 'exports';
export const STATEMENTS_FOLDER = 'imports';

/** Where payment screenshots are kept under STORAGE_DIR (the orphan sweep lists this folder). */
export const SCREENSHOTS_FOLDER = join('uploads', 'screenshots');
