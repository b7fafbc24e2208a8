import { Campaign } from './campaigns/campaign.entity';
import { Donation } from './donations/donation.entity';
import { PaymentNotification } from './payments/payment-notification.entity';
import { Payment } from './payments/payment.entity';
import { Disbursement } from './totals/disbursement.entity';
import { AuditEntry } from './staff/audit/audit-entry.entity';
import { StaffUser } from './staff/staff-user.entity';
import { ReceiptRequest } from './receipts/receipt-request.entity';
import { Receipt } from './receipts/receipt.entity';
import { IN_KIND_ENTITIES } from './in-kind/in-kind.entities';
import { Refund } from './donations/refund.entity';
import { ReconciliationDifference } from './payments/reconciliation-difference.entity';
import { CampaignFund } from './campaigns/campaign-fund.entity';

/**
 * Every entity, listed explicitly so the build and the tests load the same set. The list is the
 * application's composition (like app.module.ts), so it lives at the root: src/database knows no feature.
 */
export const ENTITIES = [
  Campaign,
  CampaignFund,
  Donation,
  Payment,
  PaymentNotification,
  StaffUser,
  AuditEntry,
  Disbursement,
  ReceiptRequest,
  Receipt,
  ...IN_KIND_ENTITIES,
  Refund,
  ReconciliationDifference,
];
