import { ConfigError } from './config-error';

/**
 * The provincial 财政电子票据 platform (FISCAL_RECEIPT_*): when FISCAL_RECEIPT_API_BASE is set, every
 * issued receipt record is sent to the platform (outbox job, retried) and the electronic 公益事业捐赠票据
 * it answers is attached. Unset: the platform route is off; staff attach official receipts by hand
 * (fiscal entry from the government portal, or paper books).
 */
export interface FiscalReceiptConfig {
  /** FISCAL_RECEIPT_API_BASE: the platform's (or the simulator's) base URL. */
  apiBase: string;
  /** FISCAL_RECEIPT_APP_ID: the foundation's application id on the platform. */
  appId: string;
  /** FISCAL_RECEIPT_APP_KEY: the shared key that signs requests and answers (HMAC-SHA256); at least 16 characters. */
  appKey: string;
  /** FISCAL_RECEIPT_AGENCY_CODE: the foundation's 单位编码 (执收单位) on the platform. */
  agencyCode: string;
  /** FISCAL_RECEIPT_TIMEOUT_MS: one call's time limit; a slower answer counts as the platform being down (retried). */
  timeoutMs: number;
}

export function loadFiscalReceiptConfig(env: NodeJS.ProcessEnv): FiscalReceiptConfig | null {
  const apiBase = env.FISCAL_RECEIPT_API_BASE;
  if (!apiBase) return null;
  if (!URL.canParse(apiBase)) throw new ConfigError('Invalid configuration: FISCAL_RECEIPT_API_BASE is not a valid URL');
  for (const name of ['FISCAL_RECEIPT_APP_ID', 'FISCAL_RECEIPT_APP_KEY', 'FISCAL_RECEIPT_AGENCY_CODE']) {
    if (!env[name]) throw new ConfigError(`Invalid configuration: ${name} is required when FISCAL_RECEIPT_API_BASE is set`);
  }
  const appKey = env.FISCAL_RECEIPT_APP_KEY!;
  if (appKey.length < 16) throw new ConfigError('Invalid configuration: FISCAL_RECEIPT_APP_KEY must be at least 16 characters');
  const timeoutText = env.FISCAL_RECEIPT_TIMEOUT_MS;
  const timeoutMs = timeoutText ? Number(timeoutText) : 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
    throw new ConfigError('Invalid configuration: FISCAL_RECEIPT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000');
  }
  return { apiBase: apiBase.replace(/\/+$/, ''), appId: env.FISCAL_RECEIPT_APP_ID!, appKey, agencyCode: env.FISCAL_RECEIPT_AGENCY_CODE!, timeoutMs };
}
