import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_email', nullable: true }) actorEmail: string | null;
  @Column('text') action: string;
  @Column('text') entity: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId: string | null;
  /* eslint-disable @typescript-eslint/no-explicit-any -- jsonb: the record as it was and as it became, any shape */
  @Column('jsonb', { nullable: true }) before: Record<string, any> | null;
  @Column('jsonb', { nullable: true }) after: Record<string, any> | null;
  /* eslint-enable @typescript-eslint/no-explicit-any */
  @Column('text', { nullable: true }) ip: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}
