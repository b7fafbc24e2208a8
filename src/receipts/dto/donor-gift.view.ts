import { ApiProperty } from '@nestjs/swagger';
import { CampaignCodeProperty, DateTimeProperty, FenProperty, NullableStringProperty, UuidProperty } from '../../common/dto/view-properties';
import { maskName } from '../../common/masking';
import { formatYuanDisplay } from '../../common/money';
import type { DonorRequestRow } from '../donor-receipts.repository';

const RECEIPT_LABELS: Record<string, string> = { queued: '正在开具', pending_review: '等待工作人员审核', issued: '已开具', rejected: '未通过审核' };

/** One receipt request of the address whose one-time link the browser opened (查询我的捐赠). */
export class DonorGiftView {
  @UuidProperty()
  requestId: string;

  @ApiProperty({ enum: ['queued', 'pending_review', 'issued', 'rejected'] })
  status: string;

  @ApiProperty({ example: '已开具' })
  statusLabel: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty()
  campaignTitle: string;

  @FenProperty()
  amountFen: number;

  @ApiProperty({ example: '¥100.00' })
  amountDisplay: string;

  @ApiProperty({ description: "the request's name: masked for a person, in full for an organisation", example: '张*' })
  name: string;

  @ApiProperty({ type: [String] })
  orderNos: string[];

  @DateTimeProperty()
  requestedAt: string;

  @NullableStringProperty()
  receiptNo: string | null;

  @NullableStringProperty({ description: 'the PDF, for this browser session' })
  downloadUrl: string | null;
}

export class DonorGiftListView {
  @ApiProperty({ type: () => [DonorGiftView] })
  items: DonorGiftView[];
}

export class LookupLinkView {
  @ApiProperty({ enum: ['accepted'], description: 'the same answer whether or not the address is known' })
  status: 'accepted';

  @ApiProperty()
  message: string;
}

/**
 * One request of the session's address: a person's name masked (an organisation's in full), the
 * receipt number and the download link only once the receipt is issued (the link once its PDF exists).
 */
export function toDonorGiftView(row: DonorRequestRow): DonorGiftView {
  return {
    requestId: row.request_id,
    status: row.status,
    statusLabel: RECEIPT_LABELS[row.status] ?? row.status,
    campaignCode: row.campaign_code,
    campaignTitle: row.campaign_title,
    amountFen: row.amount_fen,
    amountDisplay: formatYuanDisplay(row.amount_fen),
    name: row.donor_type === 'organization' ? row.name : maskName(row.name),
    orderNos: row.order_nos ?? [],
    requestedAt: row.created_at.toISOString(),
    receiptNo: row.status === 'issued' ? row.receipt_no : null,
    downloadUrl: row.status === 'issued' && row.receipt_no && row.pdf_ready ? `/api/my-donations/receipts/${encodeURIComponent(row.receipt_no)}/pdf` : null,
  };
}
