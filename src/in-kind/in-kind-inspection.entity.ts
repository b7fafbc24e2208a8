import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { quantityTransformer } from './quantity.transformer';

/** One arrival of goods of a pledge, inspected: partial arrivals are several inspections. */
@Entity('in_kind_inspections')
export class InKindInspection {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'in_kind_donation_id' }) inKindDonationId: string;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
  @Column('text', { name: 'request_hash', nullable: true }) requestHash: string | null;
  @Column('uuid', { name: 'inspected_by', nullable: true }) inspectedBy: string | null;
  @Column('timestamptz', { name: 'inspected_at', default: () => 'now()' }) inspectedAt: Date;
}

@Entity('in_kind_inspection_lines')
export class InKindInspectionLine {
  @PrimaryColumn('uuid', { name: 'inspection_id' }) inspectionId: string;
  @PrimaryColumn('text', { name: 'item_code' }) itemCode: string;
  @Column('bigint', { name: 'accepted_quantity', transformer: quantityTransformer }) acceptedQuantity: number;
  @Column('bigint', { name: 'rejected_quantity', transformer: quantityTransformer }) rejectedQuantity: number;
  @Column('text', { nullable: true }) reason: string | null;
}
