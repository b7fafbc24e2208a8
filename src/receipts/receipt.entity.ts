import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';

export type ReceiptStatus = 'issued' | 'voided';

/** An issued (or voided) receipt. Its number is never reused; voided ones stay on record. */
@Entity('receipts')
export class Receipt {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'receipt_no' }) receiptNo: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('integer') year: number;
  @Column('integer') seq: number;
  @Column('text', { name: 'issue_key' }) issueKey: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'donation_id', nullable: true }) donationId: string | null;
  @Column('uuid', { name: 'in_kind_donation_id', nullable: true }) inKindDonationId: string | null;
  /** Several gifts on one record (合并开具): they are its `receipt_gifts`, and donationId is null. */
  @Column('boolean', { default: false }) aggregate: boolean;
  @Column('uuid', { name: 'replaces_receipt_id', nullable: true }) replacesReceiptId: string | null;
  @Column('text') status: ReceiptStatus;
  @Column('text', { name: 'donor_name' }) donorName: string;
  @Column('text', { name: 'invoice_title' }) invoiceTitle: string;
  /** Art. 6 交款人 of an organisation: its 统一社会信用代码, as issued. */
  @Column('text', { name: 'payer_credit_code', nullable: true }) payerCreditCode: string | null;
  /** Art. 6 复核人: the staff member who approved, or 系统自动核验 (claim-token approval). */
  @Column('text', { name: 'reviewer_name', nullable: true }) reviewerName: string | null;
  /** Art. 6 收款人: the campaign's receipt payee when issued (null: signed by hand). */
  @Column('text', { name: 'payee_name', nullable: true }) payeeName: string | null;
  @Column('bigint', { name: 'amount_fen', transformer: fenTransformer }) amountFen: number;
  @Column('timestamptz', { name: 'donated_at' }) donatedAt: Date;
  @Column('timestamptz', { name: 'issued_at', default: () => 'now()' }) issuedAt: Date;
  @Column('text', { name: 'pdf_path', nullable: true }) pdfPath: string | null;
  @Column('text', { name: 'pdf_sha256', nullable: true }) pdfSha256: string | null;
  /** The official receipt the stored PDF shows (a 捐赠票据); null: the PDF is a 捐赠证明. */
  @Column('uuid', { name: 'pdf_official_id', nullable: true }) pdfOfficialId: string | null;
  @Column('timestamptz', { name: 'email_claimed_at', nullable: true }) emailClaimedAt: Date | null;
  @Column('timestamptz', { name: 'emailed_at', nullable: true }) emailedAt: Date | null;
  /** The highest send delivered. */
  @Column('integer', { name: 'email_count', default: 0 }) emailCount: number;
  /** The highest send number queued (see receipt-sends.repository). */
  @Column('integer', { name: 'email_queued', default: 0 }) emailQueued: number;
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt: Date | null;
  /** When the donor was told by e-mail that the receipt was voided. */
  @Column('timestamptz', { name: 'void_emailed_at', nullable: true }) voidEmailedAt: Date | null;
  @Column('text', { name: 'void_reason', nullable: true }) voidReason: string | null;
  @Column('uuid', { name: 'voided_by', nullable: true }) voidedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
