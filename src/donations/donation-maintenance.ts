export const DONATION_MAINTENANCE_QUEUE = 'donation-maintenance';
export const EXPIRE_PENDING_ORDERS = 'expire-pending-orders';
