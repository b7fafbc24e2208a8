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
  /** It made the fund (or campaign) show more disbursed than received when it was recorded. */
  @Column('boolean', { name: 'exceeds_received', default: false }) exceedsReceived: boolean;
  /** The excess confirmed by staff (when recorded, or later): until then it is marked on the public page. */
  @Column('boolean', { name: 'confirmed_exceeding', default: false }) confirmedExceeding: boolean;
  @Column('timestamptz', { name: 'exceeding_confirmed_at', nullable: true }) exceedingConfirmedAt: Date | null;
  @Column('uuid', { name: 'exceeding_confirmed_by', nullable: true }) exceedingConfirmedBy: string | null;
  /** The bank's reference of the transfer that paid it (once among the live disbursements). */
  @Column('text', { name: 'bank_reference', nullable: true }) bankReference: string | null;
  /** The proof of the transfer (PDF or image), under $STORAGE_DIR; public like the rest of the row, unless sealed. */
  @Column('text', { name: 'attachment_path', nullable: true }) attachmentPath: string | null;
  @Column('text', { name: 'attachment_type', nullable: true }) attachmentType: string | null;
  @Column('text', { name: 'attachment_sha256', nullable: true }) attachmentSha256: string | null;
  /** The proof holds personal data: stored sealed with the PII cipher and shown to staff only. */
  @Column('boolean', { name: 'attachment_sealed', default: false }) attachmentSealed: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
