import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { parseYuanToFen } from '../../common/money';
import { parseTimestamp } from '../../common/text';
import { DonationLedgerService } from '../../donations/donation-ledger.service';
import { declaredMediaType, NotificationLogService, NotificationNote } from '../notification-log.service';
import { rsa2Verify, signingString } from '../../payment-providers/alipay/alipay-sign';

type Headers = Record<string, string | string[] | undefined>;

/**
 * `POST /api/payments/alipay/notify`: Alipay's asynchronous notification, a form signed with RSA2.
 * Recorded once with its outcome; answered with the plain text `success` only once the payment is recorded
 * (anything else makes Alipay send it again).
 */
@Injectable()
export class AlipayNotificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly log: NotificationLogService,
    private readonly ledger: DonationLedgerService,
  ) {}

  async handle(rawBody: Buffer | undefined, headers: Headers): Promise<{ outcome: string }> {
    const cfg = this.config.alipay;
    if (!cfg) throw new DomainError('NOT_FOUND', '支付宝未启用');
    const note = this.log.open('alipay', headers, rawBody ?? Buffer.alloc(0));
    try {
      return await this.settle(note, headers, cfg);
    } catch (error) {
      // Every refusal is recorded with its code (and whether the signature had checked out).
      await this.log.recordFailure(note, error);
      throw error;
    }
  }

  private async settle(note: NotificationNote, headers: Headers, cfg: NonNullable<AppConfig['alipay']>): Promise<{ outcome: string }> {
    // A refusal before the RSA2 signature checks out (the media type) is of an unverified body.
    if (declaredMediaType(headers) !== 'application/x-www-form-urlencoded') {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '通知须以表单（application/x-www-form-urlencoded）发送');
    }
    const params = Object.fromEntries(new URLSearchParams(note.body.toString('utf8'))) as Record<string, string>;
    if (params.sign_type !== 'RSA2' || !params.sign || !rsa2Verify(signingString(params, ['sign', 'sign_type']), params.sign, cfg.alipayPublicKey)) {
      throw new DomainError('INVALID_SIGNATURE', '支付宝通知验签失败');
    }
    note.verified = true;
    const refs = { orderNo: params.out_trade_no ?? '', transactionId: params.trade_no ?? '' };
    note.refs = refs;
    if (params.trade_status !== 'TRADE_SUCCESS' && params.trade_status !== 'TRADE_FINISHED') {
      await this.log.record(note, { outcome: `IGNORED:${String(params.trade_status).slice(0, 40)}` });
      return { outcome: 'IGNORED' };
    }
    let amountFen: number;
    try {
      amountFen = parseYuanToFen(params.total_amount ?? '');
    } catch {
      throw new DomainError('VALIDATION_FAILED', '通知金额格式不正确');
    }
    const paidAt = params.gmt_payment ? parseTimestamp(params.gmt_payment.replace(' ', 'T') + '+08:00') : new Date();
    if (
      params.app_id !== cfg.appId ||
      (cfg.sellerId !== null && params.seller_id !== cfg.sellerId) ||
      !/^[\x21-\x7E]{1,64}$/.test(refs.orderNo) ||
      !/^[\x21-\x7E]{1,128}$/.test(refs.transactionId) ||
      amountFen < 1 ||
      !paidAt
    ) {
      throw new DomainError('VALIDATION_FAILED', '通知内容与本应用不符或字段不完整');
    }
    // The notification is recorded inside the ledger's transaction, with what it changed.
    const outcome = await this.ledger.confirmPayment(
      { provider: 'alipay', orderNo: refs.orderNo, transactionId: refs.transactionId, amountFen, paidAt },
      this.log.journal(note),
    );
    return { outcome };
  }
}
