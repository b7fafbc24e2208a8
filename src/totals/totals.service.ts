import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { toSafeInteger } from '../database/fen.transformer';
import { maskName } from '../common/masking';

export interface CampaignTotals {
  campaignCode: string;
  donorCount: number;
  donationCount: number;
  amountFen: number;
  todayAmountFen: number;
  goalFen: number | null;
  disbursedFen: number;
  inKind: { itemCode: string; name: string; unit: string; receivedQuantity: number; distributedQuantity: number }[];
  updatedAt: string;
}

/**
 * Totals summed from the ledger itself: paid cash donations only, "today" in Beijing time.
 * Exact by construction; the live counters of the totals issue will be reconciled against this.
 */
@Injectable()
export class TotalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
  ) {}

  async forCampaign(code: string): Promise<CampaignTotals> {
    const campaign = await this.campaigns.findByCode(code);
    const [cash] = await this.dataSource.query(
      `SELECT count(*) AS donation_count,
              count(DISTINCT donor_key) AS donor_count,
              coalesce(sum(amount_fen), 0) AS amount_fen,
              coalesce(sum(amount_fen) FILTER (WHERE paid_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')), 0) AS today_fen,
              max(paid_at) AS last_paid_at
         FROM donations WHERE campaign_id = $1 AND status = 'paid'`,
      [campaign.id],
    );
    const [disbursed] = await this.dataSource.query(
      `SELECT coalesce(sum(amount_fen), 0) AS fen, max(created_at) AS last_at FROM disbursements WHERE campaign_id = $1`,
      [campaign.id],
    );
    const updatedAt = [cash.last_paid_at, disbursed.last_at, campaign.createdAt].filter(Boolean).map((d: Date) => new Date(d).getTime());
    return {
      campaignCode: campaign.code,
      donorCount: toSafeInteger(cash.donor_count),
      donationCount: toSafeInteger(cash.donation_count),
      amountFen: toSafeInteger(cash.amount_fen),
      todayAmountFen: toSafeInteger(cash.today_fen),
      goalFen: campaign.goalFen,
      disbursedFen: toSafeInteger(disbursed.fen),
      inKind: [],
      updatedAt: new Date(Math.max(...updatedAt)).toISOString(),
    };
  }

  /** Newest first, only donors who agreed, names masked (爱心人士 when anonymous). */
  async wall(code: string, limit: number) {
    const campaign = await this.campaigns.findByCode(code);
    const rows: { donor_name: string | null; anonymous: boolean; amount_fen: string; paid_at: Date }[] = await this.dataSource.query(
      `SELECT donor_name, anonymous, amount_fen, paid_at FROM donations
        WHERE campaign_id = $1 AND status = 'paid' AND show_on_wall ORDER BY paid_at DESC LIMIT $2`,
      [campaign.id, limit],
    );
    return {
      items: rows.map((r) => ({ name: maskName(r.donor_name, r.anonymous), amountFen: toSafeInteger(r.amount_fen), paidAt: new Date(r.paid_at).toISOString() })),
    };
  }
}
