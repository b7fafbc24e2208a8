import { IsBooleanString, IsEmail, IsIn, IsNumberString, IsOptional, IsUrl, Matches, MinLength } from 'class-validator';

/** The environment the service accepts; every variable is documented in README.md and .env.example. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @Matches(/^\d{1,5}$/, { message: 'must be a port number' })
  PORT?: string;

  @IsOptional() @IsIn(['0.0.0.0', '127.0.0.1', '::', '::1', 'localhost'])
  HOST?: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+\/[A-Za-z0-9_-]+(\?\S*)?$/, { message: 'must be a postgres:// URL naming a database' })
  DATABASE_URL?: string;

  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' })
  REDIS_KEY_PREFIX?: string;

  @IsOptional() @IsIn(['all', 'api', 'worker'])
  APP_ROLE?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  @IsOptional() @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @IsEmail({ require_tld: false })
  MAIL_FROM?: string;

  @IsOptional() @MinLength(1)
  STORAGE_DIR?: string;

  @IsOptional() @IsEmail({ require_tld: false })
  ADMIN_EMAIL?: string;

  @IsOptional() @MinLength(8, { message: 'must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional() @MinLength(32, { message: 'must be at least 32 characters' })
  APP_SECRET?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes encoded in base64' })
  PII_ENCRYPTION_KEY?: string;

  @IsOptional() @Matches(/^([A-Za-z0-9+/]{43}=)(,[A-Za-z0-9+/]{43}=)*$/, { message: 'must be a comma-separated list of base64 32-byte keys' })
  PII_PREVIOUS_KEYS?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes encoded in base64' })
  PII_INDEX_KEY?: string;

  @IsOptional() @MinLength(16, { message: 'must be at least 16 characters' })
  SANDBOX_PAYMENT_SECRET?: string;

  @IsOptional() @IsBooleanString()
  SEED_DEMO?: string;

  @IsOptional() @IsNumberString({ no_symbols: true })
  PUBLIC_WRITE_RATE_LIMIT?: string;

  @IsOptional() @IsNumberString({ no_symbols: true })
  LOGIN_MAX_ATTEMPTS?: string;

  @IsOptional() @IsNumberString({ no_symbols: true })
  LOGIN_LOCK_SECONDS?: string;

  @IsOptional() @IsNumberString({ no_symbols: true })
  ACCESS_TOKEN_TTL_SECONDS?: string;

  @IsOptional() @IsNumberString({ no_symbols: true })
  PENDING_ORDER_TTL_MINUTES?: string;

  @IsOptional() @IsBooleanString()
  TRUST_PROXY?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @MinLength(2)
  ORGANISATION_NAME?: string;
}
