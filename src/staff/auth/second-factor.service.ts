import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { PiiCipher } from '../../common/pii-cipher';
import { AuditLogService } from '../audit/audit-log.service';
import { StaffUsersRepository } from '../staff-users.repository';
import { AuthService } from './auth.service';
import type { StaffPrincipal } from './staff-principal';
import { newTotpSecret, totpQrSvg, totpUri, verifyTotp } from './totp';

export interface TotpEnrolment {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  otpauthUrl: string;
  /** The same link as a QR code (SVG markup). */
  qrSvg: string;
}

/**
 * A staff member's own TOTP second factor: a secret is shown once (QR code), kept encrypted
 * (PII cipher) and pending until a code from it is confirmed; from then on sign-in asks for a code.
 * A lost authenticator is recovered by an admin's reset (StaffAccountsService.resetSecondFactor).
 */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: StaffUsersRepository,
    private readonly pii: PiiCipher,
    private readonly audit: AuditLogService,
    private readonly auth: AuthService,
  ) {}

  /** A new secret for the caller (replacing any pending one); 409 TOTP_ALREADY_ENABLED once enrolled. */
  async start(actor: StaffPrincipal): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    const account = await this.dataSource.transaction(async (manager) => {
      const row = await this.accounts.lockAccount(manager, actor.id);
      if (!row) throw new DomainError('STAFF_USER_NOT_FOUND', '账号不存在');
      if (row.totp_enabled_at) throw new DomainError('TOTP_ALREADY_ENABLED', '该账号已绑定身份验证器；如需更换，请联系管理员重置');
      await this.accounts.setPendingTotp(manager, actor.id, this.pii.encrypt(secret));
      await this.audit.record(manager, actor, { action: 'staff.totp_enrolment_started', entity: 'staff_user', entityId: actor.id });
      return row;
    });
    const otpauthUrl = totpUri(secret, account.email);
    return { secret, otpauthUrl, qrSvg: await totpQrSvg(otpauthUrl) };
  }

  /**
   * The first code from the pending secret turns the second factor on; every other session of the
   * account ends and this one continues with a new token that counts as signed in with it.
   */
  async confirm(actor: StaffPrincipal, code: string): Promise<{ enabled: true; accessToken: string; expiresIn: number }> {
    const secrets = await this.accounts.totpSecrets(actor.id);
    if (!secrets?.pending) throw new DomainError('TOTP_NOT_STARTED', '请先开始绑定身份验证器');
    const step = verifyTotp(this.pii.decrypt(secrets.pending), code, secrets.lastStep);
    if (step === null) throw new DomainError('TOTP_CODE_MISMATCH', '验证码不正确，请输入身份验证器当前显示的 6 位数字');
    const row = await this.dataSource.transaction(async (manager) => {
      const updated = await this.accounts.confirmTotp(manager, actor.id, step);
      if (!updated) throw new DomainError('TOTP_NOT_STARTED', '请先开始绑定身份验证器');
      await this.audit.record(manager, actor, { action: 'staff.totp_enabled', entity: 'staff_user', entityId: actor.id });
      return updated;
    });
    const token = await this.auth.issue({ id: row.id, role: row.role, tokenVersion: row.token_version }, true);
    return { enabled: true, ...token };
  }
}
