import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';

export type RefundStatus = 'processing' | 'succeeded' | 'failed';

/**
 * A refund of a whole donation. `refundNo` is what the provider knows it by (out_refund_no,
 * out_request_no) and is reused on every retry, so the provider refunds at most once.
 */
@Entity('refunds')
export class Refund {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'donation_id' }) donationId: string;
  @Column('text', { name: 'refund_no' }) refundNo: string;
  @Column('text') provider: string;
  @Column('bigint', { name: 'amount_fen', transformer: fenTransformer }) amountFen: number;
  @Column('text') reason: string;
  @Column('text') status: RefundStatus;
  @Column('text', { name: 'provider_refund_id', nullable: true }) providerRefundId: string | null;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason: string | null;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
  @Column('text', { name: 'request_hash', nullable: true }) requestHash: string | null;
  @Column('uuid', { name: 'requested_by', nullable: true }) requestedBy: string | null;
  @Column('timestamptz', { name: 'succeeded_at', nullable: true }) succeededAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
