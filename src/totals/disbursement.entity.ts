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
  /** The proof of the transfer (PDF or image), under $STORAGE_DIR; public like the rest of the row. */
  @Column('text', { name: 'attachment_path', nullable: true }) attachmentPath: string | null;
  @Column('text', { name: 'attachment_type', nullable: true }) attachmentType: string | null;
  @Column('text', { name: 'attachment_sha256', nullable: true }) attachmentSha256: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
