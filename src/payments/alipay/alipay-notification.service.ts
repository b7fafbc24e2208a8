import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { parseYuanToFen } from '../../common/money';
import { parseTimestamp } from '../../common/text';
import { DonationLedgerService } from '../../donations/donation-ledger.service';
import { declaredMediaType, NotificationLogService } from '../notification-log.service';
import { rsa2Verify, signingString } from './alipay-sign';

type Headers = Record<string, string | string[] | undefined>;

/**
 * `POST /api/payments/alipay/notify`: Alipay's asynchronous notification, a form signed with RSA2.
 * Kept raw first; answered with the plain text `success` only once the payment is recorded
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
    const body = rawBody ?? Buffer.alloc(0);
    const id = await this.log.received('alipay', headers, body);
    // Set once the RSA2 signature checks out: a refusal before that (the media type) is of an unverified body.
    let verified = false;
    const refuse = async (outcome: string, error: DomainError, refs: { orderNo?: string; transactionId?: string } = {}): Promise<never> => {
      await this.log.outcome(id, { signatureValid: verified, outcome, ...refs });
      throw error;
    };
    if (declaredMediaType(headers) !== 'application/x-www-form-urlencoded') {
      return refuse('UNSUPPORTED_MEDIA_TYPE', new DomainError('UNSUPPORTED_MEDIA_TYPE', '通知须以表单（application/x-www-form-urlencoded）发送'));
    }
    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8'))) as Record<string, string>;
    if (params.sign_type !== 'RSA2' || !params.sign || !rsa2Verify(signingString(params, ['sign', 'sign_type']), params.sign, cfg.alipayPublicKey)) {
      return refuse('INVALID_SIGNATURE', new DomainError('INVALID_SIGNATURE', '支付宝通知验签失败'));
    }
    verified = true;
    const refs = { orderNo: params.out_trade_no ?? '', transactionId: params.trade_no ?? '' };
    if (params.trade_status !== 'TRADE_SUCCESS' && params.trade_status !== 'TRADE_FINISHED') {
      await this.log.outcome(id, { signatureValid: true, outcome: `IGNORED:${String(params.trade_status).slice(0, 40)}`, ...refs });
      return { outcome: 'IGNORED' };
    }
    let amountFen: number;
    try {
      amountFen = parseYuanToFen(params.total_amount ?? '');
    } catch {
      return refuse('VALIDATION_FAILED', new DomainError('VALIDATION_FAILED', '通知金额格式不正确'), refs);
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
      return refuse('VALIDATION_FAILED', new DomainError('VALIDATION_FAILED', '通知内容与本应用不符或字段不完整'), refs);
    }
    try {
      const outcome = await this.ledger.confirmPayment({ provider: 'alipay', orderNo: refs.orderNo, transactionId: refs.transactionId, amountFen, paidAt });
      await this.log.outcome(id, { signatureValid: true, outcome, ...refs });
      return { outcome };
    } catch (error) {
      await this.log.outcome(id, { signatureValid: true, outcome: error instanceof DomainError ? error.code : 'ERROR', ...refs }).catch(() => undefined);
      throw error;
    }
  }
}
