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
  @Column('integer', { name: 'token_version', default: 0 }) tokenVersion: number;
  @Column('boolean', { default: false }) disabled: boolean;
  /** The TOTP secret (PII cipher), once an enrolment was confirmed; never selected unless asked for. */
  @Column('text', { name: 'totp_secret_enc', nullable: true, select: false }) totpSecretEnc: string | null;
  @Column('timestamptz', { name: 'totp_enabled_at', nullable: true }) totpEnabledAt: Date | null;
  /** A secret shown to its owner and waiting for its first code. */
  @Column('text', { name: 'totp_pending_secret_enc', nullable: true, select: false }) totpPendingSecretEnc: string | null;
  /** Time step of the last accepted code: each code signs in once. */
  @Column('bigint', { name: 'totp_last_step', select: false, default: 0 }) totpLastStep: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
