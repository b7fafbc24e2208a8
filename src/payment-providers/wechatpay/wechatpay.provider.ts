import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { parseTimestamp } from '../../common/text';
import { PaymentInstructions, PaymentOrder, PaymentProvider, RefundFailure, RefundOrder, RefundResult } from '../payment-provider';
import { WechatPayClient, WechatPayError } from './wechatpay.client';

/** WeChat Pay (Native, H5, and JSAPI with WECHAT_APP_SECRET): on when WECHATPAY_MCH_ID and its keys are configured. */
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

  /** JSAPI inside WeChat is on when the official account's AppSecret is configured too. */
  jsapiEnabled(): boolean {
    return this.config.wechatPay?.appSecret != null;
  }

  /**
   * Inside WeChat: JSAPI (prepaid at once when the donor's openid is known, else the checkout page
   * gets it by the silent OAuth first); another phone browser: H5; a desktop: Native (a QR code).
   */
  async startPayment(order: PaymentOrder): Promise<PaymentInstructions> {
    const kind = order.client?.kind ?? 'desktop';
    const base = this.config.publicBaseUrl;
    const orderPath = encodeURIComponent(order.orderNo);
    try {
      if (kind === 'wechat' && this.jsapiEnabled()) {
        const checkoutUrl = `${base}/pay/wechatpay/${orderPath}/jsapi`;
        if (!order.client?.openid) return { provider: 'wechatpay', tradeType: 'JSAPI', checkoutUrl, expiresAt: order.expiresAt.toISOString() };
        try {
          const { prepayId, ...instructions } = await this.prepayJsapi(order, order.client.openid);
          return { ...instructions, prepayId, checkoutUrl };
        } catch (error) {
          // The browser's openid is not one of our AppID's: the order is still made (pending), and its
          // checkout page tells the donor, forgets that openid and asks WeChat again.
          if (error instanceof DomainError && error.code === 'WECHAT_OPENID_MISMATCH') {
            return { provider: 'wechatpay', tradeType: 'JSAPI', checkoutUrl, expiresAt: order.expiresAt.toISOString() };
          }
          throw error;
        }
      }
      if (kind === 'mobile' || kind === 'alipay') {
        const h5Url = await this.client.createH5Order({ ...order, payerIp: order.client?.ip ?? '127.0.0.1' });
        // WeChat's cashier sends the donor back to redirect_url (our result page, which waits for the notification).
        const checkoutUrl = `${h5Url}${h5Url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(`${base}/donations/${orderPath}`)}`;
        return { provider: 'wechatpay', tradeType: 'H5', checkoutUrl, expiresAt: order.expiresAt.toISOString() };
      }
      const codeUrl = await this.client.createNativeOrder(order);
      // codeUrl for apps that draw their own QR code; checkoutUrl is our page that shows it.
      return {
        provider: 'wechatpay',
        tradeType: 'NATIVE',
        codeUrl,
        checkoutUrl: `${base}/pay/wechatpay/${orderPath}`,
        expiresAt: order.expiresAt.toISOString(),
      };
    } catch (error) {
      throw orderError(error);
    }
  }

  /** A JSAPI order for this openid (`prepayId` to keep), and the parameters the page hands WeixinJSBridge. */
  async prepayJsapi(order: PaymentOrder, openid: string): Promise<PaymentInstructions & { prepayId: string }> {
    try {
      const prepayId = await this.client.createJsapiOrder({ ...order, openid });
      return { provider: 'wechatpay', tradeType: 'JSAPI', prepayId, jsapi: this.client.jsapiPayParams(prepayId), expiresAt: order.expiresAt.toISOString() };
    } catch (error) {
      throw orderError(error);
    }
  }

  /** Fresh bridge parameters (new timestamp and nonce) for a prepay_id already made. */
  jsapiParams(prepayId: string) {
    return this.client.jsapiPayParams(prepayId);
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

/** WeChat's refusal of a new order, as the donor is told it. */
function orderError(error: unknown): unknown {
  // A JSAPI order whose openid belongs to another AppID: WeChat answers PARAM_ERROR "appid和openid不匹配".
  if (error instanceof WechatPayError && error.code === 'PARAM_ERROR' && /openid/i.test(error.detail ?? '')) {
    return new DomainError('WECHAT_OPENID_MISMATCH', '您的微信身份与本公众号不匹配，请在本公众号内重新打开捐赠页后再支付');
  }
  if (error instanceof WechatPayError) return new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', '微信支付暂时无法下单，请稍后重试');
  return error;
}
