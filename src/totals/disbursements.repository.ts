import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';

export interface ReceivedAndDisbursed {
  receivedFen: number;
  disbursedFen: number;
}

/** The sums a new disbursement is checked against, read inside the transaction that records it. */
@Injectable()
export class DisbursementsRepository {
  /** One disbursement (or void) of a campaign at a time, so two that each fit cannot together exceed. */
  async lockCampaign(m: EntityManager, campaignId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('disbursement'), hashtext($1))`, [campaignId]);
  }

  async campaignSums(m: EntityManager, campaignId: string): Promise<ReceivedAndDisbursed> {
    const [row]: { received: string; disbursed: string }[] = await m.query(
      `SELECT (SELECT coalesce(sum(amount_fen), 0) FROM campaign_counters WHERE campaign_id = $1) AS received,
              (SELECT coalesce(sum(amount_fen), 0) FROM disbursements WHERE campaign_id = $1 AND voided_at IS NULL) AS disbursed`,
      [campaignId],
    );
    return { receivedFen: toSafeInteger(row.received), disbursedFen: toSafeInteger(row.disbursed) };
  }

  async fundSums(m: EntityManager, fundId: string): Promise<ReceivedAndDisbursed> {
    const [row]: { received: string; disbursed: string }[] = await m.query(
      `SELECT (SELECT coalesce(sum(amount_fen), 0) FROM campaign_fund_counters WHERE fund_id = $1) AS received,
              (SELECT coalesce(sum(amount_fen), 0) FROM disbursements WHERE fund_id = $1 AND voided_at IS NULL) AS disbursed`,
      [fundId],
    );
    return { receivedFen: toSafeInteger(row.received), disbursedFen: toSafeInteger(row.disbursed) };
  }

  /** The fund codes of a campaign's funds, by id (for listing disbursements). */
  async fundCodes(m: EntityManager, campaignId: string): Promise<Map<string, { code: string; name: string }>> {
    const rows: { id: string; code: string; name: string }[] = await m.query(`SELECT id, code, name FROM campaign_funds WHERE campaign_id = $1`, [campaignId]);
    return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
  }
}
