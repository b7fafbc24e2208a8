import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigError } from './config-error';
import { ConnectionLimits, connectionLimits, ConnectionLimitsError } from './connection-limits';
import { EnvironmentVariables } from './environment-variables';
import { FiscalReceiptConfig, loadFiscalReceiptConfig } from './fiscal-receipt-config';
import { loadRetentionConfig, RetentionConfig } from './retention-config';
import { AlipayConfig, AlipayConfigError, loadAlipayConfig } from './alipay.config';
import { loadWechatPayConfig, WechatPayConfig, WechatPayConfigError } from './wechatpay.config';

export type AppRole = 'all' | 'api' | 'worker';

/** Typed configuration, read once at start from the environment (see EnvironmentVariables). */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  redisKeyPrefix: string;
  appRole: AppRole;
  publicBaseUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  storageDir: string;
  adminEmail: string | null;
  adminPassword: string | null;
  appSecret: string;
  piiEncryptionKey: Buffer;
  piiPreviousKeys: Buffer[];
  piiIndexKey: Buffer;
  /** Null when the sandbox is off: unset, or NODE_ENV=production without SANDBOX_IN_PRODUCTION=true. */
  sandboxPaymentSecret: string | null;
  /** Why a configured sandbox was turned off (logged at start), or null. */
  sandboxDisabledReason: string | null;
  /** METRICS_TOKEN: the bearer token /metrics asks for; null: open (development and tests) or off (production). */
  metricsToken: string | null;
  seedDemo: boolean;
  publicWriteRateLimit: number;
  /** ORDER_LOOKUP_RATE_LIMIT: look-ups by order number (API, result page, receipt form) per minute per client address. */
  orderLookupRateLimit: number;
  /** CALLBACK_RATE_LIMIT: payment provider notifications per minute per client address. */
  callbackRateLimit: number;
  /** NOTIFICATION_RETENTION_DAYS / INVALID_NOTIFICATION_RETENTION_DAYS: how long the notification log keeps verified and other callbacks. */
  notificationRetentionDays: number;
  invalidNotificationRetentionDays: number;
  /** UPLOAD_ORPHAN_GRACE_MINUTES: an uploaded screenshot no stored request names is deleted once this old. */
  uploadOrphanGraceMinutes: number;
  loginMaxAttempts: number;
  loginLockSeconds: number;
  accessTokenTtlSeconds: number;
  pendingOrderTtlMinutes: number;
  trustProxy: boolean;
  logLevel: string;
  organisationName: string;
  receiptWorkerConcurrency: number;
  wechatPay: WechatPayConfig | null;
  alipay: AlipayConfig | null;
  retention: RetentionConfig;
  /** FAULT_INJECTION: crash points for the fault suites (never in production). */
  faultPoints: string[];
  /** Sockets, streams and HTTP timeouts (MAX_STREAMS_PER_CLIENT, MAX_STREAMS, HTTP_*_TIMEOUT_SECONDS, …). */
  connections: ConnectionLimits;
  /** STAFF_REQUIRE_2FA: roles that can see personal data in clear (admin, finance) must sign in with TOTP. */
  staffRequire2fa: boolean;
  /** FISCAL_RECEIPT_*: the 财政电子票据 platform; null: off (official receipts attached by staff only). */
  fiscalReceipts: FiscalReceiptConfig | null;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Development-only defaults: refused when NODE_ENV=production. */
export const DEV_APP_SECRET = 'dev-only-app-secret-change-me-0000000000';
export const DEV_PII_KEY = Buffer.alloc(32, 7).toString('base64');

export { ConfigError };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`SMTP_URL=`, or `${VAR:-}` in docker compose) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const raw = plainToInstance(EnvironmentVariables, present, { enableImplicitConversion: false });
  const errors = validateSync(raw, { whitelist: false, stopAtFirstError: true });
  if (errors.length > 0) {
    const first = errors[0];
    // class-validator's own messages start with the property name; ours do not.
    const reason = (Object.values(first.constraints ?? {})[0] ?? 'is invalid').replace(new RegExp(`^${first.property}\\s+`), '');
    invalid(first.property, reason);
  }
  for (const name of ['DATABASE_URL', 'REDIS_URL'] as const) {
    const value = raw[name];
    if (value !== undefined && !URL.canParse(value)) invalid(name, 'is not a valid URL');
  }
  const nodeEnv = (raw.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';
  const port = raw.PORT ? Number(raw.PORT) : 3000;

  const appSecret = raw.APP_SECRET ?? (production ? undefined : DEV_APP_SECRET);
  if (!appSecret) throw new ConfigError('Invalid configuration: APP_SECRET is required when NODE_ENV=production');
  if (production && appSecret === DEV_APP_SECRET) {
    throw new ConfigError('Invalid configuration: APP_SECRET must not be the development default in production');
  }
  const piiKeyText = raw.PII_ENCRYPTION_KEY ?? (production ? undefined : DEV_PII_KEY);
  if (!piiKeyText) throw new ConfigError('Invalid configuration: PII_ENCRYPTION_KEY is required when NODE_ENV=production');
  if (production && piiKeyText === DEV_PII_KEY) {
    throw new ConfigError('Invalid configuration: PII_ENCRYPTION_KEY must not be the development default in production');
  }
  if (production && raw.ADMIN_PASSWORD && raw.ADMIN_PASSWORD.length < 12) {
    throw new ConfigError('Invalid configuration: ADMIN_PASSWORD must be at least 12 characters in production');
  }
  const sandboxInProduction = raw.SANDBOX_IN_PRODUCTION === 'true';
  const sandboxDisabledReason =
    production && raw.SANDBOX_PAYMENT_SECRET && !sandboxInProduction
      ? 'SANDBOX_PAYMENT_SECRET is set but NODE_ENV=production and SANDBOX_IN_PRODUCTION is not true: the sandbox payment provider stays off'
      : null;
  const piiEncryptionKey = decodeKey('PII_ENCRYPTION_KEY', piiKeyText);
  const piiPreviousKeys = (raw.PII_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => decodeKey('PII_PREVIOUS_KEYS', k));
  const piiIndexKey = raw.PII_INDEX_KEY ? decodeKey('PII_INDEX_KEY', raw.PII_INDEX_KEY) : piiEncryptionKey;
  // Without SMTP the mail (donors' addresses, receipt PDFs) would pile up as files on the server.
  if (production && !raw.SMTP_URL && raw.MAIL_TO_FILES_IN_PRODUCTION !== 'true') {
    throw new ConfigError(
      'Invalid configuration: SMTP_URL is required when NODE_ENV=production (set MAIL_TO_FILES_IN_PRODUCTION=true to write mail as .eml files under STORAGE_DIR instead)',
    );
  }
  let connections: ConnectionLimits;
  try {
    connections = connectionLimits({
      maxStreams: optionalNumber(raw.MAX_STREAMS),
      maxStreamsPerClient: optionalNumber(raw.MAX_STREAMS_PER_CLIENT),
      maxConnectionsPerClient: optionalNumber(raw.MAX_CONNECTIONS_PER_CLIENT),
      headersTimeoutSeconds: optionalNumber(raw.HTTP_HEADERS_TIMEOUT_SECONDS),
      requestTimeoutSeconds: optionalNumber(raw.HTTP_REQUEST_TIMEOUT_SECONDS),
      keepAliveTimeoutSeconds: optionalNumber(raw.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS),
    });
  } catch (error) {
    if (error instanceof ConnectionLimitsError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }

  return {
    nodeEnv,
    port,
    host: raw.HOST ?? '0.0.0.0',
    databaseUrl: raw.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wennuan',
    redisUrl: raw.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisKeyPrefix: raw.REDIS_KEY_PREFIX ?? 'wennuan',
    appRole: (raw.APP_ROLE ?? 'all') as AppRole,
    publicBaseUrl: (raw.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    smtpUrl: raw.SMTP_URL ?? null,
    mailFrom: raw.MAIL_FROM ?? 'receipts@localhost',
    storageDir: raw.STORAGE_DIR ?? './var',
    adminEmail: raw.ADMIN_EMAIL ?? null,
    adminPassword: raw.ADMIN_PASSWORD ?? null,
    appSecret,
    piiEncryptionKey,
    piiPreviousKeys,
    piiIndexKey,
    sandboxPaymentSecret: sandboxDisabledReason ? null : (raw.SANDBOX_PAYMENT_SECRET ?? null),
    sandboxDisabledReason,
    metricsToken: raw.METRICS_TOKEN ?? null,
    seedDemo: raw.SEED_DEMO === 'true',
    publicWriteRateLimit: raw.PUBLIC_WRITE_RATE_LIMIT ? Number(raw.PUBLIC_WRITE_RATE_LIMIT) : 120,
    orderLookupRateLimit: raw.ORDER_LOOKUP_RATE_LIMIT ? Number(raw.ORDER_LOOKUP_RATE_LIMIT) : 120,
    callbackRateLimit: raw.CALLBACK_RATE_LIMIT ? Number(raw.CALLBACK_RATE_LIMIT) : 3000,
    notificationRetentionDays: raw.NOTIFICATION_RETENTION_DAYS ? Number(raw.NOTIFICATION_RETENTION_DAYS) : 400,
    invalidNotificationRetentionDays: raw.INVALID_NOTIFICATION_RETENTION_DAYS ? Number(raw.INVALID_NOTIFICATION_RETENTION_DAYS) : 7,
    uploadOrphanGraceMinutes: raw.UPLOAD_ORPHAN_GRACE_MINUTES ? Number(raw.UPLOAD_ORPHAN_GRACE_MINUTES) : 60,
    loginMaxAttempts: raw.LOGIN_MAX_ATTEMPTS ? Number(raw.LOGIN_MAX_ATTEMPTS) : 5,
    loginLockSeconds: raw.LOGIN_LOCK_SECONDS ? Number(raw.LOGIN_LOCK_SECONDS) : 900,
    accessTokenTtlSeconds: raw.ACCESS_TOKEN_TTL_SECONDS ? Number(raw.ACCESS_TOKEN_TTL_SECONDS) : 3600,
    pendingOrderTtlMinutes: raw.PENDING_ORDER_TTL_MINUTES ? Number(raw.PENDING_ORDER_TTL_MINUTES) : 120,
    trustProxy: raw.TRUST_PROXY === 'true',
    logLevel: raw.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    organisationName: raw.ORGANISATION_NAME ?? '北京市温暖基金会',
    receiptWorkerConcurrency: raw.RECEIPT_WORKER_CONCURRENCY ? Number(raw.RECEIPT_WORKER_CONCURRENCY) : 4,
    wechatPay: wechatPayConfig(env, (raw.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '')),
    alipay: providerConfig(() => loadAlipayConfig(env, (raw.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''))),
    retention: loadRetentionConfig(env),
    faultPoints: production
      ? []
      : (raw.FAULT_INJECTION ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
    connections,
    staffRequire2fa: raw.STAFF_REQUIRE_2FA === 'true',
    fiscalReceipts: loadFiscalReceiptConfig(env),
  };
}

/** The database the TypeORM CLI works on (src/database/data-source.ts): DATABASE_URL, or the service's default. */
export function cliDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/wennuan';
}

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function invalid(name: string, reason: string): never {
  throw new ConfigError(`Invalid configuration: ${name} ${reason}`.replace(/\s+/g, ' '));
}

function providerConfig<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof AlipayConfigError || error instanceof WechatPayConfigError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}

function wechatPayConfig(env: NodeJS.ProcessEnv, publicBaseUrl: string): WechatPayConfig | null {
  try {
    return loadWechatPayConfig(env, publicBaseUrl);
  } catch (error) {
    if (error instanceof WechatPayConfigError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}

function decodeKey(name: string, text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text.replace(/\s/g, '')) {
    throw new ConfigError(`Invalid configuration: ${name} must be 32 bytes encoded in base64`);
  }
  return key;
}
