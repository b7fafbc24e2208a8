import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { FiscalReceiptConfig } from '../config/fiscal-receipt-config';

/** What the foundation asks the platform to issue: one 公益事业捐赠票据 for one receipt record. */
export interface FiscalIssueRequest {
  /** Our receipt number: the platform's business number, so a repeated call gets the same receipt. */
  bizNo: string;
  payerName: string; // 交款人 (name or invoice title)
  payerCreditCode: string | null; // 统一社会信用代码 of an organisation
  projectName: string; // 项目名称 (the campaign)
  amountFen: number;
  donatedAt: Date;
  remark: string; // 备注
}

/** The platform's answer: the electronic receipt it issued. */
export interface FiscalIssued {
  bizNo: string;
  code: string; // 票据代码, 8 digits
  number: string; // 票据号码, 10 digits
  checkCode: string; // 校验码
  issuedAt: Date;
  amountFen: number;
  pdf: Buffer; // the platform's PDF of the receipt
}

/**
 * A platform failure. `transient` (down, slow, unsigned or mismatched answer): try again later,
 * the approved request stays pending. Not transient: the platform refused the input (`E…` code).
 */
export class FiscalPlatformError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly platformCode?: string,
  ) {
    super(message);
  }
}

/** The one interface every 财政电子票据 platform adapter implements. */
export interface FiscalReceiptPlatform {
  issue(request: FiscalIssueRequest): Promise<FiscalIssued>;
  /** The receipt already issued for bizNo, or null. */
  query(bizNo: string): Promise<FiscalIssued | null>;
  void(bizNo: string, reason: string): Promise<void>;
}

export const FISCAL_RECEIPT_PLATFORM = Symbol('FISCAL_RECEIPT_PLATFORM');

/** HMAC-SHA256 (hex) of the signed text: app id, timestamp, nonce and body, one a line. */
export function fiscalSignature(appKey: string, parts: string[]): string {
  return createHmac('sha256', appKey).update(parts.join('\n')).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

interface PlatformReceipt {
  bizNo: string;
  billCode: string;
  billNo: string;
  checkCode: string;
  issueDate: string;
  amountFen: number;
  pdfBase64: string;
}

/**
 * The HTTP adapter of a provincial platform (and of the simulator in test/support): JSON over
 * HTTPS, each request and answer signed with the app key (X-App-Id, X-Timestamp, X-Nonce,
 * X-Signature). An answer without a good signature, or that does not match what was asked,
 * is never trusted.
 */
@Injectable()
export class HttpFiscalReceiptPlatform implements FiscalReceiptPlatform {
  private readonly settings: FiscalReceiptConfig | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.fiscalReceipts;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  async issue(request: FiscalIssueRequest): Promise<FiscalIssued> {
    const data = await this.call('/api/v1/donation-receipts/issue', {
      agencyCode: this.config().agencyCode,
      bizNo: request.bizNo,
      payerName: request.payerName,
      payerCreditCode: request.payerCreditCode,
      projectName: request.projectName,
      amountFen: request.amountFen,
      donatedAt: request.donatedAt.toISOString(),
      remark: request.remark,
    });
    const issued = this.receipt(data);
    if (!issued) throw new FiscalPlatformError('platform answered without a receipt', true);
    if (issued.bizNo !== request.bizNo || issued.amountFen !== request.amountFen) {
      throw new FiscalPlatformError(`platform answer does not match the request (bizNo ${issued.bizNo}, amount ${issued.amountFen})`, true);
    }
    return issued;
  }

  async query(bizNo: string): Promise<FiscalIssued | null> {
    const data = await this.call('/api/v1/donation-receipts/query', { agencyCode: this.config().agencyCode, bizNo });
    const issued = this.receipt(data);
    if (issued && issued.bizNo !== bizNo) throw new FiscalPlatformError('platform answer names another receipt', true);
    return issued;
  }

  async void(bizNo: string, reason: string): Promise<void> {
    await this.call('/api/v1/donation-receipts/void', { agencyCode: this.config().agencyCode, bizNo, reason });
  }

  private config(): FiscalReceiptConfig {
    if (!this.settings) throw new FiscalPlatformError('the fiscal receipt platform is not configured (FISCAL_RECEIPT_API_BASE)', false);
    return this.settings;
  }

  private receipt(data: unknown): FiscalIssued | null {
    if (data === null || data === undefined) return null;
    const r = data as Partial<PlatformReceipt>;
    const issuedAt = typeof r.issueDate === 'string' ? new Date(r.issueDate) : new Date(Number.NaN);
    const pdf = typeof r.pdfBase64 === 'string' ? Buffer.from(r.pdfBase64, 'base64') : Buffer.alloc(0);
    if (
      typeof r.bizNo !== 'string' ||
      typeof r.billCode !== 'string' ||
      !/^\d{8}$/.test(r.billCode) ||
      typeof r.billNo !== 'string' ||
      !/^\d{10}$/.test(r.billNo) ||
      typeof r.checkCode !== 'string' ||
      !/^[0-9A-Za-z]{4,32}$/.test(r.checkCode) ||
      !Number.isSafeInteger(r.amountFen) ||
      Number.isNaN(issuedAt.getTime()) ||
      pdf.subarray(0, 5).toString('latin1') !== '%PDF-'
    ) {
      throw new FiscalPlatformError('platform answer is malformed', true);
    }
    return { bizNo: r.bizNo, code: r.billCode, number: r.billNo, checkCode: r.checkCode, issuedAt, amountFen: r.amountFen!, pdf };
  }

  private async call(path: string, payload: Record<string, unknown>): Promise<unknown> {
    const settings = this.config();
    const body = JSON.stringify(payload);
    const timestamp = String(Date.now());
    const nonce = randomBytes(12).toString('hex');
    let response: Response;
    let text: string;
    try {
      response = await fetch(settings.apiBase + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-app-id': settings.appId,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': fiscalSignature(settings.appKey, [settings.appId, timestamp, nonce, body]),
        },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new FiscalPlatformError(`platform unreachable: ${(error as Error).name}`, true);
    }
    if (response.status >= 500 || response.status === 429) throw new FiscalPlatformError(`platform answered HTTP ${response.status}`, true);
    const signature = response.headers.get('x-signature') ?? '';
    const answerTimestamp = response.headers.get('x-timestamp') ?? '';
    const expected = fiscalSignature(settings.appKey, [settings.appId, answerTimestamp, nonce, text]);
    if (!sameHex(signature, expected)) throw new FiscalPlatformError('platform answer is not signed with the app key', true);
    let parsed: { code?: unknown; message?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new FiscalPlatformError('platform answer is not JSON', true);
    }
    if (parsed.code !== '0') {
      const code = typeof parsed.code === 'string' ? parsed.code : 'UNKNOWN';
      const message = typeof parsed.message === 'string' ? parsed.message : '';
      throw new FiscalPlatformError(`platform refused: ${code} ${message}`.trim(), response.status >= 500, code);
    }
    return parsed.data ?? null;
  }
}
