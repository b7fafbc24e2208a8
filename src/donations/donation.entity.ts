import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { fenTransformer } from '../database/fen.transformer';
import type { PaymentChannel } from '../payment-providers/payment-provider';

export type DonationStatus = 'pending' | 'paid' | 'failed' | 'refunded';
export type DonationChannel = PaymentChannel;

/** One gift of money. `phoneEnc`, `payerAccountEnc` and `payerOpenidEnc` hold ciphertext only (PiiCipher). */
@Entity('donations')
export class Donation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'order_no' }) orderNo: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @ManyToOne(() => Campaign) @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'donations_campaign_id_fkey' }) campaign?: Campaign;
  /** The designated fund the donor chose (定向捐赠), or null. */
  @Column('uuid', { name: 'fund_id', nullable: true }) fundId: string | null;
  @Column('text') channel: DonationChannel;
  @Column('bigint', { name: 'amount_fen', transformer: fenTransformer }) amountFen: number;
  @Column('text', { default: 'pending' }) status: DonationStatus;
  @Column('text', { name: 'donor_name', nullable: true }) donorName: string | null;
  @Column('boolean', { default: false }) anonymous: boolean;
  @Column('boolean', { name: 'show_on_wall', default: false }) showOnWall: boolean;
  @Column('text', { name: 'phone_enc', nullable: true }) phoneEnc: string | null;
  @Column('text', { name: 'phone_hash', nullable: true }) phoneHash: string | null;
  @Column('text', { name: 'donor_key' }) donorKey: string;
  @Column('text', { nullable: true }) message: string | null;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
  @Column('text', { name: 'request_hash', nullable: true }) requestHash: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- jsonb: whatever the provider's instructions hold
  @Column('jsonb', { name: 'payment_instructions', nullable: true }) paymentInstructions: Record<string, any> | null;
  @Column('text', { name: 'bank_reference', nullable: true }) bankReference: string | null;
  @Column('text', { name: 'payer_account_enc', nullable: true }) payerAccountEnc: string | null;
  /** WeChat JSAPI: the openid the order was prepaid for (PiiCipher ciphertext; never shown or logged). */
  @Column('text', { name: 'payer_openid_enc', nullable: true }) payerOpenidEnc: string | null;
  @Column('timestamptz', { name: 'paid_at', nullable: true }) paidAt: Date | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('timestamptz', { name: 'flagged_at', nullable: true }) flaggedAt: Date | null;
  @Column('text', { name: 'flag_reason', nullable: true }) flagReason: string | null;
  /** Keyed hash of the claim token given to whoever created the order (ClaimTokens); null for bank transfers. */
  @Column('text', { name: 'claim_token_hash', nullable: true }) claimTokenHash: string | null;
  /** Staff hid the donor's message from the public wall (audited); the message itself is kept. */
  @Column('timestamptz', { name: 'message_hidden_at', nullable: true }) messageHiddenAt: Date | null;
  @Column('text', { name: 'message_hidden_reason', nullable: true }) messageHiddenReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
