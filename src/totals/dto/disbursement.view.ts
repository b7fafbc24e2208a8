import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CampaignCodeProperty,
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  NullableStringProperty,
  UuidProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import { formatYuan } from '../../common/money';
import type { Disbursement } from '../disbursement.entity';

/** The recipient unit's confirmation that the money arrived: the signer masked. */
export class PaymentConfirmationView {
  @ApiProperty({ description: 'masked', example: '李*' })
  confirmedBy: string;

  @DateTimeProperty()
  receivedAt: string;

  @FenProperty({ example: 100000 })
  amountReceivedFen: number;

  @YuanProperty('1000.00')
  amountReceivedYuan: string;

  @NullableStringProperty()
  note: string | null;

  @DateTimeProperty()
  confirmedAt: string;
}

/** A disbursement as the public sees it (voided ones stay listed, with their reason). */
export class DisbursementView {
  @UuidProperty()
  id: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @FenProperty({ example: 100000 })
  amountFen: number;

  @YuanProperty('1000.00')
  amountYuan: string;

  @ApiProperty({ example: '武汉市第一医院' })
  recipient: string;

  @ApiProperty({ example: '采购防护服' })
  purpose: string;

  @ApiProperty({ format: 'date', example: '2026-12-01' })
  date: string;

  @NullableStringProperty()
  bankReference: string | null;

  @NullableStringProperty({ description: 'the public proof, if any' })
  attachmentUrl: string | null;

  @NullableStringProperty()
  attachmentSha256: string | null;

  @ApiProperty({ description: 'a proof exists but holds personal data: shown to staff only' })
  attachmentWithheld: boolean;

  @NullableStringProperty()
  fundCode: string | null;

  @NullableStringProperty()
  fundName: string | null;

  @ApiProperty()
  exceedsReceived: boolean;

  @ApiProperty()
  confirmedExceeding: boolean;

  @ApiProperty({
    enum: ['confirmed', 'pending'],
    nullable: true,
    type: String,
    description: 'beyond what was received: confirmed by staff, or pending (超出已收款，待确认)',
  })
  exceeding: 'confirmed' | 'pending' | null;

  @ApiProperty({ type: () => PaymentConfirmationView, nullable: true })
  confirmation: PaymentConfirmationView | null;

  @ApiProperty()
  voided: boolean;

  @NullableStringProperty()
  voidReason: string | null;

  @NullableDateTimeProperty()
  voidedAt: string | null;

  @DateTimeProperty()
  createdAt: string;
}

export class DisbursementListView {
  @ApiProperty({ type: () => [DisbursementView], description: 'newest first' })
  items: DisbursementView[];
}

/** What staff see besides: the signed link the recipient unit confirms with, the payment notice. */
export class StaffDisbursementView extends DisbursementView {
  @ApiProperty()
  attachmentSealed: boolean;

  @NullableStringProperty()
  staffAttachmentUrl: string | null;

  @ApiProperty({ description: 'the signed link of the recipient unit (a capability: hand it to them only)' })
  confirmUrl: string;

  @ApiProperty()
  paymentNoticeUrl: string;

  @NullableDateTimeProperty()
  exceedingConfirmedAt: string | null;
}

export class RecordedDisbursementView extends StaffDisbursementView {
  @ApiPropertyOptional({ description: 'recorded beyond what was received without confirmExceeding: what to check' })
  warning?: string;
}

export class StaffDisbursementListView {
  @ApiProperty({ type: () => [StaffDisbursementView] })
  items: StaffDisbursementView[];
}

export function toDisbursementView(
  d: Disbursement,
  campaignCode: string,
  funds: Map<string, { code: string; name: string }>,
  confirmation: PaymentConfirmationView | null,
): DisbursementView {
  const fund = d.fundId ? funds.get(d.fundId) : undefined;
  return {
    id: d.id,
    campaignCode,
    amountFen: d.amountFen,
    amountYuan: formatYuan(d.amountFen),
    recipient: d.recipient,
    purpose: d.purpose,
    date: d.disbursedOn,
    bankReference: d.bankReference,
    attachmentUrl: d.attachmentPath && !d.attachmentSealed ? `/api/campaigns/${encodeURIComponent(campaignCode)}/disbursements/${d.id}/attachment` : null,
    attachmentSha256: d.attachmentPath && !d.attachmentSealed ? d.attachmentSha256 : null,
    // A proof exists but holds personal data: kept sealed, shown to staff only.
    attachmentWithheld: d.attachmentPath !== null && d.attachmentSealed,
    fundCode: fund?.code ?? null,
    fundName: fund?.name ?? null,
    exceedsReceived: d.exceedsReceived,
    confirmedExceeding: d.confirmedExceeding,
    // Beyond what was received: 'confirmed' by staff, or 'pending' their confirmation (shown 超出已收款，待确认).
    exceeding: d.exceedsReceived ? (d.confirmedExceeding ? 'confirmed' : 'pending') : null,
    confirmation,
    voided: d.voidedAt !== null,
    voidReason: d.voidReason,
    voidedAt: d.voidedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

export function toStaffDisbursementView(view: DisbursementView, d: Disbursement, confirmUrl: string): StaffDisbursementView {
  return {
    ...view,
    attachmentSealed: d.attachmentSealed,
    staffAttachmentUrl: d.attachmentPath ? `/api/staff/disbursements/${d.id}/attachment` : null,
    confirmUrl,
    paymentNoticeUrl: `/api/staff/disbursements/${d.id}/payment-notice.pdf`,
    exceedingConfirmedAt: d.exceedingConfirmedAt?.toISOString() ?? null,
  };
}

/** 201 of the recipient unit's confirmation that a cash disbursement arrived. */
export class ConfirmedDisbursementView {
  @UuidProperty()
  disbursementId: string;

  @ApiProperty()
  recipient: string;

  @FenProperty()
  amountFen: number;

  @ApiProperty({ type: () => PaymentConfirmationView })
  confirmation: PaymentConfirmationView;
}
