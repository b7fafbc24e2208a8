import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const STAFF_ROLES = ['admin', 'finance', 'warehouse', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

@Entity('staff_users')
export class StaffUser {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text') name: string;
  @Column('text') role: StaffRole;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  /** Bumped on sign-out and password change: every token carrying an older version is refused. */
  @Column('integer', { name: 'token_version' }) tokenVersion: number;
  @Column('boolean') disabled: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
