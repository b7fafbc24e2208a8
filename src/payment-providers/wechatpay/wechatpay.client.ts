import { Inject, Injectable } from '@nestjs/common';
import { createHash, createSign, randomBytes } from 'node:crypto';
import type { JsapiPayParams } from '../payment-provider';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { authorization, verifyWechatSignature } from './wechatpay-crypto';
import { WechatPayConfig } from '../../config/wechatpay.config';

export interface WechatTransaction {
  mchid: string;
  appid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string; // SUCCESS, NOTPAY, CLOSED, REFUND, USERPAYING, PAYERROR, REVOKED
  success_time?: string;
  amount?: { total: number; payer_total?: number; currency?: string };
}

/** A refund as WeChat reports it (answer to a refund or a query, or a REFUND.* notification's resource). */
export interface WechatRefund {
  refund_id?: string;
  out_refund_no: string;
  out_trade_no?: string;
  transaction_id?: string;
  status?: string; // SUCCESS, CLOSED, PROCESSING, ABNORMAL (refund_status in notifications)
  refund_status?: string;
  success_time?: string;
  mchid?: string;
  amount?: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string };
}

export interface WechatOrderInput {
  orderNo: string;
  amountFen: number;
  description: string;
  expiresAt: Date;
}

export class WechatPayError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
    /** WeChat's own message (e.g. `appid和openid不匹配`), for telling refusals apart. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

/** Formats a time as WeChat wants it: RFC 3339 in Beijing time, `2020-02-01T10:30:00+08:00`. */
export function beijingRfc3339(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

/**
 * Calls to WeChat Pay API v3: every request signed with the merchant key, every answer's
 * signature checked against the platform key before it is believed.
 */
@Injectable()
export class WechatPayClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private settings(): WechatPayConfig {
    if (!this.config.wechatPay) throw new WechatPayError('WeChat Pay is not configured');
    return this.config.wechatPay;
  }

  /** Native payment: the donor scans `code_url`. */
  async createNativeOrder(order: WechatOrderInput): Promise<string> {
    const { data } = await this.call<{ code_url: string }>('POST', '/v3/pay/transactions/native', this.orderBody(order));
    if (!data || typeof data.code_url !== 'string') throw new WechatPayError('WeChat Pay answered without code_url');
    return data.code_url;
  }

  /** JSAPI payment inside WeChat: the prepay_id for the donor's openid (of the configured AppID). */
  async createJsapiOrder(order: WechatOrderInput & { openid: string }): Promise<string> {
    const { data } = await this.call<{ prepay_id: string }>('POST', '/v3/pay/transactions/jsapi', {
      ...this.orderBody(order),
      payer: { openid: order.openid },
    });
    if (!data || typeof data.prepay_id !== 'string') throw new WechatPayError('WeChat Pay answered without prepay_id');
    return data.prepay_id;
  }

  /** H5 payment in another phone browser: the `h5_url` WeChat's cashier opens. */
  async createH5Order(order: WechatOrderInput & { payerIp: string }): Promise<string> {
    const { data } = await this.call<{ h5_url: string }>('POST', '/v3/pay/transactions/h5', {
      ...this.orderBody(order),
      scene_info: { payer_client_ip: order.payerIp, h5_info: { type: 'Wap' } },
    });
    if (!data || typeof data.h5_url !== 'string' || !/^https?:\/\//.test(data.h5_url)) throw new WechatPayError('WeChat Pay answered without h5_url');
    return data.h5_url;
  }

  /**
   * What the page hands WeixinJSBridge.invoke('getBrandWCPayRequest'): paySign is RSA-SHA256 with
   * the merchant key over `appId\ntimeStamp\nnonceStr\nprepay_id=…\n`, signType RSA.
   */
  jsapiPayParams(prepayId: string, now = Date.now()): JsapiPayParams {
    const cfg = this.settings();
    const timeStamp = String(Math.floor(now / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    const pkg = `prepay_id=${prepayId}`;
    const paySign = createSign('RSA-SHA256').update(`${cfg.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).sign(cfg.merchantPrivateKey, 'base64');
    return { appId: cfg.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  private orderBody(order: WechatOrderInput) {
    const cfg = this.settings();
    return {
      appid: cfg.appId,
      mchid: cfg.mchId,
      description: Buffer.from(order.description).length > 127 ? order.description.slice(0, 40) : order.description,
      out_trade_no: order.orderNo,
      time_expire: beijingRfc3339(order.expiresAt),
      notify_url: cfg.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
    };
  }

  /** The order as WeChat knows it; null when WeChat has never seen it. */
  async queryOrder(orderNo: string): Promise<WechatTransaction | null> {
    const cfg = this.settings();
    try {
      const { data } = await this.call<WechatTransaction>('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}?mchid=${cfg.mchId}`);
      return data;
    } catch (error) {
      if (error instanceof WechatPayError && error.code === 'ORDER_NOT_EXIST') return null;
      throw error;
    }
  }

  async closeOrder(orderNo: string): Promise<void> {
    const cfg = this.settings();
    await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}/close`, { mchid: cfg.mchId });
  }

  /** Asks for a refund; the same out_refund_no asked again is the same refund at WeChat. */
  async refund(input: { orderNo: string; refundNo: string; amountFen: number; totalFen: number; reason: string }): Promise<WechatRefund> {
    const cfg = this.settings();
    const { data } = await this.call<WechatRefund>('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: input.orderNo,
      out_refund_no: input.refundNo,
      reason: input.reason.slice(0, 80),
      notify_url: cfg.notifyUrl,
      amount: { refund: input.amountFen, total: input.totalFen, currency: 'CNY' },
    });
    if (!data || typeof data.out_refund_no !== 'string') throw new WechatPayError('WeChat Pay answered the refund without out_refund_no');
    return data;
  }

  /** A refund as WeChat knows it; null when WeChat has never seen it. */
  async queryRefund(refundNo: string): Promise<WechatRefund | null> {
    try {
      const { data } = await this.call<WechatRefund>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(refundNo)}`);
      return data;
    } catch (error) {
      if (error instanceof WechatPayError && error.code === 'RESOURCE_NOT_EXISTS') return null;
      throw error;
    }
  }

  /**
   * The trade bill of one day (`YYYY-MM-DD`, Beijing), as text: asks for its download URL, downloads
   * it (a signed request too) and checks it against the SHA1 WeChat gave. A day without any trade
   * has no bill (NO_STATEMENT_EXIST): an empty string.
   */
  async downloadTradeBill(billDate: string): Promise<string> {
    const cfg = this.settings();
    let info: { hash_type?: string; hash_value?: string; download_url?: string } | null;
    try {
      ({ data: info } = await this.call<{ hash_type?: string; hash_value?: string; download_url?: string }>(
        'GET',
        `/v3/bill/tradebill?bill_date=${encodeURIComponent(billDate)}&bill_type=ALL`,
      ));
    } catch (error) {
      if (error instanceof WechatPayError && error.code === 'NO_STATEMENT_EXIST') return '';
      throw error;
    }
    if (!info?.download_url) throw new WechatPayError('WeChat Pay answered the trade bill without download_url');
    const url = new URL(info.download_url);
    // The download is signed with our key: never send that to another host than the API's.
    if (url.origin !== new URL(cfg.apiBase).origin) throw new WechatPayError(`WeChat Pay bill download_url on an unexpected host: ${url.origin}`);
    const { text } = await this.send('GET', url.pathname + url.search, undefined, 'text/plain');
    if (
      info.hash_type?.toUpperCase() === 'SHA1' &&
      info.hash_value &&
      createHash('sha1').update(text, 'utf8').digest('hex') !== info.hash_value.toLowerCase()
    ) {
      throw new WechatPayError('WeChat Pay trade bill does not match its SHA1');
    }
    return text;
  }

  private async call<T>(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown): Promise<{ status: number; data: T | null }> {
    const cfg = this.settings();
    const { status, text: answer, headers } = await this.send(method, pathWithQuery, body);
    const failure = verifyWechatSignature(
      {
        timestamp: headers.get('wechatpay-timestamp') ?? undefined,
        nonce: headers.get('wechatpay-nonce') ?? undefined,
        signature: headers.get('wechatpay-signature') ?? undefined,
        serial: headers.get('wechatpay-serial') ?? undefined,
        body: answer,
      },
      cfg.platformKeys,
    );
    if (failure) throw new WechatPayError(`WeChat Pay answer failed verification: ${failure}`);
    return { status, data: answer ? (JSON.parse(answer) as T) : null };
  }

  /** One signed request; a non-2xx answer throws with WeChat's error code. */
  private async send(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body?: unknown,
    accept = 'application/json',
  ): Promise<{ status: number; text: string; headers: Headers }> {
    const cfg = this.settings();
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      Accept: accept,
      'User-Agent': 'wennuan/0.1',
      Authorization: authorization({ method, pathWithQuery, body: text, mchId: cfg.mchId, serial: cfg.merchantSerial, privateKey: cfg.merchantPrivateKey }),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(cfg.apiBase + pathWithQuery, {
        method,
        headers,
        body: body === undefined ? undefined : text,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new WechatPayError(`WeChat Pay unreachable: ${(error as Error).message}`);
    }
    const answer = await response.text();
    if (!response.ok) {
      let code: string | undefined;
      let detail: string | undefined;
      try {
        ({ code, message: detail } = JSON.parse(answer) as { code?: string; message?: string });
      } catch {
        code = undefined;
      }
      throw new WechatPayError(
        `WeChat Pay ${method} ${pathWithQuery.split('?')[0]} answered ${response.status} ${code ?? ''}`.trim(),
        response.status,
        code,
        typeof detail === 'string' ? detail : undefined,
      );
    }
    return { status: response.status, text: answer, headers: response.headers };
  }
}
