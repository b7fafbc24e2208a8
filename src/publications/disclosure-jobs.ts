export { DISCLOSURE_QUEUE } from '../queue/queue-names';
export const PUBLISH_DUE = 'publish-due';
/** How often the schedule looks for campaigns whose publication is due. */
export const PUBLISH_DUE_EVERY_MS = 60_000;
