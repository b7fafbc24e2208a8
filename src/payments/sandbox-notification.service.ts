import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { validateSync } from 'class-validator';
import { DomainError } from '../common/errors';
import { DonationLedgerService } from '../donations/donation-ledger.service';
import { NotificationLogService } from './notification-log.service';
import { SandboxProvider } from './providers/sandbox.provider';

class SandboxNotification {
  @IsString() @MaxLength(64) orderNo: string;
  @IsString() @Matches(/^[\x21-\x7E]{1,128}$/) transactionId: string;
  @IsInt() amountFen: number;
  @IsISO8601({ strict: true }) paidAt: string;
}

/** Sandbox callbacks: kept raw, signature checked on the raw bytes, then the same ledger path as every provider. */
@Injectable()
export class SandboxNotificationService {
  constructor(
    private readonly sandbox: SandboxProvider,
    private readonly log: NotificationLogService,
    private readonly ledger: DonationLedgerService,
  ) {}

  async handle(rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>): Promise<{ ok: true; outcome: string }> {
    if (!this.sandbox.isEnabled()) throw new DomainError('NOT_FOUND', '沙箱支付未启用');
    const body = rawBody ?? Buffer.alloc(0);
    const id = await this.log.received('sandbox', headers, body);
    const signature = headers['x-signature'];
    if (!this.sandbox.verify(body, Array.isArray(signature) ? signature[0] : signature)) {
      await this.log.outcome(id, { signatureValid: false, outcome: 'INVALID_SIGNATURE' });
      throw new DomainError('INVALID_SIGNATURE', '签名无效');
    }
    let notification: SandboxNotification;
    try {
      notification = plainToInstance(SandboxNotification, JSON.parse(body.toString('utf8')));
    } catch {
      await this.log.outcome(id, { signatureValid: true, outcome: 'MALFORMED_JSON' });
      throw new DomainError('MALFORMED_JSON', '通知内容不是有效的 JSON');
    }
    const errors = validateSync(notification ?? {}, { forbidUnknownValues: true });
    if (typeof notification !== 'object' || notification === null || errors.length > 0) {
      await this.log.outcome(id, { signatureValid: true, outcome: 'VALIDATION_FAILED' });
      throw new DomainError('VALIDATION_FAILED', '通知字段不完整或格式错误');
    }
    const refs = { signatureValid: true, orderNo: notification.orderNo, transactionId: notification.transactionId };
    try {
      const outcome = await this.ledger.confirmPayment({
        provider: 'sandbox',
        orderNo: notification.orderNo,
        transactionId: notification.transactionId,
        amountFen: notification.amountFen,
        paidAt: new Date(notification.paidAt),
      });
      await this.log.outcome(id, { ...refs, outcome });
      return { ok: true, outcome };
    } catch (error) {
      await this.log.outcome(id, { ...refs, outcome: error instanceof DomainError ? error.code : 'ERROR' }).catch(() => undefined);
      throw error;
    }
  }
}
