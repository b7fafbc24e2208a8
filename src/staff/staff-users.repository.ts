import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StaffRole, StaffUser } from './staff-user.entity';

/** A staff account with what sign-in and the admin screens need (never the password hash). */
export interface StaffAccountRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  token_version: number;
  totp_enabled_at: Date | null;
  created_at: Date;
}

const ACCOUNT = `id, email, name, role, disabled, token_version, totp_enabled_at, created_at`;
/** The advisory lock under which the first admin is created from the configuration. */
const FIRST_ADMIN_LOCK = 7_202_003;

/** SQL of staff accounts for sign-in factors and account administration. */
@Injectable()
export class StaffUsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<StaffUser | null> {
    return this.dataSource.getRepository(StaffUser).findOneBy({ id });
  }

  /** The account, which must exist (TypeORM's EntityNotFoundError otherwise). */
  getById(id: string): Promise<StaffUser> {
    return this.dataSource.getRepository(StaffUser).findOneByOrFail({ id });
  }

  /** The account of this e-mail address (any case), with its password hash: for sign-in only. */
  findForSignIn(email: string): Promise<StaffUser | null> {
    return this.dataSource
      .getRepository(StaffUser)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  /** Every account, oldest first. */
  listAll(): Promise<StaffUser[]> {
    return this.dataSource.getRepository(StaffUser).find({ order: { createdAt: 'ASC' } });
  }

  /** Ends every session of the account: tokens carry the version they were issued under. */
  async bumpTokenVersion(manager: EntityManager, id: string): Promise<void> {
    await manager.increment(StaffUser, { id }, 'tokenVersion', 1);
  }

  /** Whether any account exists, asked under a lock held to the end of the transaction: one first admin, however many processes start. */
  async lockedAnyAccount(manager: EntityManager): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
    return (await manager.count(StaffUser)) > 0;
  }

  insert(manager: EntityManager, user: Pick<StaffUser, 'email' | 'name' | 'role' | 'passwordHash'>): Promise<StaffUser> {
    return manager.save(manager.create(StaffUser, { ...user, tokenVersion: 0, disabled: false }));
  }

  /** The account, locked for the rest of the transaction (admin changes, enrolment). */
  async lockAccount(manager: EntityManager, id: string): Promise<StaffAccountRow | null> {
    const rows: StaffAccountRow[] = await manager.query(`SELECT ${ACCOUNT} FROM staff_users WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Every active admin, locked: two admins demoting or disabling each other at once are served
   * one after the other, so the second sees that only one admin is left.
   */
  async lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM staff_users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`);
    return rows.map((r) => r.id);
  }

  /** Changes an account; every change ends the account's sessions (a new token version). */
  async update(manager: EntityManager, id: string, change: { role?: StaffRole; disabled?: boolean; passwordHash?: string }): Promise<StaffAccountRow> {
    const rows = updated<StaffAccountRow>(
      await manager.query(
        `UPDATE staff_users
          SET role = coalesce($2, role), disabled = coalesce($3, disabled), password_hash = coalesce($4, password_hash),
              token_version = token_version + 1, updated_at = now()
        WHERE id = $1
    RETURNING ${ACCOUNT}`,
        [id, change.role ?? null, change.disabled ?? null, change.passwordHash ?? null],
      ),
    );
    return rows[0];
  }

  async totpSecrets(id: string): Promise<{ secret: string | null; pending: string | null; lastStep: number } | null> {
    const rows: { totp_secret_enc: string | null; totp_pending_secret_enc: string | null; totp_last_step: string }[] = await this.dataSource.query(
      `SELECT totp_secret_enc, totp_pending_secret_enc, totp_last_step FROM staff_users WHERE id = $1`,
      [id],
    );
    return rows[0] ? { secret: rows[0].totp_secret_enc, pending: rows[0].totp_pending_secret_enc, lastStep: Number(rows[0].totp_last_step) } : null;
  }

  /** Takes a code's time step, once: false when that step (or a later one) was already used. */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    const rows = updated(
      await this.dataSource.query(`UPDATE staff_users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2 RETURNING id`, [id, step]),
    );
    return rows.length === 1;
  }

  async setPendingTotp(manager: EntityManager, id: string, secretEnc: string): Promise<void> {
    await manager.query(`UPDATE staff_users SET totp_pending_secret_enc = $2, updated_at = now() WHERE id = $1`, [id, secretEnc]);
  }

  /** The pending secret becomes the account's; its sessions end (the caller gets a new token). */
  async confirmTotp(manager: EntityManager, id: string, step: number): Promise<StaffAccountRow> {
    const rows = updated<StaffAccountRow>(
      await manager.query(
        `UPDATE staff_users
          SET totp_secret_enc = totp_pending_secret_enc, totp_pending_secret_enc = NULL, totp_enabled_at = now(), totp_last_step = $2,
              token_version = token_version + 1, updated_at = now()
        WHERE id = $1 AND totp_pending_secret_enc IS NOT NULL
    RETURNING ${ACCOUNT}`,
        [id, step],
      ),
    );
    return rows[0];
  }

  /** An admin's reset of a lost authenticator: no second factor until the owner enrols again. */
  async clearTotp(manager: EntityManager, id: string): Promise<StaffAccountRow> {
    const rows = updated<StaffAccountRow>(
      await manager.query(
        `UPDATE staff_users
          SET totp_secret_enc = NULL, totp_pending_secret_enc = NULL, totp_enabled_at = NULL, totp_last_step = 0,
              token_version = token_version + 1, updated_at = now()
        WHERE id = $1
    RETURNING ${ACCOUNT}`,
        [id],
      ),
    );
    return rows[0];
  }
}

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected count]. */
function updated<T = unknown>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
