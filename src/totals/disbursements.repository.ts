import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';
import { Disbursement } from './disbursement.entity';

/** A disbursement as staff record it (the rest is the table's defaults). */
export type NewDisbursement = Pick<
  Disbursement,
  | 'campaignId'
  | 'fundId'
  | 'amountFen'
  | 'recipient'
  | 'purpose'
  | 'disbursedOn'
  | 'createdBy'
  | 'exceedsReceived'
  | 'confirmedExceeding'
  | 'exceedingConfirmedAt'
  | 'exceedingConfirmedBy'
  | 'bankReference'
  | 'attachmentPath'
  | 'attachmentType'
  | 'attachmentSha256'
  | 'attachmentSealed'
>;

/** A stored proof of payment, as the disbursement keeps it. */
export type DisbursementProof = Pick<Disbursement, 'attachmentPath' | 'attachmentType' | 'attachmentSha256' | 'attachmentSealed'>;

export interface ReceivedAndDisbursed {
  receivedFen: number;
  disbursedFen: number;
}

/**
 * The disbursements table, and the sums a new disbursement is checked against (read inside the
 * transaction that records it).
 */
@Injectable()
export class DisbursementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
  async fundCodes(campaignId: string, m: EntityManager = this.dataSource.manager): Promise<Map<string, { code: string; name: string }>> {
    const rows: { id: string; code: string; name: string }[] = await m.query(`SELECT id, code, name FROM campaign_funds WHERE campaign_id = $1`, [campaignId]);
    return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
  }

  /** The code of the campaign a disbursement belongs to. */
  async campaignCode(campaignId: string, m: EntityManager = this.dataSource.manager): Promise<string> {
    const [{ code }] = await m.query<Array<{ code: string }>>(`SELECT code FROM campaigns WHERE id = $1`, [campaignId]);
    return code;
  }

  insert(m: EntityManager, d: NewDisbursement): Promise<Disbursement> {
    return m.save(m.create(Disbursement, d));
  }

  findById(id: string): Promise<Disbursement | null> {
    return this.dataSource.getRepository(Disbursement).findOneBy({ id });
  }

  get(m: EntityManager, id: string): Promise<Disbursement> {
    return m.getRepository(Disbursement).findOneByOrFail({ id });
  }

  /** The disbursement, locked (FOR UPDATE) until the caller's transaction ends. */
  lock(m: EntityManager, id: string): Promise<Disbursement> {
    return m.getRepository(Disbursement).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Marks the excess over what was received as confirmed by `actorId`, now (the database's clock). */
  async confirmExceeding(m: EntityManager, id: string, actorId: string): Promise<void> {
    await m.update(Disbursement, { id }, { confirmedExceeding: true, exceedingConfirmedAt: () => 'now()', exceedingConfirmedBy: actorId });
  }

  /** Voids the disbursement now (the database's clock). */
  async markVoided(m: EntityManager, id: string, reason: string, actorId: string): Promise<void> {
    await m.update(Disbursement, { id }, { voidedAt: () => 'now()', voidReason: reason, voidedBy: actorId });
  }

  async setProof(m: EntityManager, id: string, proof: DisbursementProof): Promise<void> {
    await m.update(Disbursement, { id }, proof);
  }

  /** Recorded beyond what was received, not yet confirmed and not voided: oldest first. */
  pendingExceeding(campaignId: string): Promise<Disbursement[]> {
    return this.dataSource.getRepository(Disbursement).find({
      where: { campaignId, exceedsReceived: true, confirmedExceeding: false, voidedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  /** The campaign's disbursements, the latest date first. */
  forCampaign(campaignId: string): Promise<Disbursement[]> {
    return this.dataSource.getRepository(Disbursement).find({ where: { campaignId }, order: { disbursedOn: 'DESC', createdAt: 'DESC' } });
  }
}
