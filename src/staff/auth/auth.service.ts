import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { PiiCipher } from '../../common/pii-cipher';
import { AuditLogService } from '../audit/audit-log.service';
import { StaffRole, StaffUser } from '../staff-user.entity';
import { StaffUsersRepository } from '../staff-users.repository';
import { LoginAttempt, LoginThrottle } from './login-throttle';
import { secondFactorRequired } from './second-factor.policy';
import type { StaffPrincipal } from './staff-principal';
import { verifyTotp } from './totp';

interface AccessTokenPayload {
  sub: string;
  role: StaffRole;
  ver: number;
  /** Signed in with a second factor (TOTP). */
  mfa?: boolean;
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  role: StaffRole;
  name: string;
  /** STAFF_REQUIRE_2FA and this role, without a second factor yet: the token only serves enrolment. */
  secondFactorEnrolmentRequired?: true;
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
    private readonly accounts: StaffUsersRepository,
    private readonly pii: PiiCipher,
  ) {}

  /**
   * Email and password, then (for an account with a second factor) the TOTP code: without one,
   * 401 TOTP_REQUIRED once the password is right; a wrong one, 401 INVALID_TOTP_CODE. Every
   * failure counts in the throttle (per account and client address).
   */
  async login(email: string, password: string, ip: string | null, totpCode?: string): Promise<LoginResult> {
    const attempt = await this.throttle.beforeAttempt(email, ip);
    const user = await this.accounts.findForSignIn(email.trim());
    const ok = await argon2.verify(user?.passwordHash ?? (await getDummyHash()), password).catch(() => false);
    if (!user || !ok) await this.refuse(attempt, user, new DomainError('INVALID_CREDENTIALS', '邮箱或密码不正确'));
    const account = user!;
    if (account.disabled) await this.refuse(attempt, account, new DomainError('ACCOUNT_DISABLED', '该账号已停用，请联系管理员'));

    let mfa = false;
    if (account.totpEnabledAt) {
      if (!totpCode) await this.refuse(attempt, account, new DomainError('TOTP_REQUIRED', '请输入身份验证器中的 6 位动态验证码'), false);
      const secrets = await this.accounts.totpSecrets(account.id);
      const step = secrets?.secret ? verifyTotp(this.pii.decrypt(secrets.secret), totpCode!, secrets.lastStep) : null;
      if (step === null || !(await this.accounts.useTotpStep(account.id, step))) {
        await this.refuse(attempt, account, new DomainError('INVALID_TOTP_CODE', '动态验证码不正确或已使用，请等待下一个验证码'));
      }
      mfa = true;
    }
    await this.throttle.succeeded(attempt);
    await this.audit.record(
      this.dataSource.manager,
      { id: account.id, email: account.email, role: account.role, ip },
      { action: 'staff.login', entity: 'staff_user', entityId: account.id, after: { secondFactor: mfa } },
    );
    const result: LoginResult = { ...(await this.issue(account, mfa)), role: account.role, name: account.name };
    if (!mfa && secondFactorRequired(account.role, this.config.staffRequire2fa)) result.secondFactorEnrolmentRequired = true;
    return result;
  }

  /** A token for `user` at its current token version. */
  async issue(user: { id: string; role: StaffRole; tokenVersion: number }, mfa: boolean): Promise<{ accessToken: string; expiresIn: number }> {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, ver: user.tokenVersion, mfa };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds };
  }

  /**
   * Counts the failure (`counts`: a missing TOTP code after the right password is a step of the
   * sign-in, not a guess) and throws `error`; the failure that locks the pair is audited.
   */
  private async refuse(attempt: LoginAttempt, user: StaffUser | null, error: DomainError, counts = true): Promise<never> {
    if (counts && (await this.throttle.failed(attempt))) {
      this.logger.warn({ failures: attempt.number }, 'Staff sign-in locked after repeated failures');
      await this.audit.record(this.dataSource.manager, null, {
        action: 'staff.login_locked',
        entity: 'staff_user',
        entityId: user?.id ?? null,
        after: { address: attempt.address },
      });
    }
    throw error;
  }

  /** Ends every session of this user: tokens carry the version they were issued under. */
  async logout(principal: StaffPrincipal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.bumpTokenVersion(manager, principal.id);
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
    const user = await this.accounts.findById(payload.sub);
    if (!user || user.disabled || user.tokenVersion !== payload.ver) {
      throw new DomainError('UNAUTHENTICATED', '登录已失效，请重新登录');
    }
    const mfa = payload.mfa === true;
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      ip,
      secondFactor: mfa,
      secondFactorPending: !mfa && secondFactorRequired(user.role, this.config.staffRequire2fa),
    };
  }
}
