import { AppConfig, ConfigError, DEV_APP_SECRET, DEV_PII_KEY, loadConfig } from './app-config';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const KEY_C = Buffer.alloc(32, 3).toString('base64');
const PROD_SECRET = 'p'.repeat(40);

/** The ConfigError thrown by loadConfig(env); fails the test when nothing (or something else) is thrown. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** One line, naming the variable as a whole word (so ADMIN_EMAIL is not taken for EMAIL). */
function expectRefusal(env: NodeJS.ProcessEnv, variable: string): ConfigError {
  const error = configError(env);
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message.trim().length).toBeGreaterThan(variable.length);
  expect(error.message).toMatch(new RegExp(`(^|[^A-Z_])${variable}([^A-Z_]|$)`));
  return error;
}

describe('loadConfig', () => {
  describe('development defaults', () => {
    it('starts from an empty environment with the documented defaults', () => {
      const config = loadConfig({});
      expect(config).toMatchObject<Partial<AppConfig>>({
        nodeEnv: 'development',
        port: 3000,
        host: '0.0.0.0',
        databaseUrl: 'postgres://postgres@127.0.0.1:5432/wennuan',
        redisUrl: 'redis://127.0.0.1:6379',
        redisKeyPrefix: 'wennuan',
        appRole: 'all',
        publicBaseUrl: 'http://localhost:3000',
        smtpUrl: null,
        mailFrom: 'receipts@localhost',
        storageDir: './var',
        adminEmail: null,
        adminPassword: null,
        appSecret: DEV_APP_SECRET,
        sandboxPaymentSecret: null,
        seedDemo: false,
        publicWriteRateLimit: 120,
        loginMaxAttempts: 5,
        loginLockSeconds: 900,
        accessTokenTtlSeconds: 3600,
        pendingOrderTtlMinutes: 120,
        trustProxy: false,
        logLevel: 'info',
      });
      expect(config.piiEncryptionKey.equals(Buffer.from(DEV_PII_KEY, 'base64'))).toBe(true);
      expect(config.piiEncryptionKey).toHaveLength(32);
      expect(config.piiIndexKey.equals(config.piiEncryptionKey)).toBe(true);
      expect(config.piiPreviousKeys).toEqual([]);
      expect(config.appSecret.length).toBeGreaterThanOrEqual(32);
    });

    it('defaults PUBLIC_BASE_URL to http://localhost:$PORT', () => {
      expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
      expect(loadConfig({ PORT: '8080', PUBLIC_BASE_URL: 'https://give.example.org' }).publicBaseUrl).toBe('https://give.example.org');
    });

    it('drops trailing slashes from PUBLIC_BASE_URL, so links never get "//"', () => {
      expect(loadConfig({ PUBLIC_BASE_URL: 'https://give.example.org/wennuan//' }).publicBaseUrl).toBe('https://give.example.org/wennuan');
    });

    it('treats an empty variable as unset (VAR= in a .env file)', () => {
      const config = loadConfig({ SMTP_URL: '', PORT: '', APP_SECRET: '', SANDBOX_PAYMENT_SECRET: '', SEED_DEMO: '' });
      expect(config.smtpUrl).toBeNull();
      expect(config.port).toBe(3000);
      expect(config.appSecret).toBe(DEV_APP_SECRET);
      expect(config.sandboxPaymentSecret).toBeNull();
      expect(config.seedDemo).toBe(false);
    });

    it('keeps the development defaults under NODE_ENV=test, with quieter logs', () => {
      const config = loadConfig({ NODE_ENV: 'test' });
      expect(config.nodeEnv).toBe('test');
      expect(config.appSecret).toBe(DEV_APP_SECRET);
      expect(config.logLevel).toBe('warn');
    });
  });

  describe('every documented variable is read', () => {
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'production',
      PORT: '8443',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://app:s3cret@db.internal:6543/wennuan_prod?sslmode=require',
      REDIS_URL: 'rediss://:pw@cache.internal:6380/2',
      REDIS_KEY_PREFIX: 'wn-prod',
      APP_ROLE: 'worker',
      PUBLIC_BASE_URL: 'https://give.example.org',
      SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
      MAIL_FROM: 'receipts@example.org',
      STORAGE_DIR: '/srv/wennuan',
      ADMIN_EMAIL: 'root@example.org',
      ADMIN_PASSWORD: 'a-long-admin-password',
      APP_SECRET: PROD_SECRET,
      PII_ENCRYPTION_KEY: KEY_A,
      PII_PREVIOUS_KEYS: `${KEY_B},${KEY_C}`,
      PII_INDEX_KEY: KEY_C,
      SANDBOX_PAYMENT_SECRET: 'sandbox-secret-0123456789',
      SANDBOX_IN_PRODUCTION: 'true',
      METRICS_TOKEN: 'metrics-token-0123456789',
      SEED_DEMO: 'true',
      PUBLIC_WRITE_RATE_LIMIT: '30',
      ORDER_LOOKUP_RATE_LIMIT: '40',
      CALLBACK_RATE_LIMIT: '50',
      NOTIFICATION_RETENTION_DAYS: '30',
      INVALID_NOTIFICATION_RETENTION_DAYS: '2',
      UPLOAD_ORPHAN_GRACE_MINUTES: '5',
      LOGIN_MAX_ATTEMPTS: '3',
      LOGIN_LOCK_SECONDS: '60',
      ACCESS_TOKEN_TTL_SECONDS: '600',
      PENDING_ORDER_TTL_MINUTES: '15',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'debug',
      ORGANISATION_NAME: '测试基金会',
    };

    it('parses each one into the typed configuration', () => {
      const config = loadConfig(env);
      expect(config).toMatchObject<Partial<AppConfig>>({
        nodeEnv: 'production',
        port: 8443,
        host: '127.0.0.1',
        databaseUrl: env.DATABASE_URL,
        redisUrl: env.REDIS_URL,
        redisKeyPrefix: 'wn-prod',
        appRole: 'worker',
        publicBaseUrl: 'https://give.example.org',
        smtpUrl: env.SMTP_URL,
        mailFrom: 'receipts@example.org',
        storageDir: '/srv/wennuan',
        adminEmail: 'root@example.org',
        adminPassword: 'a-long-admin-password',
        appSecret: PROD_SECRET,
        sandboxPaymentSecret: 'sandbox-secret-0123456789',
        sandboxDisabledReason: null,
        metricsToken: 'metrics-token-0123456789',
        seedDemo: true,
        publicWriteRateLimit: 30,
        orderLookupRateLimit: 40,
        callbackRateLimit: 50,
        notificationRetentionDays: 30,
        invalidNotificationRetentionDays: 2,
        uploadOrphanGraceMinutes: 5,
        loginMaxAttempts: 3,
        loginLockSeconds: 60,
        accessTokenTtlSeconds: 600,
        pendingOrderTtlMinutes: 15,
        trustProxy: true,
        logLevel: 'debug',
        organisationName: '测试基金会',
      });
      expect(config.piiEncryptionKey.equals(Buffer.alloc(32, 1))).toBe(true);
      expect(config.piiPreviousKeys.map((k) => k.toString('base64'))).toEqual([KEY_B, KEY_C]);
      expect(config.piiIndexKey.equals(Buffer.alloc(32, 3))).toBe(true);
    });

    it('reads the connection limits and HTTP timeouts, and STAFF_REQUIRE_2FA', () => {
      const config = loadConfig({
        MAX_STREAMS_PER_CLIENT: '20',
        MAX_STREAMS: '5000',
        MAX_CONNECTIONS_PER_CLIENT: '100',
        HTTP_HEADERS_TIMEOUT_SECONDS: '5',
        HTTP_REQUEST_TIMEOUT_SECONDS: '60',
        HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '65',
        STAFF_REQUIRE_2FA: 'true',
      });
      expect(config.connections).toMatchObject({
        maxStreamsPerClient: 20,
        maxStreams: 5000,
        maxConnectionsPerClient: 100,
        headersTimeoutMs: 5000,
        requestTimeoutMs: 60_000,
        keepAliveTimeoutMs: 65_000,
      });
      expect(config.staffRequire2fa).toBe(true);
      expect(loadConfig({}).staffRequire2fa).toBe(false);
      expect(loadConfig({}).connections.maxStreamsPerClient).toBe(50);
      expectRefusal({ MAX_STREAMS_PER_CLIENT: '0' }, 'MAX_STREAMS_PER_CLIENT');
      expectRefusal({ HTTP_HEADERS_TIMEOUT_SECONDS: '601' }, 'HTTP_HEADERS_TIMEOUT_SECONDS');
      expectRefusal({ MAX_STREAMS_PER_CLIENT: '300', MAX_CONNECTIONS_PER_CLIENT: '300' }, 'MAX_CONNECTIONS_PER_CLIENT');
    });

    it.each(['all', 'api', 'worker'])('accepts APP_ROLE=%s', (role) => {
      expect(loadConfig({ APP_ROLE: role }).appRole).toBe(role);
    });

    it('reads SEED_DEMO=false and TRUST_PROXY=false as false', () => {
      const config = loadConfig({ SEED_DEMO: 'false', TRUST_PROXY: 'false' });
      expect(config.seedDemo).toBe(false);
      expect(config.trustProxy).toBe(false);
    });

    it('accepts every port from 0 (any free port) to 65535', () => {
      expect(loadConfig({ PORT: '0' }).port).toBe(0);
      expect(loadConfig({ PORT: '1' }).port).toBe(1);
      expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    });

    it('accepts plain smtp:// and http:// URLs', () => {
      const config = loadConfig({ SMTP_URL: 'smtp://127.0.0.1:1025', PUBLIC_BASE_URL: 'http://10.0.0.5:3000' });
      expect(config.smtpUrl).toBe('smtp://127.0.0.1:1025');
      expect(config.publicBaseUrl).toBe('http://10.0.0.5:3000');
    });
  });

  describe('a malformed variable stops the start with one line naming it', () => {
    const refusals: Array<[string, string]> = [
      ['PORT', 'abc'],
      ['PORT', '65536'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '3000.5'],
      ['PORT', '3000 '],
      ['NODE_ENV', 'prod'],
      ['HOST', 'example.org'],
      ['DATABASE_URL', 'mysql://x'],
      ['DATABASE_URL', 'postgres://localhost'],
      ['DATABASE_URL', 'postgres://u@host:99999/db'],
      ['REDIS_URL', 'http://x'],
      ['REDIS_URL', 'redis://:::'],
      ['REDIS_KEY_PREFIX', 'has space'],
      ['APP_ROLE', 'both'],
      ['APP_ROLE', 'API'],
      ['PUBLIC_BASE_URL', 'ftp://x'],
      ['PUBLIC_BASE_URL', 'localhost:3000'],
      ['SMTP_URL', 'http://x'],
      ['MAIL_FROM', 'not-an-address'],
      ['ADMIN_EMAIL', 'admin'],
      ['ADMIN_PASSWORD', 'short'],
      ['APP_SECRET', 'too-short-secret'],
      ['APP_SECRET', 'x'.repeat(31)],
      ['PII_ENCRYPTION_KEY', Buffer.alloc(16, 1).toString('base64')],
      ['PII_ENCRYPTION_KEY', Buffer.alloc(33, 1).toString('base64')],
      ['PII_ENCRYPTION_KEY', 'not base64 at all'],
      ['PII_ENCRYPTION_KEY', Buffer.alloc(32, 1).toString('hex')],
      ['PII_PREVIOUS_KEYS', `${KEY_A},short`],
      ['PII_INDEX_KEY', 'abc'],
      ['SANDBOX_PAYMENT_SECRET', 'short'],
      ['SANDBOX_PAYMENT_SECRET', 'x'.repeat(15)],
      ['SEED_DEMO', 'yes'],
      ['SEED_DEMO', '1'],
      ['TRUST_PROXY', '1'],
      ['PUBLIC_WRITE_RATE_LIMIT', 'many'],
      ['PUBLIC_WRITE_RATE_LIMIT', '0'],
      ['LOGIN_MAX_ATTEMPTS', '-5'],
      ['LOGIN_LOCK_SECONDS', '1e3'],
      ['ACCESS_TOKEN_TTL_SECONDS', '0'],
      ['PENDING_ORDER_TTL_MINUTES', '1.5'],
      ['LOG_LEVEL', 'verbose'],
      ['ORGANISATION_NAME', 'x'],
    ];

    it.each(refusals)('%s=%j', (variable, value) => {
      expectRefusal({ [variable]: value }, variable);
    });

    it('does not repeat the variable name (class-validator messages already start with it)', () => {
      const { message } = expectRefusal({ APP_ROLE: 'both' }, 'APP_ROLE');
      expect(message.match(/APP_ROLE/g)).toHaveLength(1);
    });

    it('never echoes the value of a refused secret', () => {
      const secret = 'leaky-but-short-secret';
      expect(expectRefusal({ APP_SECRET: secret }, 'APP_SECRET').message).not.toContain(secret);
      expect(expectRefusal({ SANDBOX_PAYMENT_SECRET: 'leaky-short' }, 'SANDBOX_PAYMENT_SECRET').message).not.toContain('leaky-short');
    });

    it('names the malformed variable even when the others are fine', () => {
      expectRefusal({ PORT: '8080', APP_ROLE: 'api', REDIS_URL: 'http://x', SEED_DEMO: 'true' }, 'REDIS_URL');
    });
  });

  describe('NODE_ENV=production', () => {
    const production = { NODE_ENV: 'production', APP_SECRET: PROD_SECRET, PII_ENCRYPTION_KEY: KEY_A, SMTP_URL: 'smtp://mail.internal:25' };

    it('starts with a real APP_SECRET and PII_ENCRYPTION_KEY', () => {
      const config = loadConfig(production);
      expect(config.nodeEnv).toBe('production');
      expect(config.appSecret).toBe(PROD_SECRET);
      expect(config.piiEncryptionKey.equals(Buffer.alloc(32, 1))).toBe(true);
    });

    it('refuses a missing APP_SECRET', () => {
      expectRefusal({ ...production, APP_SECRET: undefined }, 'APP_SECRET');
    });

    it('refuses an empty APP_SECRET like a missing one', () => {
      expectRefusal({ ...production, APP_SECRET: '' }, 'APP_SECRET');
    });

    it('refuses a missing PII_ENCRYPTION_KEY', () => {
      expectRefusal({ ...production, PII_ENCRYPTION_KEY: undefined }, 'PII_ENCRYPTION_KEY');
    });

    it('refuses the development APP_SECRET', () => {
      expectRefusal({ ...production, APP_SECRET: DEV_APP_SECRET }, 'APP_SECRET');
    });

    it('refuses the development PII_ENCRYPTION_KEY', () => {
      expectRefusal({ ...production, PII_ENCRYPTION_KEY: DEV_PII_KEY }, 'PII_ENCRYPTION_KEY');
    });

    it('refuses an ADMIN_PASSWORD shorter than 12 characters', () => {
      expectRefusal({ ...production, ADMIN_EMAIL: 'root@example.org', ADMIN_PASSWORD: 'eleven-char' }, 'ADMIN_PASSWORD');
      expect(loadConfig({ ...production, ADMIN_PASSWORD: 'twelve-chars' }).adminPassword).toBe('twelve-chars');
    });

    it('refuses to start without SMTP_URL (mail would pile up as files), unless MAIL_TO_FILES_IN_PRODUCTION=true', () => {
      expectRefusal({ ...production, SMTP_URL: undefined }, 'SMTP_URL');
      expectRefusal({ ...production, SMTP_URL: '' }, 'SMTP_URL');
      expectRefusal({ ...production, SMTP_URL: undefined, MAIL_TO_FILES_IN_PRODUCTION: 'false' }, 'SMTP_URL');
      expect(loadConfig({ ...production, SMTP_URL: undefined, MAIL_TO_FILES_IN_PRODUCTION: 'true' }).smtpUrl).toBeNull();
      // Development writes .eml files without being told.
      expect(loadConfig({}).smtpUrl).toBeNull();
    });

    it('keeps the sandbox off in production without SANDBOX_IN_PRODUCTION=true, and says why', () => {
      for (const flag of [undefined, 'false']) {
        const config = loadConfig({ ...production, SANDBOX_PAYMENT_SECRET: 'sandbox-secret-0123456789', SANDBOX_IN_PRODUCTION: flag });
        expect(config.sandboxPaymentSecret).toBeNull();
        expect(config.sandboxDisabledReason).toMatch(/SANDBOX_IN_PRODUCTION/);
      }
      expect(loadConfig({ ...production, SANDBOX_PAYMENT_SECRET: 'sandbox-secret-0123456789', SANDBOX_IN_PRODUCTION: 'true' }).sandboxPaymentSecret).toBe(
        'sandbox-secret-0123456789',
      );
      expect(loadConfig({ SANDBOX_PAYMENT_SECRET: 'sandbox-secret-0123456789' }).sandboxPaymentSecret).toBe('sandbox-secret-0123456789');
      expect(loadConfig({ ...production }).sandboxDisabledReason).toBeNull();
    });

    it('refuses a METRICS_TOKEN shorter than 16 characters and bad limits', () => {
      expectRefusal({ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN');
      expectRefusal({ ORDER_LOOKUP_RATE_LIMIT: '0' }, 'ORDER_LOOKUP_RATE_LIMIT');
      expectRefusal({ CALLBACK_RATE_LIMIT: 'lots' }, 'CALLBACK_RATE_LIMIT');
      expectRefusal({ SANDBOX_IN_PRODUCTION: 'yes' }, 'SANDBOX_IN_PRODUCTION');
    });

    it('still accepts the development defaults outside production', () => {
      expect(loadConfig({ APP_SECRET: DEV_APP_SECRET, PII_ENCRYPTION_KEY: DEV_PII_KEY }).appSecret).toBe(DEV_APP_SECRET);
    });
  });
});
