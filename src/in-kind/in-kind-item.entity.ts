import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const IN_KIND_CATEGORIES = ['防护类', '消毒类', '诊断类', '其他'] as const;
export type InKindCategory = (typeof IN_KIND_CATEGORIES)[number];

/** A good in the catalogue, counted in one unit; `standard` is what a medical-grade item must meet. */
@Entity('in_kind_items')
export class InKindItem {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('text') category: InKindCategory;
  @Column('text') unit: string;
  @Column('text', { nullable: true }) standard: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('integer', { name: 'sort_order', default: 1000 }) sortOrder: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
