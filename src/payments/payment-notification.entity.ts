import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every provider callback exactly as received, kept for audit whatever its outcome. */
@Entity('payment_notifications')
export class PaymentNotification {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text') provider: string;
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' }) receivedAt: Date;
  @Column('jsonb') headers: Record<string, string>;
  /** The whole body for a verified callback; only its first bytes for an unsigned or invalid one (bodyTruncated). */
  @Column('text', { name: 'raw_body' }) rawBody: string;
  @Column('text', { name: 'body_sha256', nullable: true }) bodySha256: string | null;
  @Column('integer', { name: 'body_bytes', nullable: true }) bodyBytes: number | null;
  @Column('boolean', { name: 'body_truncated', default: false }) bodyTruncated: boolean;
  @Column('boolean', { name: 'signature_valid' }) signatureValid: boolean;
  @Column('text', { name: 'order_no', nullable: true }) orderNo: string | null;
  @Column('text', { name: 'transaction_id', nullable: true }) transactionId: string | null;
  @Column('text') outcome: string;
}
