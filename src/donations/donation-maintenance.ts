export { DONATION_MAINTENANCE_QUEUE } from '../queue/queue-names';
export const EXPIRE_PENDING_ORDERS = 'expire-pending-orders';
