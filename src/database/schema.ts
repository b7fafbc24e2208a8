import { Campaign } from '../campaigns/campaign.entity';
import { Donation } from '../donations/donation.entity';
import { PaymentNotification } from '../payments/payment-notification.entity';
import { Payment } from '../payments/payment.entity';
import { Disbursement } from '../totals/disbursement.entity';
import { AuditEntry } from '../staff/audit/audit-entry.entity';
import { StaffUser } from '../staff/staff-user.entity';
import { Foundation1763856000000 } from './migrations/1763856000000-foundation';

/** Every entity and every migration, listed explicitly so the build and the tests load the same set. */
export const ENTITIES = [Campaign, Donation, Payment, PaymentNotification, StaffUser, AuditEntry, Disbursement];
export const MIGRATIONS = [Foundation1763856000000];
