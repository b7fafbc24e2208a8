import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { parseTimestamp } from '../../common/text';
import { DonationLedgerService } from '../../donations/donation-ledger.service';
import { declaredMediaType, NotificationLogService, NotificationNote, parseCallbackJson } from '../notification-log.service';
import { decryptResource, EncryptedResource, verifyWechatSignature } from '../../payment-providers/wechatpay/wechatpay-crypto';
import { ProviderLedgerRepository } from '../reconciliation/provider-ledger.repository';
import { ReconciliationDifferencesService } from '../reconciliation/reconciliation-differences.service';
import { WechatRefund, WechatTransaction } from '../../payment-providers/wechatpay/wechatpay.client';
import { beijingDay } from './wechatpay-reconciler.service';

interface Notification {
  id?: string;
  event_type?: string;
  resource_type?: string;
  resource?: EncryptedResource;
}

type Headers = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * `POST /api/payments/wechatpay/notify`, as WeChat Pay API v3 sends it. Every notification is
 * recorded once with its outcome (NotificationLogService); first the signature (platform key by serial, fresh timestamp), then the resource
 * is decrypted, then the payment goes down the same ledger path as every provider.
 * Any non-2xx answer makes WeChat retry; 200 tells it to stop.
 */
@Injectable()
export class WechatPayNotificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orders: ProviderLedgerRepository,
    private readonly log: NotificationLogService,
    private readonly ledger: DonationLedgerService,
    private readonly differences: ReconciliationDifferencesService,
  ) {}

  async handle(rawBody: Buffer | undefined, headers: Headers): Promise<{ outcome: string }> {
    const cfg = this.config.wechatPay;
    if (!cfg) throw new DomainError('NOT_FOUND', '微信支付未启用');
    const note = this.log.open('wechatpay', headers, rawBody ?? Buffer.alloc(0));
    try {
      return await this.settle(note, headers, cfg);
    } catch (error) {
      // Every refusal is recorded with its code (and whether the signature had checked out).
      await this.log.recordFailure(note, error);
      throw error;
    }
  }

  private async settle(note: NotificationNote, headers: Headers, cfg: NonNullable<AppConfig['wechatPay']>): Promise<{ outcome: string }> {
    const body = note.body;
    const failure = verifyWechatSignature(
      {
        timestamp: first(headers['wechatpay-timestamp']),
        nonce: first(headers['wechatpay-nonce']),
        signature: first(headers['wechatpay-signature']),
        serial: first(headers['wechatpay-serial']),
        body,
      },
      cfg.platformKeys,
    );
    if (failure) throw new DomainError('INVALID_SIGNATURE', `微信支付通知验签失败（${failure}）`);
    note.verified = true;

    if (declaredMediaType(headers) !== 'application/json') {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '通知须以 application/json 发送');
    }
    let notification: Notification;
    try {
      notification = parseCallbackJson(body.toString('utf8')) as Notification;
    } catch {
      throw new DomainError('MALFORMED_JSON', '通知内容不是有效的 JSON');
    }
    if (typeof notification?.event_type === 'string' && notification.event_type.startsWith('REFUND.')) {
      return this.refund(note, notification, cfg.apiV3Key, cfg.mchId);
    }
    if (notification?.event_type !== 'TRANSACTION.SUCCESS') {
      // Other events are kept for audit; nothing to settle here.
      await this.log.record(note, { outcome: `IGNORED:${String(notification?.event_type).slice(0, 40)}` });
      return { outcome: 'IGNORED' };
    }
    let transaction: WechatTransaction;
    try {
      transaction = parseCallbackJson(decryptResource(notification.resource as EncryptedResource, cfg.apiV3Key)) as WechatTransaction;
    } catch {
      throw new DomainError('INVALID_RESOURCE', '通知密文无法解密或已被篡改');
    }
    const refs = { orderNo: String(transaction.out_trade_no ?? ''), transactionId: String(transaction.transaction_id ?? '') };
    note.refs = refs;
    const paidAt = parseTimestamp(transaction.success_time);
    const total = transaction.amount?.total;
    if (
      transaction.mchid !== cfg.mchId ||
      transaction.appid !== cfg.appId ||
      transaction.trade_state !== 'SUCCESS' ||
      !/^[\x21-\x7E]{1,64}$/.test(refs.orderNo) ||
      !/^[\x21-\x7E]{1,128}$/.test(refs.transactionId) ||
      !Number.isSafeInteger(total) ||
      (total as number) < 1 ||
      !paidAt
    ) {
      throw new DomainError('VALIDATION_FAILED', '通知内容与本商户不符或字段不完整');
    }
    // The notification is recorded inside the ledger's transaction, with what it changed.
    const outcome = await this.ledger.confirmPayment(
      { provider: 'wechatpay', orderNo: refs.orderNo, transactionId: refs.transactionId, amountFen: total as number, paidAt },
      this.log.journal(note),
    );
    return { outcome };
  }

  /**
   * REFUND.SUCCESS settles the refund in the ledger (donation `refunded`, totals, receipt);
   * REFUND.ABNORMAL and REFUND.CLOSED fail it (the donation stays paid). A refund the ledger never
   * asked for (made in WeChat's merchant console) is listed for staff and acknowledged.
   */
  private async refund(note: NotificationNote, notification: Notification, apiV3Key: Buffer, mchId: string): Promise<{ outcome: string }> {
    let refund: WechatRefund;
    try {
      refund = parseCallbackJson(decryptResource(notification.resource as EncryptedResource, apiV3Key)) as WechatRefund;
    } catch {
      throw new DomainError('INVALID_RESOURCE', '通知密文无法解密或已被篡改');
    }
    const refs = { orderNo: String(refund.out_trade_no ?? ''), transactionId: String(refund.out_refund_no ?? '') };
    note.refs = refs;
    const refundFen = refund.amount?.refund;
    if (refund.mchid !== mchId || !/^[A-Za-z0-9_-]{1,64}$/.test(refs.transactionId) || !Number.isSafeInteger(refundFen)) {
      throw new DomainError('VALIDATION_FAILED', '退款通知内容与本商户不符或字段不完整');
    }
    const known = await this.orders.refund(refs.transactionId);
    let outcome: string;
    if (!known) {
      await this.differences.record({
        provider: 'wechatpay',
        statementDate: beijingDay(),
        kind: 'UNKNOWN_REFUND',
        orderNo: refs.orderNo || null,
        transactionId: refund.refund_id ?? refs.transactionId,
        providerAmountFen: refundFen ?? null,
        detail: `微信退款通知（${notification.event_type}）：商户退款单号 ${refs.transactionId} 不是本系统发起的退款`,
      });
      outcome = 'UNKNOWN_REFUND';
    } else if (known.orderNo !== refs.orderNo || known.amountFen !== refundFen) {
      throw new DomainError('VALIDATION_FAILED', '退款通知的订单或金额与退款单不符');
    } else if (notification.event_type === 'REFUND.SUCCESS' && refund.refund_status === 'SUCCESS') {
      outcome = await this.ledger.settleRefund({
        refundNo: refs.transactionId,
        providerRefundId: refund.refund_id,
        succeededAt: parseTimestamp(refund.success_time) ?? new Date(),
        actor: null,
        source: 'wechatpay notification',
      });
    } else if (notification.event_type === 'REFUND.ABNORMAL' || notification.event_type === 'REFUND.CLOSED') {
      await this.ledger.failRefund(refs.transactionId, `WeChat Pay ${notification.event_type}`, null);
      outcome = 'REFUND_FAILED';
    } else {
      outcome = `IGNORED:${String(notification.event_type).slice(0, 40)}`;
    }
    await this.log.record(note, { outcome });
    return { outcome };
  }
}
