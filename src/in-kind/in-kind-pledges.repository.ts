import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { InKindDonation, InKindDonationLine, InKindDonationStatus } from './in-kind-donation.entity';
import { InKindInspection, InKindInspectionLine } from './in-kind-inspection.entity';

/** A pledge as staff record it (the rest is the table's defaults). */
export type NewPledge = Pick<
  InKindDonation,
  'campaignId' | 'donorName' | 'donorType' | 'phoneEnc' | 'phoneHash' | 'note' | 'status' | 'idempotencyKey' | 'requestHash' | 'createdBy'
>;
export type NewPledgeLine = Omit<InKindDonationLine, 'id' | 'cancelledQuantity'>;
export type NewInspection = Pick<InKindInspection, 'inKindDonationId' | 'idempotencyKey' | 'requestHash' | 'inspectedBy' | 'inspectedAt'>;

/** SQL of pledges of goods (in_kind_donations), their lines and their inspections. */
@Injectable()
export class InKindPledgesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<InKindDonation | null> {
    return m.getRepository(InKindDonation).findOneBy({ id });
  }

  /** The lines of these pledges. */
  linesOf(donationIds: string[], m: EntityManager = this.dataSource.manager): Promise<InKindDonationLine[]> {
    return m.getRepository(InKindDonationLine).findBy({ inKindDonationId: In(donationIds) });
  }

  /** The inspections of these pledges, oldest first. */
  inspectionsOf(donationIds: string[]): Promise<InKindInspection[]> {
    return this.dataSource.getRepository(InKindInspection).find({ where: { inKindDonationId: In(donationIds) }, order: { inspectedAt: 'ASC' } });
  }

  inspectionLinesOf(inspectionIds: string[]): Promise<InKindInspectionLine[]> {
    return this.dataSource.getRepository(InKindInspectionLine).findBy({ inspectionId: In(inspectionIds) });
  }

  /** The pledge, locked for the rest of the transaction; null when there is none. */
  lock(m: EntityManager, id: string): Promise<InKindDonation | null> {
    return m.getRepository(InKindDonation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateLine(m: EntityManager, lineId: string, fields: Partial<InKindDonationLine>): Promise<void> {
    await m.update(InKindDonationLine, { id: lineId }, fields);
  }

  async touch(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE in_kind_donations SET updated_at = now() WHERE id = $1`, [id]);
  }

  /** What the line still waits for (pledged, neither accepted nor rejected) becomes cancelled. */
  async cancelOutstanding(m: EntityManager, lineId: string): Promise<void> {
    await m.query(`UPDATE in_kind_donation_lines SET cancelled_quantity = quantity - accepted_quantity - rejected_quantity WHERE id = $1`, [lineId]);
  }

  async markCancelled(m: EntityManager, id: string, status: string, reason: string, actorId: string): Promise<void> {
    await m.query(`UPDATE in_kind_donations SET status = $2, cancelled_at = now(), cancel_reason = $3, cancelled_by = $4, updated_at = now() WHERE id = $1`, [
      id,
      status,
      reason,
      actorId,
    ]);
  }

  /** Whether a live receipt request (not rejected) or an issued receipt names the pledge. */
  async hasLiveReceipt(m: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM receipt_requests WHERE in_kind_donation_id = $1 AND status <> 'rejected'
       UNION ALL SELECT 1 FROM receipts WHERE in_kind_donation_id = $1 AND status = 'issued' LIMIT 1`,
      [id],
    );
    return rows.length > 0;
  }

  findByKey(idempotencyKey: string): Promise<InKindDonation | null> {
    return this.dataSource.getRepository(InKindDonation).findOneBy({ idempotencyKey });
  }

  getByKey(idempotencyKey: string): Promise<InKindDonation> {
    return this.dataSource.getRepository(InKindDonation).findOneByOrFail({ idempotencyKey });
  }

  /** Writes the pledge; a taken Idempotency-Key is a unique violation (in_kind_donations_idempotency_key) for the caller. */
  insert(m: EntityManager, pledge: NewPledge): Promise<InKindDonation> {
    return m.save(m.create(InKindDonation, pledge));
  }

  async insertLines(m: EntityManager, lines: NewPledgeLine[]): Promise<void> {
    await m.insert(InKindDonationLine, lines);
  }

  /** The pledge's inspection recorded under this Idempotency-Key, if any. */
  findInspectionByKey(m: EntityManager, donationId: string, idempotencyKey: string): Promise<InKindInspection | null> {
    return m.getRepository(InKindInspection).findOneBy({ inKindDonationId: donationId, idempotencyKey });
  }

  /** Writes the inspection; the returned entity carries its new id. */
  async insertInspection(m: EntityManager, inspection: NewInspection): Promise<InKindInspection> {
    const row = m.create(InKindInspection, inspection);
    await m.insert(InKindInspection, row);
    return row;
  }

  async insertInspectionLines(m: EntityManager, lines: InKindInspectionLine[]): Promise<void> {
    await m.insert(InKindInspectionLine, lines);
  }

  /** Adds what an inspection accepted and rejected to the pledge line. */
  async addInspected(m: EntityManager, lineId: string, acceptedQuantity: number, rejectedQuantity: number): Promise<void> {
    await m.query(`UPDATE in_kind_donation_lines SET accepted_quantity = accepted_quantity + $2, rejected_quantity = rejected_quantity + $3 WHERE id = $1`, [
      lineId,
      acceptedQuantity,
      rejectedQuantity,
    ]);
  }

  /** Goods of the pledge arrived now (the first arrival's time is kept). */
  async markReceived(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE in_kind_donations SET status = 'received', first_received_at = coalesce(first_received_at, now()), last_received_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Pledges of a campaign, newest first; `outstanding`: only those still expecting goods (or only those not). */
  search(campaignId: string, filter: { status?: InKindDonationStatus; outstanding?: boolean }, limit: number): Promise<InKindDonation[]> {
    const qb = this.dataSource
      .getRepository(InKindDonation)
      .createQueryBuilder('d')
      .where('d.campaign_id = :campaignId', { campaignId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit);
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.outstanding !== undefined) {
      qb.andWhere(
        `${filter.outstanding ? '' : 'NOT '}EXISTS (SELECT 1 FROM in_kind_donation_lines l WHERE l.in_kind_donation_id = d.id
           AND l.quantity - l.accepted_quantity - l.rejected_quantity - l.cancelled_quantity > 0)`,
      );
    }
    return qb.getMany();
  }
}
