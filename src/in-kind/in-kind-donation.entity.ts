import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';
import { quantityTransformer } from './quantity.transformer';

/** `cancelled`: cancelled before anything arrived; cancelled after a partial arrival stays `received`. */
export type InKindDonationStatus = 'pledged' | 'received' | 'cancelled';
export const IN_KIND_DONATION_STATUSES: InKindDonationStatus[] = ['pledged', 'received', 'cancelled'];
export type InKindDonorType = 'individual' | 'organization';

/** A pledge of goods; `received` once any of it arrived and was inspected. Phone only as ciphertext. */
@Entity('in_kind_donations')
export class InKindDonation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('text', { name: 'donor_name' }) donorName: string;
  @Column('text', { name: 'donor_type' }) donorType: InKindDonorType;
  @Column('text', { name: 'phone_enc', nullable: true }) phoneEnc: string | null;
  @Column('text', { name: 'phone_hash', nullable: true }) phoneHash: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text', { default: 'pledged' }) status: InKindDonationStatus;
  @Column('timestamptz', { name: 'first_received_at', nullable: true }) firstReceivedAt: Date | null;
  @Column('timestamptz', { name: 'last_received_at', nullable: true }) lastReceivedAt: Date | null;
  /** Set with the pledge's Idempotency-Key: sha256 of the request, to tell a retry from a reuse. */
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
  @Column('text', { name: 'request_hash', nullable: true }) requestHash: string | null;
  /** When what was still outstanding was cancelled, why, and by whom. */
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;
  @Column('uuid', { name: 'cancelled_by', nullable: true }) cancelledBy: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One good of a pledge (one line per item); accepted + rejected + cancelled never exceed the quantity pledged. */
@Entity('in_kind_donation_lines')
export class InKindDonationLine {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'in_kind_donation_id' }) inKindDonationId: string;
  @Column('text', { name: 'item_code' }) itemCode: string;
  @Column('bigint', { transformer: quantityTransformer }) quantity: number;
  /** Declared value of the whole line, in fen. */
  @Column('bigint', { name: 'valuation_fen', nullable: true, transformer: fenTransformer }) valuationFen: number | null;
  @Column('text', { nullable: true }) spec: string | null;
  @Column('text', { nullable: true }) batch: string | null;
  @Column('date', { name: 'expires_on', nullable: true }) expiresOn: string | null;
  @Column('bigint', { name: 'accepted_quantity', transformer: quantityTransformer, default: 0 }) acceptedQuantity: number;
  @Column('bigint', { name: 'rejected_quantity', transformer: quantityTransformer, default: 0 }) rejectedQuantity: number;
  /** The remainder that will not come (the pledge was cancelled); the quantity pledged is kept as it was. */
  @Column('bigint', { name: 'cancelled_quantity', transformer: quantityTransformer, default: 0 }) cancelledQuantity: number;
}

/** What is still expected of a line. */
export function outstandingOf(l: Pick<InKindDonationLine, 'quantity' | 'acceptedQuantity' | 'rejectedQuantity' | 'cancelledQuantity'>): number {
  return l.quantity - l.acceptedQuantity - l.rejectedQuantity - l.cancelledQuantity;
}
