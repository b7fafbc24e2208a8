import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';

/** Where the money went: shown publicly beside the money raised. */
@Entity('disbursements')
export class Disbursement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('bigint', { name: 'amount_fen', transformer: fenTransformer }) amountFen: number;
  @Column('text') recipient: string;
  @Column('text') purpose: string;
  @Column('date', { name: 'disbursed_on' }) disbursedOn: string;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  /** The designated fund it was paid from, or null (the campaign's general money). */
  @Column('uuid', { name: 'fund_id', nullable: true }) fundId: string | null;
  /** A correction: a voided disbursement no longer counts, and stays listed with its reason. */
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt: Date | null;
  @Column('text', { name: 'void_reason', nullable: true }) voidReason: string | null;
  @Column('uuid', { name: 'voided_by', nullable: true }) voidedBy: string | null;
  /** Recorded although it made the fund (or campaign) show more disbursed than received, confirmed by staff. */
  @Column('boolean', { name: 'confirmed_exceeding', default: false }) confirmedExceeding: boolean;
  /** The proof of the transfer (PDF or image), under $STORAGE_DIR; public like the rest of the row. */
  @Column('text', { name: 'attachment_path', nullable: true }) attachmentPath: string | null;
  @Column('text', { name: 'attachment_type', nullable: true }) attachmentType: string | null;
  @Column('text', { name: 'attachment_sha256', nullable: true }) attachmentSha256: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
