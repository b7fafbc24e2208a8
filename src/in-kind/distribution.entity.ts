import { CreateDateColumn, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Goods handed to a recipient (a hospital, a community team); its items are its stock movements. */
@Entity('distributions')
export class Distribution {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('text') recipient: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
  @Column('text', { name: 'request_hash', nullable: true }) requestHash: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
