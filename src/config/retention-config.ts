import { ConfigError } from './config-error';

/** How long files written for staff are kept (read once at start; a bad value stops the start). */
export interface RetentionConfig {
  /** EXPORT_RETENTION_DAYS: export files written by jobs (default 7). */
  exportDays: number;
  /** STATEMENT_RETENTION_DAYS: uploaded bank statements (default 90); the imported donations and the job record stay. */
  statementDays: number;
  /** OUTBOX_RETENTION_DAYS: outbox rows whose job has finished (default 7). */
  outboxDays: number;
  /** RETENTION_CLEANUP_EVERY_MINUTES: how often the cleanup job runs (default 60). */
  everyMinutes: number;
}

export function loadRetentionConfig(env: NodeJS.ProcessEnv): RetentionConfig {
  return {
    exportDays: whole(env, 'EXPORT_RETENTION_DAYS', 7, 3650),
    statementDays: whole(env, 'STATEMENT_RETENTION_DAYS', 90, 3650),
    outboxDays: whole(env, 'OUTBOX_RETENTION_DAYS', 7, 3650),
    everyMinutes: whole(env, 'RETENTION_CLEANUP_EVERY_MINUTES', 60, 7 * 24 * 60),
  };
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > max)
    throw new ConfigError(`Invalid configuration: ${name} must be a whole number from 1 to ${max}`);
  return Number(text);
}
