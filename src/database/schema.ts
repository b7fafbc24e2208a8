import { Foundation1763856000000 } from './migrations/1763856000000-foundation';
import { Receipts1763900000000 } from './migrations/1763900000000-receipts';
import { AuditNoTruncate1763910000000 } from './migrations/1763910000000-audit-no-truncate';
import { Totals1763920000000 } from './migrations/1763920000000-totals';
import { DonorLookups1765300000000 } from './migrations/1765300000000-donor-lookups';
import { WallMessageHiding1765300001000 } from './migrations/1765300001000-wall-message-hiding';
import { InKind1763930000000 } from './migrations/1763930000000-in-kind';
import { RefundsReconciliation1763950000000 } from './migrations/1763950000000-refunds-reconciliation';
import { StaffJobs1763960000000 } from './migrations/1763960000000-staff-jobs';
import { OutboxAcknowledged1763990000000 } from './migrations/1763990000000-outbox-acknowledged';
import { StaffSecondFactor1764200000000 } from './migrations/1764200000000-staff-second-factor';
import { WechatPayerOpenid1764300000000 } from './migrations/1764300000000-wechat-payer-openid';
import { OfficialReceipts1764400000000 } from './migrations/1764400000000-official-receipts';
import { InKindPledgeManagement1763940000000 } from './migrations/1763940000000-in-kind-pledge-management';
import { HostileUsers1764100000000 } from './migrations/1764100000000-hostile-users';
import { PublicOversight1764500000000 } from './migrations/1764500000000-public-oversight';
import { DisclosureSchedule1764500001000 } from './migrations/1764500001000-disclosure-schedule';
import { DisbursementPlans1764500002000 } from './migrations/1764500002000-disbursement-plans';
import { DeliveryConfirmations1764500003000 } from './migrations/1764500003000-delivery-confirmations';
import { ReceiptEmailSends1764600000000 } from './migrations/1764600000000-receipt-email-sends';
import { OutboxClaims1764600001000 } from './migrations/1764600001000-outbox-claims';
import { AggregateReceipts1764700000000 } from './migrations/1764700000000-aggregate-receipts';
import { DisbursementOversight1764800000000 } from './migrations/1764800000000-disbursement-oversight';
import { StatementMappings1765600000000 } from './migrations/1765600000000-statement-mappings';
import { ReceiptsHotUpdates1765700000000 } from './migrations/1765700000000-receipts-hot-updates';
import { ReceiptSeries1765800000000 } from './migrations/1765800000000-receipt-series';

/** Every migration, in order, listed explicitly so the build and the tests run the same set. */
export const MIGRATIONS = [
  Foundation1763856000000,
  Receipts1763900000000,
  AuditNoTruncate1763910000000,
  Totals1763920000000,
  InKind1763930000000,
  InKindPledgeManagement1763940000000,
  RefundsReconciliation1763950000000,
  StaffJobs1763960000000,
  OutboxAcknowledged1763990000000,
  HostileUsers1764100000000,
  StaffSecondFactor1764200000000,
  WechatPayerOpenid1764300000000,
  OfficialReceipts1764400000000,
  PublicOversight1764500000000,
  DisclosureSchedule1764500001000,
  DisbursementPlans1764500002000,
  DeliveryConfirmations1764500003000,
  ReceiptEmailSends1764600000000,
  OutboxClaims1764600001000,
  AggregateReceipts1764700000000,
  DisbursementOversight1764800000000,
  DonorLookups1765300000000,
  WallMessageHiding1765300001000,
  StatementMappings1765600000000,
  ReceiptsHotUpdates1765700000000,
  ReceiptSeries1765800000000,
];
