import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';

export type DifferenceKind = 'UNKNOWN_ORDER' | 'AMOUNT_MISMATCH' | 'NOT_IN_STATEMENT' | 'UNKNOWN_REFUND';

/** One difference between a provider's statement and the ledger, kept for staff until resolved. */
@Entity('reconciliation_differences')
export class ReconciliationDifference {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') provider: string;
  @Column('date', { name: 'statement_date' }) statementDate: string;
  @Column('text') kind: DifferenceKind;
  @Column('text', { name: 'order_no', nullable: true }) orderNo: string | null;
  @Column('text', { name: 'transaction_id', nullable: true }) transactionId: string | null;
  @Column('bigint', { name: 'ledger_amount_fen', nullable: true, transformer: fenTransformer }) ledgerAmountFen: number | null;
  @Column('bigint', { name: 'provider_amount_fen', nullable: true, transformer: fenTransformer }) providerAmountFen: number | null;
  @Column('text') detail: string;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('uuid', { name: 'resolved_by', nullable: true }) resolvedBy: string | null;
  @Column('text', { name: 'resolution_note', nullable: true }) resolutionNote: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
