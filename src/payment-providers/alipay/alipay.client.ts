import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { formatYuan } from '../../common/money';
import { AlipayConfig } from '../../config/alipay.config';
import { beijingTime, responseSegment, rsa2Sign, rsa2Verify, signingString } from './alipay-sign';

export class AlipayError extends Error {}

/** An answer of the gateway (code 10000: done; 40004: refused, with sub_code; 20000 and others: unknown). */
export interface AlipayAnswer {
  code: string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
}

export interface AlipayTrade extends AlipayAnswer {
  trade_no?: string;
  out_trade_no?: string;
  trade_status?: string; // WAIT_BUYER_PAY, TRADE_CLOSED, TRADE_SUCCESS, TRADE_FINISHED
  total_amount?: string;
  send_pay_date?: string;
}

export interface AlipayRefundAnswer extends AlipayAnswer {
  trade_no?: string;
  fund_change?: string;
  refund_fee?: string;
  gmt_refund_pay?: string;
}

const TIMEOUT_MS = 10_000;

/** Calls to the Alipay open API gateway: RSA2-signed requests, answers verified with Alipay's key. */
@Injectable()
export class AlipayClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private settings(): AlipayConfig {
    if (!this.config.alipay) throw new AlipayError('Alipay is not configured');
    return this.config.alipay;
  }

  /** Face-to-face precreate: returns the `qr_code` the donor scans with Alipay. */
  async precreate(order: { orderNo: string; amountFen: number; subject: string; expiresAt: Date }): Promise<string> {
    const cfg = this.settings();
    const answer = await this.call<{ code: string; msg: string; qr_code?: string; sub_code?: string }>(
      'alipay.trade.precreate',
      {
        out_trade_no: order.orderNo,
        total_amount: formatYuan(order.amountFen),
        subject: order.subject.slice(0, 100),
        time_expire: beijingTime(order.expiresAt),
      },
      cfg.notifyUrl,
    );
    if (answer.code !== '10000' || !answer.qr_code) throw new AlipayError(`Alipay precreate failed: ${answer.code} ${answer.sub_code ?? answer.msg}`);
    return answer.qr_code;
  }

  /**
   * Mobile website payment (alipay.trade.wap.pay): not a call but a form the donor's browser submits
   * to the gateway, RSA2-signed like a call (every parameter but sign, sorted, empty ones left out).
   * Alipay sends the donor back to `return_url` and the truth to `notify_url`.
   */
  wapPayForm(order: { orderNo: string; amountFen: number; subject: string; expiresAt: Date; returnUrl: string; quitUrl: string }): {
    action: string;
    method: 'POST';
    fields: Record<string, string>;
  } {
    const cfg = this.settings();
    const params = this.signed(
      'alipay.trade.wap.pay',
      {
        out_trade_no: order.orderNo,
        total_amount: formatYuan(order.amountFen),
        subject: order.subject.slice(0, 100),
        product_code: 'QUICK_WAP_WAY',
        time_expire: beijingTime(order.expiresAt),
        quit_url: order.quitUrl,
      },
      { notify_url: cfg.notifyUrl, return_url: order.returnUrl },
    );
    return { action: `${cfg.gateway}?charset=utf-8`, method: 'POST', fields: params };
  }

  /**
   * Whether the query Alipay put on return_url is signed by Alipay (as notifications are: sign and
   * sign_type left out). Only says where the donor came from: the notification is what pays.
   */
  verifyReturn(query: Record<string, string>): boolean {
    const cfg = this.settings();
    if (query.sign_type !== undefined && query.sign_type !== 'RSA2') return false;
    if (!query.sign || (query.app_id !== undefined && query.app_id !== cfg.appId) || !query.out_trade_no) return false;
    const text = signingString(query, ['sign', 'sign_type']);
    // A `+` of the base64 signature that reached us unencoded was read as a space.
    return (
      rsa2Verify(text, query.sign, cfg.alipayPublicKey) || (query.sign.includes(' ') && rsa2Verify(text, query.sign.replace(/ /g, '+'), cfg.alipayPublicKey))
    );
  }

  async close(orderNo: string): Promise<void> {
    const answer = await this.call<{ code: string; sub_code?: string }>('alipay.trade.close', { out_trade_no: orderNo });
    if (answer.code !== '10000' && answer.sub_code !== 'ACQ.TRADE_NOT_EXIST')
      throw new AlipayError(`Alipay close failed: ${answer.code} ${answer.sub_code ?? ''}`);
  }

  /** The trade as Alipay knows it; null when Alipay has never seen it (the donor never scanned). */
  async queryTrade(orderNo: string): Promise<AlipayTrade | null> {
    const answer = await this.call<AlipayTrade>('alipay.trade.query', { out_trade_no: orderNo });
    if (answer.code === '10000') return answer;
    if (answer.sub_code === 'ACQ.TRADE_NOT_EXIST') return null;
    throw new AlipayError(`Alipay query failed: ${answer.code} ${answer.sub_code ?? answer.msg ?? ''}`);
  }

  /** alipay.trade.refund: synchronous; the same out_request_no asked again is the same refund. */
  async refund(input: { orderNo: string; refundNo: string; amountFen: number; reason: string }): Promise<AlipayRefundAnswer> {
    return this.call<AlipayRefundAnswer>('alipay.trade.refund', {
      out_trade_no: input.orderNo,
      out_request_no: input.refundNo,
      refund_amount: formatYuan(input.amountFen),
      refund_reason: input.reason.slice(0, 100),
    });
  }

  /** The public parameters of a request, biz_content and its RSA2 sign (over all but sign, sign_type included). */
  private signed(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}): Record<string, string> {
    const cfg = this.settings();
    const params: Record<string, string> = {
      app_id: cfg.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingTime(new Date()),
      version: '1.0',
      ...extra,
      biz_content: JSON.stringify(biz),
    };
    params.sign = rsa2Sign(signingString(params), cfg.appPrivateKey);
    return params;
  }

  private async call<T>(method: string, biz: Record<string, unknown>, notifyUrl?: string): Promise<T> {
    const cfg = this.settings();
    const params = this.signed(method, biz, notifyUrl ? { notify_url: notifyUrl } : {});
    let body: string;
    try {
      const response = await fetch(cfg.gateway, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      body = await response.text();
      if (!response.ok) throw new AlipayError(`Alipay gateway answered ${response.status}`);
    } catch (error) {
      if (error instanceof AlipayError) throw error;
      throw new AlipayError(`Alipay unreachable: ${(error as Error).message}`);
    }
    const key = `${method.replace(/\./g, '_')}_response`;
    const segment = responseSegment(body, key);
    const sign = (JSON.parse(body) as { sign?: string }).sign;
    if (!segment || !sign || !rsa2Verify(segment, sign, cfg.alipayPublicKey)) throw new AlipayError('Alipay answer failed signature verification');
    return JSON.parse(segment) as T;
  }
}
