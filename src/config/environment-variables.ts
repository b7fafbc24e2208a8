import { IsEmail, IsIn, IsOptional, IsUrl, Matches, MinLength } from 'class-validator';

/** A whole number from 0 to 65535 (0: any free port, as the tests use). */
const PORT_NUMBER = /^(0|[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/;
/** A whole number from 1 to 999,999,999: counts and durations where 0 would disable the feature. */
const POSITIVE_INTEGER = /^[1-9]\d{0,8}$/;
const POSITIVE_INTEGER_MESSAGE = { message: 'must be a whole number from 1 to 999999999' };
const BOOLEAN_MESSAGE = { message: 'must be true or false' };

/** The environment the service accepts; every variable is documented in README.md and .env.example. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Matches(PORT_NUMBER, { message: 'must be a port number from 0 to 65535' })
  PORT?: string;

  @IsOptional()
  @IsIn(['0.0.0.0', '127.0.0.1', '::', '::1', 'localhost'])
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+\/[A-Za-z0-9_-]+(\?\S*)?$/, { message: 'must be a postgres:// URL naming a database' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' })
  REDIS_KEY_PREFIX?: string;

  @IsOptional()
  @IsIn(['all', 'api', 'worker'])
  APP_ROLE?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsEmail({ require_tld: false })
  MAIL_FROM?: string;

  @IsOptional()
  @MinLength(1)
  STORAGE_DIR?: string;

  @IsOptional()
  @IsEmail({ require_tld: false })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @MinLength(8, { message: 'must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  APP_SECRET?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes encoded in base64' })
  PII_ENCRYPTION_KEY?: string;

  @IsOptional()
  @Matches(/^([A-Za-z0-9+/]{43}=)(,[A-Za-z0-9+/]{43}=)*$/, { message: 'must be a comma-separated list of base64 32-byte keys' })
  PII_PREVIOUS_KEYS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes encoded in base64' })
  PII_INDEX_KEY?: string;

  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters' })
  SANDBOX_PAYMENT_SECRET?: string;

  @IsOptional()
  @IsIn(['true', 'false'], BOOLEAN_MESSAGE)
  SANDBOX_IN_PRODUCTION?: string;

  @IsOptional()
  @Matches(/^[\x21-\x7E]{16,256}$/, { message: 'must be 16-256 printable ASCII characters' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsIn(['true', 'false'], BOOLEAN_MESSAGE)
  SEED_DEMO?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  PUBLIC_WRITE_RATE_LIMIT?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  ORDER_LOOKUP_RATE_LIMIT?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  CALLBACK_RATE_LIMIT?: string;

  @IsOptional()
  @Matches(/^[1-9]\d{0,4}$/, { message: 'must be a whole number of days from 1 to 99999' })
  NOTIFICATION_RETENTION_DAYS?: string;

  @IsOptional()
  @Matches(/^[1-9]\d{0,4}$/, { message: 'must be a whole number of days from 1 to 99999' })
  INVALID_NOTIFICATION_RETENTION_DAYS?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  UPLOAD_ORPHAN_GRACE_MINUTES?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  LOGIN_MAX_ATTEMPTS?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  LOGIN_LOCK_SECONDS?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  ACCESS_TOKEN_TTL_SECONDS?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  PENDING_ORDER_TTL_MINUTES?: string;

  @IsOptional()
  @IsIn(['true', 'false'], BOOLEAN_MESSAGE)
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @MinLength(2)
  ORGANISATION_NAME?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-5][0-9]|6[0-4])$/, { message: 'must be a whole number from 1 to 64' })
  RECEIPT_WORKER_CONCURRENCY?: string;

  @IsOptional()
  @Matches(/^[1-9][0-9]{2,6}$/, { message: 'must be milliseconds (100 to 9999999)' })
  QUEUE_LOCK_DURATION_MS?: string;

  @IsOptional()
  @Matches(/^[a-z:-]+(,[a-z:-]+)*$/, { message: 'must be a comma-separated list of fault points' })
  FAULT_INJECTION?: string;

  // Hostile users (issue 14, part b): connection limits, staff second factor, mail files in production.
  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  MAX_STREAMS_PER_CLIENT?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  MAX_STREAMS?: string;

  @IsOptional()
  @Matches(POSITIVE_INTEGER, POSITIVE_INTEGER_MESSAGE)
  MAX_CONNECTIONS_PER_CLIENT?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9][0-9]|[1-5][0-9]{2}|600)$/, { message: 'must be a whole number of seconds from 1 to 600' })
  HTTP_HEADERS_TIMEOUT_SECONDS?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9][0-9]{1,2}|[1-2][0-9]{3}|3[0-5][0-9]{2}|3600)$/, { message: 'must be a whole number of seconds from 1 to 3600' })
  HTTP_REQUEST_TIMEOUT_SECONDS?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9][0-9]|[1-5][0-9]{2}|600)$/, { message: 'must be a whole number of seconds from 1 to 600' })
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS?: string;

  @IsOptional()
  @IsIn(['true', 'false'], BOOLEAN_MESSAGE)
  STAFF_REQUIRE_2FA?: string;

  @IsOptional()
  @IsIn(['true', 'false'], BOOLEAN_MESSAGE)
  MAIL_TO_FILES_IN_PRODUCTION?: string;
}
