import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { InKindDonation, InKindDonationLine } from './in-kind-donation.entity';
import { InKindInspection, InKindInspectionLine } from './in-kind-inspection.entity';

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
}
