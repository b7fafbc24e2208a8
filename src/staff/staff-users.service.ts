import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, isUniqueViolation } from '../common/errors';
import { AuditLogService } from './audit/audit-log.service';
import type { StaffPrincipal } from './auth/staff-principal';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { LoginThrottle } from './auth/login-throttle';
import { StaffUser } from './staff-user.entity';
import { StaffUsersRepository } from './staff-users.repository';
import { MIN_PASSWORD_LENGTH, StaffUserView, staffUserViewOf } from './dto/staff-user.view';

export type { StaffUserView } from './dto/staff-user.view';

@Injectable()
export class StaffUsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaffUsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLogService,
    private readonly throttle: LoginThrottle,
    private readonly accounts: StaffUsersRepository,
  ) {}

  /** The first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD, only while no staff account exists. */
  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    await this.dataSource.transaction(async (manager) => {
      if (await this.accounts.lockedAnyAccount(manager)) return;
      const user = await this.insert(manager, { email: adminEmail, password: adminPassword, role: 'admin', name: '管理员' });
      await this.audit.record(manager, null, { action: 'staff_user.bootstrap_admin', entity: 'staff_user', entityId: user.id, after: this.map(user) });
      this.logger.log('First admin account created from ADMIN_EMAIL');
    });
  }

  async create(dto: CreateStaffUserDto, actor: StaffPrincipal): Promise<StaffUserView> {
    if (dto.password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('WEAK_PASSWORD', `密码至少 ${MIN_PASSWORD_LENGTH} 位`);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await this.insert(manager, dto);
        const view = this.map(user);
        await this.audit.record(manager, actor, { action: 'staff_user.create', entity: 'staff_user', entityId: user.id, after: view });
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'staff_users_email_key')) throw new DomainError('STAFF_EMAIL_TAKEN', '该邮箱已有账号');
      throw error;
    }
  }

  async list(): Promise<{ items: StaffUserView[] }> {
    const users = await this.accounts.listAll();
    const locked = await this.throttle.lockedOut(users.map((u) => u.email));
    return { items: users.map((u, i) => this.map(u, locked[i])) };
  }

  async get(id: string): Promise<StaffUserView> {
    const user = await this.accounts.findById(id);
    if (!user) throw new DomainError('NOT_FOUND', '账号不存在');
    const [locked] = await this.throttle.lockedOut([user.email]);
    return this.map(user, locked);
  }

  private async insert(manager: EntityManager, dto: CreateStaffUserDto): Promise<StaffUser> {
    const passwordHash = await argon2.hash(dto.password, { type: argon2.argon2id });
    return this.accounts.insert(manager, { email: dto.email.trim(), name: dto.name, role: dto.role, passwordHash });
  }

  private map(user: StaffUser, locked = false): StaffUserView {
    return staffUserViewOf(user, locked);
  }
}
