import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { AuditLogService } from '../audit/audit-log.service';
import { StaffRole, StaffUser } from '../staff-user.entity';
import { LoginThrottle } from './login-throttle';
import type { StaffPrincipal } from './staff-principal';

interface AccessTokenPayload {
  sub: string;
  role: StaffRole;
  ver: number;
}

// Verified against when the email is unknown, so both failures cost the same time.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= argon2.hash(randomBytes(16).toString('hex')));

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLogService,
  ) {}

  async login(email: string, password: string, ip: string | null): Promise<{ accessToken: string; expiresIn: number; role: StaffRole; name: string }> {
    const attempt = await this.throttle.beforeAttempt(email);
    const user = await this.dataSource
      .getRepository(StaffUser)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
    const ok = await argon2.verify(user?.passwordHash ?? (await getDummyHash()), password).catch(() => false);
    if (!user || !ok || user.disabled) {
      // The attempt was counted before the check; the last one allowed locks the address.
      if (attempt >= this.config.loginMaxAttempts) {
        this.logger.warn({ failures: attempt }, 'Staff sign-in locked after repeated failures');
        await this.audit.record(this.dataSource.manager, null, { action: 'staff.login_locked', entity: 'staff_user', entityId: user?.id ?? null });
      }
      throw new DomainError('INVALID_CREDENTIALS', '邮箱或密码不正确');
    }
    await this.throttle.reset(email);
    await this.audit.record(
      this.dataSource.manager,
      { id: user.id, email: user.email, role: user.role, ip },
      { action: 'staff.login', entity: 'staff_user', entityId: user.id },
    );
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, role: user.role, name: user.name };
  }

  /** Ends every session of this user: tokens carry the version they were issued under. */
  async logout(principal: StaffPrincipal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.increment(StaffUser, { id: principal.id }, 'tokenVersion', 1);
      await this.audit.record(manager, principal, { action: 'staff.logout', entity: 'staff_user', entityId: principal.id });
    });
  }

  async authenticate(token: string, ip: string | null): Promise<StaffPrincipal> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('UNAUTHENTICATED', '登录已失效，请重新登录');
    }
    const user = await this.dataSource.getRepository(StaffUser).findOne({ where: { id: payload.sub } });
    if (!user || user.disabled || user.tokenVersion !== payload.ver) {
      throw new DomainError('UNAUTHENTICATED', '登录已失效，请重新登录');
    }
    return { id: user.id, email: user.email, role: user.role, ip };
  }
}
