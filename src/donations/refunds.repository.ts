import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Refund } from './refund.entity';

/** A refund as staff ask for it (the rest is the table's defaults). */
export type NewRefund = Pick<
  Refund,
  'donationId' | 'refundNo' | 'provider' | 'amountFen' | 'reason' | 'status' | 'idempotencyKey' | 'requestHash' | 'requestedBy'
>;

/** The columns a refund's settlement changes (updated_at follows). */
export type RefundPatch = Partial<Pick<Refund, 'status' | 'succeededAt' | 'providerRefundId' | 'failureReason'>>;

/** The latest refund of a donation, as the staff search lists it. */
export interface LatestRefund {
  refundNo: string;
  status: string;
  reason: string;
  failureReason: string | null;
}

/** The refunds table: one live refund per donation (a unique index), its number reused on every retry. */
@Injectable()
export class RefundsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByRefundNo(refundNo: string, manager: EntityManager = this.dataSource.manager): Promise<Refund | null> {
    return manager.getRepository(Refund).findOne({ where: { refundNo } });
  }

  getByRefundNo(refundNo: string, manager: EntityManager = this.dataSource.manager): Promise<Refund> {
    return manager.getRepository(Refund).findOneByOrFail({ refundNo });
  }

  /** The refund, locked (FOR UPDATE) until the caller's transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Refund> {
    return manager.getRepository(Refund).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The refund by its number, locked (FOR UPDATE) until the caller's transaction ends; null when there is none. */
  lockByRefundNo(manager: EntityManager, refundNo: string): Promise<Refund | null> {
    return manager.getRepository(Refund).findOne({ where: { refundNo }, lock: { mode: 'pessimistic_write' } });
  }

  findByIdempotencyKey(manager: EntityManager, idempotencyKey: string): Promise<Refund | null> {
    return manager.getRepository(Refund).findOne({ where: { idempotencyKey } });
  }

  /** The donation's refund still being processed, or the one that succeeded; null when neither. */
  findLive(manager: EntityManager, donationId: string): Promise<Refund | null> {
    return manager.getRepository(Refund).findOne({
      where: [
        { donationId, status: 'processing' },
        { donationId, status: 'succeeded' },
      ],
    });
  }

  /** Writes the refund; a taken Idempotency-Key is a unique violation (refunds_idempotency_key_key) for the caller. */
  async insert(manager: EntityManager, refund: NewRefund): Promise<void> {
    await manager.insert(Refund, manager.getRepository(Refund).create(refund));
  }

  async update(manager: EntityManager, id: string, patch: RefundPatch): Promise<void> {
    await manager.update(Refund, { id }, patch);
  }

  /** Keeps the provider's refund id of a refund still processing. */
  async setProviderRefundId(id: string, providerRefundId: string): Promise<void> {
    await this.dataSource.getRepository(Refund).update({ id, status: 'processing' }, { providerRefundId });
  }

  forDonation(donationId: string): Promise<Refund[]> {
    return this.dataSource.getRepository(Refund).find({ where: { donationId }, order: { createdAt: 'DESC' } });
  }

  /** The latest refund of each donation listed. */
  async latestOf(donationIds: string[]): Promise<Map<string, LatestRefund>> {
    if (donationIds.length === 0) return new Map();
    const rows: { donation_id: string; refund_no: string; status: string; reason: string; failure_reason: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (donation_id) donation_id, refund_no, status, reason, failure_reason FROM refunds WHERE donation_id = ANY($1::uuid[]) ORDER BY donation_id, created_at DESC`,
      [donationIds],
    );
    return new Map(rows.map((r) => [r.donation_id, { refundNo: r.refund_no, status: r.status, reason: r.reason, failureReason: r.failure_reason }]));
  }
}
