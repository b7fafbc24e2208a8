import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { RetentionConfig } from '../config/retention-config';

export type { RetentionConfig } from '../config/retention-config';

/** The retention settings of AppConfig, for the services that delete old files. */
export const RETENTION_CONFIG = Symbol('RETENTION_CONFIG');

export const RETENTION_CONFIG_PROVIDER = {
  provide: RETENTION_CONFIG,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): RetentionConfig => config.retention,
};
