import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every provider callback exactly as received, kept for audit whatever its outcome. */
@Entity('payment_notifications')
export class PaymentNotification {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text') provider: string;
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' }) receivedAt: Date;
  @Column('jsonb') headers: Record<string, string>;
  @Column('text', { name: 'raw_body' }) rawBody: string;
  @Column('boolean', { name: 'signature_valid' }) signatureValid: boolean;
  @Column('text', { name: 'order_no', nullable: true }) orderNo: string | null;
  @Column('text', { name: 'transaction_id', nullable: true }) transactionId: string | null;
  @Column('text') outcome: string;
}
