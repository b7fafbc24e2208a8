import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { quantityTransformer } from './quantity.transformer';

export type StockMovementKind = 'received' | 'distributed' | 'adjusted';

/** Stock of one item in one campaign; on hand = received + adjusted - distributed, never below zero. */
@Entity('in_kind_stock')
export class InKindStock {
  @PrimaryColumn('uuid', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('text', { name: 'item_code' }) itemCode: string;
  @Column('bigint', { name: 'received_quantity', transformer: quantityTransformer, default: 0 }) receivedQuantity: number;
  @Column('bigint', { name: 'distributed_quantity', transformer: quantityTransformer, default: 0 }) distributedQuantity: number;
  @Column('bigint', { name: 'adjusted_quantity', transformer: quantityTransformer, default: 0 }) adjustedQuantity: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** Append-only: every change of stock, signed (distributions negative), with its cause. */
@Entity('in_kind_stock_movements')
export class InKindStockMovement {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('text', { name: 'item_code' }) itemCode: string;
  @Column('text') kind: StockMovementKind;
  @Column('bigint', { transformer: quantityTransformer }) quantity: number;
  @Column('uuid', { name: 'inspection_id', nullable: true }) inspectionId: string | null;
  @Column('uuid', { name: 'distribution_id', nullable: true }) distributionId: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
