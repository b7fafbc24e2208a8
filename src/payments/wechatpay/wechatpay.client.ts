import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { authorization, verifyWechatSignature } from './wechatpay-crypto';
import { WechatPayConfig } from './wechatpay.config';

export interface WechatTransaction {
  mchid: string;
  appid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string; // SUCCESS, NOTPAY, CLOSED, REFUND, USERPAYING, PAYERROR, REVOKED
  success_time?: string;
  amount?: { total: number; payer_total?: number; currency?: string };
}

export class WechatPayError extends Error {
  constructor(message: string, readonly status?: number, readonly code?: string) {
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
  async createNativeOrder(order: { orderNo: string; amountFen: number; description: string; expiresAt: Date }): Promise<string> {
    const cfg = this.settings();
    const { data } = await this.call<{ code_url: string }>('POST', '/v3/pay/transactions/native', {
      appid: cfg.appId,
      mchid: cfg.mchId,
      description: Buffer.from(order.description).length > 127 ? order.description.slice(0, 40) : order.description,
      out_trade_no: order.orderNo,
      time_expire: beijingRfc3339(order.expiresAt),
      notify_url: cfg.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
    });
    if (!data || typeof data.code_url !== 'string') throw new WechatPayError('WeChat Pay answered without code_url');
    return data.code_url;
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

  private async call<T>(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown): Promise<{ status: number; data: T | null }> {
    const cfg = this.settings();
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': 'wennuan/0.1',
      Authorization: authorization({ method, pathWithQuery, body: text, mchId: cfg.mchId, serial: cfg.merchantSerial, privateKey: cfg.merchantPrivateKey }),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(cfg.apiBase + pathWithQuery, { method, headers, body: body === undefined ? undefined : text, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new WechatPayError(`WeChat Pay unreachable: ${(error as Error).message}`);
    }
    const answer = await response.text();
    if (!response.ok) {
      let code: string | undefined;
      try {
        code = (JSON.parse(answer) as { code?: string }).code;
      } catch {
        code = undefined;
      }
      throw new WechatPayError(`WeChat Pay ${method} ${pathWithQuery.split('?')[0]} answered ${response.status} ${code ?? ''}`.trim(), response.status, code);
    }
    const failure = verifyWechatSignature(
      {
        timestamp: response.headers.get('wechatpay-timestamp') ?? undefined,
        nonce: response.headers.get('wechatpay-nonce') ?? undefined,
        signature: response.headers.get('wechatpay-signature') ?? undefined,
        serial: response.headers.get('wechatpay-serial') ?? undefined,
        body: answer,
      },
      cfg.platformKeys,
    );
    if (failure) throw new WechatPayError(`WeChat Pay answer failed verification: ${failure}`);
    return { status: response.status, data: answer ? (JSON.parse(answer) as T) : null };
  }
}
