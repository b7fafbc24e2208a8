import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';

/** Money a provider says it moved. `applied` marks the one payment that settled its donation. */
@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'donation_id' }) donationId: string;
  @Column('text') provider: string;
  @Column('text', { name: 'transaction_id' }) transactionId: string;
  @Column('bigint', { name: 'amount_fen', transformer: fenTransformer }) amountFen: number;
  @Column('boolean') applied: boolean;
  @Column('timestamptz', { name: 'paid_at' }) paidAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
