import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A designated fund (定向捐赠) of a campaign: donations and disbursements may name one. */
@Entity('campaign_funds')
export class CampaignFund {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('integer') position: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
