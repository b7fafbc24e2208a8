import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '../database/fen.transformer';
import type { CampaignDisclosure } from './campaign-disclosure';

@Entity('campaigns')
export class Campaign {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') title: string;
  @Column('text', { name: 'receipt_prefix' }) receiptPrefix: string;
  @Column('bigint', { name: 'goal_fen', nullable: true, transformer: fenTransformer }) goalFen: number | null;
  @Column('bigint', { name: 'receipt_threshold_fen', transformer: fenTransformer, default: 10000 }) receiptThresholdFen: number;
  @Column('timestamptz', { name: 'starts_at', nullable: true }) startsAt: Date | null;
  @Column('timestamptz', { name: 'ends_at', nullable: true }) endsAt: Date | null;
  @Column('boolean', { name: 'auto_approve_receipts', default: true }) autoApproveReceipts: boolean;
  @Column('text') organisation: string;
  /** 收款人 printed on its receipts (Art. 6), e.g. the foundation's cashier; null: signed by hand. */
  @Column('text', { name: 'receipt_payee', nullable: true }) receiptPayee: string | null;
  /** Shown on the fundraising pages; null when none was set. */
  @Column('jsonb', { nullable: true }) disclosure: CampaignDisclosure | null;
  /** A publication is due at least this often (at most 90 days: every three months). */
  @Column('integer', { name: 'disclosure_interval_days', default: 90 }) disclosureIntervalDays: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export type CampaignStatus = 'upcoming' | 'active' | 'ended';

export function campaignStatus(campaign: Pick<Campaign, 'startsAt' | 'endsAt'>, now = new Date()): CampaignStatus {
  if (campaign.startsAt && campaign.startsAt > now) return 'upcoming';
  if (campaign.endsAt && campaign.endsAt <= now) return 'ended';
  return 'active';
}
