import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { Donation } from '../donations/donation.entity';
import { ReceiptRequest, ReceiptRequestStatus } from './receipt-request.entity';

/** The columns a review (approve, reject) or the issuing job changes on a request (updated_at follows). */
export type ReceiptRequestPatch = Partial<
  Pick<ReceiptRequest, 'status' | 'donationId' | 'matchMethod' | 'reviewedBy' | 'reviewedAt' | 'rejectReason' | 'proposedDonationId'>
>;

/** A request as the review queue lists it, with its campaign's code. */
export interface ReviewedRequest {
  request: ReceiptRequest;
  campaignCode: string;
}

/** Donors' (and staff's) receipt requests, `receipt_requests`: one live request per donation (unique indexes). */
@Injectable()
export class ReceiptRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes a new request (the table's defaults filled in, read back); a taken donation is a unique violation for the caller. */
  insert(manager: EntityManager, request: DeepPartial<ReceiptRequest>): Promise<ReceiptRequest> {
    const repo = manager.getRepository(ReceiptRequest);
    return repo.save(repo.create(request));
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ReceiptRequest | null> {
    return manager.getRepository(ReceiptRequest).findOneBy({ id });
  }

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ReceiptRequest> {
    return manager.getRepository(ReceiptRequest).findOneByOrFail({ id });
  }

  /**
   * What the issuing job reads first, in one statement: the request, locked (FOR UPDATE of its row
   * alone) until the caller's transaction ends, with its campaign and the donation it names (null
   * for goods and aggregates). Three reads were three round trips of every receipt. Null when
   * there is no such request.
   */
  async lockForIssuing(manager: EntityManager, id: string): Promise<{ request: ReceiptRequest; campaign: Campaign; donation: Donation | null } | null> {
    type Joined = ReceiptRequest & { issuingCampaign?: Campaign; issuingDonation?: Donation | null };
    const joined: Joined | null = await manager
      .getRepository(ReceiptRequest)
      .createQueryBuilder('r')
      .innerJoinAndMapOne('r.issuingCampaign', Campaign, 'c', 'c.id = r.campaign_id')
      .leftJoinAndMapOne('r.issuingDonation', Donation, 'd', 'd.id = r.donation_id')
      .where('r.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['r'])
      .getOne();
    if (!joined) return null;
    const { issuingCampaign: campaign, issuingDonation: donation } = joined;
    delete joined.issuingCampaign;
    delete joined.issuingDonation;
    if (!campaign) throw new Error(`campaign of receipt request ${id} not found`);
    if (joined.donationId && !donation) throw new Error(`donation ${joined.donationId} of receipt request ${id} not found`);
    return { request: joined, campaign, donation: donation ?? null };
  }

  /** The request, locked (FOR UPDATE) until the caller's transaction ends; null when there is none. */
  lockById(manager: EntityManager, id: string): Promise<ReceiptRequest | null> {
    return manager.getRepository(ReceiptRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(manager: EntityManager, id: string, patch: ReceiptRequestPatch): Promise<void> {
    await manager.update(ReceiptRequest, { id }, patch);
  }

  /** The review queue, oldest first, at most `limit` of them; `total` counts every match. */
  async listForReview(query: { status?: ReceiptRequestStatus; campaignCode?: string; limit: number }): Promise<{ total: number; rows: ReviewedRequest[] }> {
    const qb = this.dataSource
      .getRepository(ReceiptRequest)
      .createQueryBuilder('r')
      .innerJoin('campaigns', 'c', 'c.id = r.campaign_id')
      .addSelect('c.code', 'campaign_code')
      .orderBy('r.created_at', 'ASC')
      .limit(query.limit);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.campaignCode) qb.andWhere('c.code = :code', { code: query.campaignCode });
    const total = await qb.clone().limit(undefined).getCount();
    const { entities, raw } = await qb.getRawAndEntities<{ campaign_code: string }>();
    return { total, rows: entities.map((request, i) => ({ request, campaignCode: raw[i].campaign_code })) };
  }

  /** The campaign's matched requests waiting for review (a mass approval's selection), oldest first, at most `limit`. */
  async approvableIds(campaignId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM receipt_requests
        WHERE campaign_id = $1 AND status = 'pending_review' AND (donation_id IS NOT NULL OR proposed_donation_id IS NOT NULL)
        ORDER BY created_at, id LIMIT ${limit}`,
      [campaignId],
    );
    return rows.map((r) => r.id);
  }

  /** Locks the requests naming this donation (FOR UPDATE, in id order) until the caller's transaction ends. */
  async lockByDonation(manager: EntityManager, donationId: string): Promise<void> {
    await manager.query(`SELECT id FROM receipt_requests WHERE donation_id = $1 ORDER BY id FOR UPDATE`, [donationId]);
  }

  /** Rejects the open requests (waiting or queued) naming this donation, and those of `alsoIds`; their ids. */
  async rejectOpen(manager: EntityManager, donationId: string, reason: string, alsoIds: string[]): Promise<string[]> {
    const rejected: { id: string }[] = await manager.query(
      `WITH r AS (UPDATE receipt_requests SET status = 'rejected', reject_reason = $2, updated_at = now()
                   WHERE (donation_id = $1 OR id = ANY($3::uuid[])) AND status IN ('pending_review', 'queued') RETURNING id)
       SELECT id FROM r`,
      [donationId, reason, alsoIds],
    );
    return rejected.map((r) => r.id);
  }
}
