import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';

export type ReceiptRequestStatus = 'pending_review' | 'queued' | 'issued' | 'rejected';
export type DonorType = 'individual' | 'organization';
export type MatchMethod = 'order' | 'bank_reference' | 'staff' | 'none';

/**
 * A donor's request for a receipt. ID number, phone, email and address are held only as
 * ciphertext (`*Enc`, PiiCipher) with keyed hashes (`*Hash`) for lookups.
 */
@Entity('receipt_requests')
export class ReceiptRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('uuid', { name: 'donation_id', nullable: true }) donationId: string | null;
  /** A gift of goods instead of money (exactly one of donationId / inKindDonationId once queued). */
  @Column('uuid', { name: 'in_kind_donation_id', nullable: true }) inKindDonationId: string | null;
  /** Several gifts (合并开具), listed in receipt_request_gifts; donationId stays null. */
  @Column('boolean', { default: false }) aggregate: boolean;
  @Column('text', { name: 'order_no', nullable: true }) orderNo: string | null;
  @Column('text', { name: 'bank_reference', nullable: true }) bankReference: string | null;
  @Column('bigint', { name: 'amount_fen', transformer: fenTransformer }) amountFen: number;
  @Column('text', { name: 'donor_type' }) donorType: DonorType;
  @Column('text') name: string;
  @Column('text', { name: 'invoice_title' }) invoiceTitle: string;
  @Column('text', { name: 'id_number_enc', nullable: true }) idNumberEnc: string | null;
  @Column('text', { name: 'id_number_hash', nullable: true }) idNumberHash: string | null;
  @Column('text', { name: 'credit_code', nullable: true }) creditCode: string | null;
  @Column('text', { name: 'phone_enc' }) phoneEnc: string;
  @Column('text', { name: 'phone_hash' }) phoneHash: string;
  @Column('text', { name: 'email_enc' }) emailEnc: string;
  @Column('text', { name: 'email_hash' }) emailHash: string;
  @Column('text', { name: 'mailing_address_enc', nullable: true }) mailingAddressEnc: string | null;
  @Column('text', { name: 'screenshot_path', nullable: true }) screenshotPath: string | null;
  @Column('text') status: ReceiptRequestStatus;
  @Column('text', { name: 'match_method' }) matchMethod: MatchMethod;
  @Column('uuid', { name: 'proposed_donation_id', nullable: true }) proposedDonationId: string | null;
  /** The request carried the donation's claim token: only such a request (or a staff approval) holds the donation. */
  @Column('boolean', { name: 'claim_verified', default: false }) claimVerified: boolean;
  @Column('text', { name: 'reject_reason', nullable: true }) rejectReason: string | null;
  @Column('uuid', { name: 'reviewed_by', nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
