import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { parseTimestamp } from '../../common/text';
import { PaymentInstructions, PaymentOrder, PaymentProvider, RefundFailure, RefundOrder, RefundResult } from '../providers/payment-provider';
import { WechatPayClient, WechatPayError } from './wechatpay.client';

/** WeChat Pay Native: on when WECHATPAY_MCH_ID and its keys are configured. */
@Injectable()
export class WechatPayProvider implements PaymentProvider {
  readonly channel = 'wechatpay' as const;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: WechatPayClient,
  ) {}

  isEnabled(): boolean {
    return this.config.wechatPay !== null;
  }

  async startPayment(order: PaymentOrder): Promise<PaymentInstructions> {
    try {
      const codeUrl = await this.client.createNativeOrder(order);
      // codeUrl for apps that draw their own QR code; checkoutUrl is our page that shows it.
      return {
        provider: 'wechatpay',
        codeUrl,
        checkoutUrl: `${this.config.publicBaseUrl}/pay/wechatpay/${encodeURIComponent(order.orderNo)}`,
        expiresAt: order.expiresAt.toISOString(),
      };
    } catch (error) {
      if (error instanceof WechatPayError) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', '微信支付暂时无法下单，请稍后重试');
      throw error;
    }
  }

  async closePayment(orderNo: string): Promise<void> {
    await this.client.closeOrder(orderNo);
  }

  /** WeChat usually answers PROCESSING; the REFUND.SUCCESS notification (or a query) settles it. */
  async refund(order: RefundOrder): Promise<RefundResult> {
    let answer;
    try {
      answer = await this.client.refund(order);
    } catch (error) {
      if (!(error instanceof WechatPayError)) throw error;
      // A 4xx with a code is WeChat saying no (NOT_ENOUGH, INVALID_REQUEST…); anything else is unknown.
      const definite =
        error.status !== undefined &&
        error.status >= 400 &&
        error.status < 500 &&
        error.code !== undefined &&
        error.code !== 'FREQUENCY_LIMITED' &&
        error.code !== 'SYSTEM_ERROR';
      throw new RefundFailure(error.message, definite);
    }
    if (answer.status === 'CLOSED' || answer.status === 'ABNORMAL') throw new RefundFailure(`WeChat Pay refund ${answer.status}`, true);
    if (answer.status === 'SUCCESS') {
      return { status: 'succeeded', providerRefundId: answer.refund_id, succeededAt: parseTimestamp(answer.success_time) ?? new Date() };
    }
    return { status: 'processing', providerRefundId: answer.refund_id };
  }
}
