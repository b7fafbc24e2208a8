import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { parseTimestamp } from '../../common/text';
import { PaymentInstructions, PaymentOrder, PaymentProvider, RefundFailure, RefundOrder, RefundResult } from '../payment-provider';
import { AlipayClient, AlipayError } from './alipay.client';

/** Alipay mobile website payment (wap.pay) on phones, face-to-face (当面付) precreate on desktops: on when ALIPAY_APP_ID and its keys are configured. */
@Injectable()
export class AlipayProvider implements PaymentProvider {
  readonly channel = 'alipay' as const;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: AlipayClient,
  ) {}

  isEnabled(): boolean {
    return this.config.alipay !== null;
  }

  /** On a phone (and inside the Alipay app): the wap.pay form; on a desktop: precreate's QR code. */
  async startPayment(order: PaymentOrder): Promise<PaymentInstructions> {
    const kind = order.client?.kind ?? 'desktop';
    if (kind !== 'desktop') {
      return {
        provider: 'alipay',
        tradeType: 'WAP',
        // Our page that signs a fresh form and submits it to the gateway at once.
        checkoutUrl: `${this.config.publicBaseUrl}/pay/alipay/${encodeURIComponent(order.orderNo)}`,
        form: this.wapForm(order),
        expiresAt: order.expiresAt.toISOString(),
      };
    }
    try {
      const codeUrl = await this.client.precreate({
        orderNo: order.orderNo,
        amountFen: order.amountFen,
        subject: order.description,
        expiresAt: order.expiresAt,
      });
      // On a phone, opening the qr_code link hands over to the Alipay app; elsewhere it is shown as a QR code.
      return { provider: 'alipay', tradeType: 'PRECREATE', codeUrl, checkoutUrl: codeUrl, expiresAt: order.expiresAt.toISOString() };
    } catch (error) {
      if (error instanceof AlipayError) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', '支付宝暂时无法下单，请稍后重试');
      throw error;
    }
  }

  /** The signed alipay.trade.wap.pay form for an order (signed anew each time: its timestamp is now). */
  wapForm(order: Pick<PaymentOrder, 'orderNo' | 'amountFen' | 'description' | 'expiresAt'>) {
    const base = this.config.publicBaseUrl;
    return this.client.wapPayForm({
      orderNo: order.orderNo,
      amountFen: order.amountFen,
      subject: order.description,
      expiresAt: order.expiresAt,
      returnUrl: `${base}/pay/alipay/return`,
      quitUrl: `${base}/donations/${encodeURIComponent(order.orderNo)}`,
    });
  }

  verifyReturn(query: Record<string, string>): boolean {
    return this.client.verifyReturn(query);
  }

  async closePayment(orderNo: string): Promise<void> {
    await this.client.close(orderNo);
  }

  /** Alipay refunds synchronously: code 10000 is done; 40004 is a refusal; anything else is unknown. */
  async refund(order: RefundOrder): Promise<RefundResult> {
    let answer;
    try {
      answer = await this.client.refund(order);
    } catch (error) {
      if (error instanceof AlipayError) throw new RefundFailure(error.message, false);
      throw error;
    }
    if (answer.code === '10000') {
      const succeededAt = answer.gmt_refund_pay ? parseTimestamp(answer.gmt_refund_pay.replace(' ', 'T') + '+08:00') : null;
      return { status: 'succeeded', providerRefundId: answer.trade_no, succeededAt: succeededAt ?? new Date() };
    }
    throw new RefundFailure(`Alipay refund failed: ${answer.code} ${answer.sub_code ?? answer.msg ?? ''}`.trim(), answer.code === '40004');
  }
}
