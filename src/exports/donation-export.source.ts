import { Injectable } from '@nestjs/common';
import { maskName, maskPhone } from '../common/masking';
import { formatYuan } from '../common/money';
import { PiiCipher } from '../common/pii-cipher';
import { CHANNEL_LABELS, DONATION_STATUS_LABELS, labelOf } from './export-labels';
import { beijingTime, ExportColumn } from './spreadsheet-cells';
import { BATCH, DonationExportRepository, RawDonation } from './donation-export.repository';

export interface DonationExportFilter {
  campaignId?: string;
  status?: string;
}

export interface DonationExportRow {
  orderNo: string;
  campaignCode: string;
  channel: string;
  status: string;
  amountFen: number;
  donorName: string;
  anonymous: boolean;
  phone: string | null;
  bankReference: string | null;
  createdAt: Date;
  paidAt: Date | null;
  flaggedAt: Date | null;
  flagReason: string | null;
}

export const DONATION_COLUMNS: ExportColumn<DonationExportRow>[] = [
  { header: '订单号', kind: 'text', width: 26, value: (r) => r.orderNo },
  { header: '活动', kind: 'text', width: 16, value: (r) => r.campaignCode },
  { header: '渠道', kind: 'text', width: 10, value: (r) => labelOf(CHANNEL_LABELS, r.channel) },
  { header: '渠道代码', kind: 'text', width: 14, value: (r) => r.channel },
  { header: '状态', kind: 'text', width: 8, value: (r) => labelOf(DONATION_STATUS_LABELS, r.status) },
  { header: '状态代码', kind: 'text', width: 10, value: (r) => r.status },
  { header: '金额（元）', kind: 'text', width: 14, value: (r) => formatYuan(r.amountFen) },
  { header: '金额（分）', kind: 'integer', width: 14, value: (r) => r.amountFen },
  { header: '捐赠人（脱敏）', kind: 'text', width: 18, value: (r) => r.donorName },
  { header: '匿名', kind: 'text', width: 6, value: (r) => (r.anonymous ? '是' : '否') },
  { header: '手机（脱敏）', kind: 'text', width: 14, value: (r) => r.phone },
  { header: '银行流水号', kind: 'text', width: 24, value: (r) => r.bankReference },
  { header: '下单时间', kind: 'text', width: 26, value: (r) => beijingTime(r.createdAt) },
  { header: '到账时间', kind: 'text', width: 26, value: (r) => beijingTime(r.paidAt) },
  { header: '异常标记时间', kind: 'text', width: 26, value: (r) => beijingTime(r.flaggedAt) },
  { header: '异常说明', kind: 'text', width: 30, value: (r) => r.flagReason },
];

/**
 * The donation ledger for export, oldest first, in batches (keyset pagination, so a long download
 * holds no connection or transaction open). Personal data leaves here masked only.
 */
@Injectable()
export class DonationExportSource {
  constructor(
    private readonly repository: DonationExportRepository,
    private readonly pii: PiiCipher,
  ) {}

  async count(filter: DonationExportFilter): Promise<number> {
    const [row]: Array<{ n: string }> = await this.repository.count(filter);
    return Number(row.n);
  }

  async *batches(filter: DonationExportFilter): AsyncGenerator<DonationExportRow[]> {
    // The cursor keeps created_at as PostgreSQL text: a JS Date would drop the microseconds.
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows: RawDonation[] = await this.repository.page(filter, after);
      if (rows.length === 0) return;
      yield rows.map((r) => this.map(r));
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: last.id };
    }
  }

  private map(r: RawDonation): DonationExportRow {
    return {
      orderNo: r.order_no,
      campaignCode: r.campaign_code,
      channel: r.channel,
      status: r.status,
      amountFen: Number(r.amount_fen),
      donorName: maskName(r.donor_name, r.anonymous),
      anonymous: r.anonymous,
      phone: r.phone_enc ? maskPhone(this.pii.decrypt(r.phone_enc)) : null,
      bankReference: r.bank_reference,
      createdAt: r.created_at,
      paidAt: r.paid_at,
      flaggedAt: r.flagged_at,
      flagReason: r.flag_reason,
    };
  }
}
