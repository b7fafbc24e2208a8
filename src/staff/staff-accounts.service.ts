import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import { AuditLogService } from './audit/audit-log.service';
import { LoginThrottle } from './auth/login-throttle';
import type { StaffPrincipal } from './auth/staff-principal';
import { StaffRole } from './staff-user.entity';
import { StaffAccountRow, StaffUsersRepository } from './staff-users.repository';
import { MIN_PASSWORD_LENGTH, StaffUserView, toStaffUserView } from './dto/staff-user.view';

/**
 * What an admin does to another account (or their own): unlock sign-in, disable and re-enable,
 * reset the password, change the role, reset a lost second factor. Each is audited with the
 * account before and after; every change but an unlock ends the account's sessions. The last
 * active admin can be neither disabled nor demoted (409 LAST_ADMIN), so the foundation never
 * locks itself out of its own staff console.
 */
@Injectable()
export class StaffAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: StaffUsersRepository,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLogService,
  ) {}

  /** Clears every sign-in lock of the account, from every address. */
  async unlock(id: string, actor: StaffPrincipal): Promise<StaffUserView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.find(manager, id);
      await this.throttle.unlock(row.email);
      const view = toStaffUserView(row, false);
      await this.audit.record(manager, actor, { action: 'staff_user.unlock', entity: 'staff_user', entityId: id, after: view });
      return view;
    });
  }

  async disable(id: string, actor: StaffPrincipal): Promise<StaffUserView> {
    return this.change(id, actor, 'staff_user.disable', async (manager, row) => {
      if (row.role === 'admin' && !row.disabled) await this.keepAnAdmin(manager, row.id);
      return { disabled: true };
    });
  }

  async enable(id: string, actor: StaffPrincipal): Promise<StaffUserView> {
    return this.change(id, actor, 'staff_user.enable', async () => ({ disabled: false }));
  }

  async changeRole(id: string, role: StaffRole, actor: StaffPrincipal): Promise<StaffUserView> {
    return this.change(id, actor, 'staff_user.change_role', async (manager, row) => {
      if (row.role === 'admin' && role !== 'admin' && !row.disabled) await this.keepAnAdmin(manager, row.id);
      return { role };
    });
  }

  /** A new password set by an admin (told to its owner in person); sessions end and sign-in locks clear. */
  async resetPassword(id: string, password: string, actor: StaffPrincipal): Promise<StaffUserView> {
    if (password.length < MIN_PASSWORD_LENGTH) throw new DomainError('WEAK_PASSWORD', `密码至少 ${MIN_PASSWORD_LENGTH} 位`);
    const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
    const view = await this.change(id, actor, 'staff_user.reset_password', async () => ({ passwordHash }));
    await this.throttle.unlock(view.email);
    return view;
  }

  /** The owner lost their authenticator: the second factor is removed; they enrol again at next sign-in. */
  async resetSecondFactor(id: string, actor: StaffPrincipal): Promise<StaffUserView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.find(manager, id);
      const after = await this.accounts.clearTotp(manager, id);
      const view = toStaffUserView(after, false);
      await this.audit.record(manager, actor, {
        action: 'staff_user.reset_totp',
        entity: 'staff_user',
        entityId: id,
        before: toStaffUserView(before, false),
        after: view,
      });
      return view;
    });
  }

  private async change(
    id: string,
    actor: StaffPrincipal,
    action: string,
    decide: (manager: EntityManager, row: StaffAccountRow) => Promise<{ role?: StaffRole; disabled?: boolean; passwordHash?: string }>,
  ): Promise<StaffUserView> {
    return this.dataSource.transaction(async (manager) => {
      // Admins first, then the account, always in this order: two changes at once cannot deadlock.
      await this.accounts.lockActiveAdmins(manager);
      const before = await this.find(manager, id);
      const change = await decide(manager, before);
      const after = await this.accounts.update(manager, id, change);
      const view = toStaffUserView(after, false);
      await this.audit.record(manager, actor, { action, entity: 'staff_user', entityId: id, before: toStaffUserView(before, false), after: view });
      return view;
    });
  }

  private async keepAnAdmin(manager: EntityManager, leaving: string): Promise<void> {
    const admins = await this.accounts.lockActiveAdmins(manager);
    if (admins.filter((a) => a !== leaving).length === 0) {
      throw new DomainError('LAST_ADMIN', '这是最后一个启用的管理员账号，不能停用或更改角色；请先为另一位同事开通管理员');
    }
  }

  private async find(manager: EntityManager, id: string): Promise<StaffAccountRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.accounts.lockAccount(manager, id) : null;
    if (!row) throw new DomainError('STAFF_USER_NOT_FOUND', '账号不存在');
    return row;
  }
}
