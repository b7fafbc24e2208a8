import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsISO8601, IsString, Matches } from 'class-validator';
import { validateSync } from 'class-validator';
import { DomainError } from '../common/errors';
import { ISO_TIMESTAMP, parseTimestamp } from '../common/text';
import { DonationLedgerService } from '../donations/donation-ledger.service';
import { declaredMediaType, NotificationLogService, NotificationNote, parseCallbackJson } from './notification-log.service';
import { SandboxProvider } from '../payment-providers/sandbox.provider';
import { IsFen } from '../common/validation';

class SandboxNotification {
  // Printable ASCII only: a NUL byte would otherwise reach PostgreSQL, which refuses it.
  @IsString() @Matches(/^[\x21-\x7E]{1,64}$/) orderNo: string;
  @IsString() @Matches(/^[\x21-\x7E]{1,128}$/) transactionId: string;
  @IsFen({ min: 1, max: Number.MAX_SAFE_INTEGER, message: '$property must be an integer number' }) amountFen: number;
  @IsString() @Matches(ISO_TIMESTAMP) @IsISO8601({ strict: true }) paidAt: string;
}

/**
 * Sandbox callbacks: signature checked on the raw bytes, then the same ledger path as every provider;
 * every callback is recorded once with its outcome (a refused one with the refusal's code).
 */
@Injectable()
export class SandboxNotificationService {
  constructor(
    private readonly sandbox: SandboxProvider,
    private readonly log: NotificationLogService,
    private readonly ledger: DonationLedgerService,
  ) {}

  async handle(rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>): Promise<{ ok: true; outcome: string }> {
    if (!this.sandbox.isEnabled()) throw new DomainError('NOT_FOUND', '沙箱支付未启用');
    const note = this.log.open('sandbox', headers, rawBody ?? Buffer.alloc(0));
    try {
      return await this.settle(note, headers);
    } catch (error) {
      await this.log.recordFailure(note, error);
      throw error;
    }
  }

  private async settle(note: NotificationNote, headers: Record<string, string | string[] | undefined>): Promise<{ ok: true; outcome: string }> {
    const signature = headers['x-signature'];
    if (!this.sandbox.verify(note.body, Array.isArray(signature) ? signature[0] : signature)) {
      throw new DomainError('INVALID_SIGNATURE', '签名无效');
    }
    note.verified = true;
    if (declaredMediaType(headers) !== 'application/json') {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '通知须以 application/json 发送');
    }
    let notification: SandboxNotification;
    try {
      notification = plainToInstance(SandboxNotification, parseCallbackJson(note.body.toString('utf8')));
    } catch {
      throw new DomainError('MALFORMED_JSON', '通知内容不是有效的 JSON');
    }
    const errors = validateSync(notification ?? {}, { forbidUnknownValues: true });
    const paidAt = errors.length === 0 ? parseTimestamp(notification?.paidAt) : null;
    if (typeof notification !== 'object' || notification === null || Array.isArray(notification) || errors.length > 0 || !paidAt) {
      throw new DomainError('VALIDATION_FAILED', '通知字段不完整或格式错误');
    }
    note.refs = { orderNo: notification.orderNo, transactionId: notification.transactionId };
    // The notification is recorded inside the ledger's transaction, with what it changed.
    const outcome = await this.ledger.confirmPayment(
      { provider: 'sandbox', orderNo: notification.orderNo, transactionId: notification.transactionId, amountFen: notification.amountFen, paidAt },
      this.log.journal(note),
    );
    return { ok: true, outcome };
  }
}
