import { ConfigError } from '../config/app-config';
import { loadRetentionConfig } from './retention-config';

describe('loadRetentionConfig', () => {
  it('defaults to 7 days for exports and finished outbox rows, 90 for statements, hourly cleanup', () => {
    expect(loadRetentionConfig({})).toEqual({ exportDays: 7, statementDays: 90, outboxDays: 7, everyMinutes: 60 });
  });

  it('reads whole numbers and refuses anything else at start', () => {
    expect(
      loadRetentionConfig({ EXPORT_RETENTION_DAYS: '30', STATEMENT_RETENTION_DAYS: '365', OUTBOX_RETENTION_DAYS: '2', RETENTION_CLEANUP_EVERY_MINUTES: '5' }),
    ).toEqual({
      exportDays: 30,
      statementDays: 365,
      outboxDays: 2,
      everyMinutes: 5,
    });
    for (const bad of ['0', '-1', '1.5', 'seven', '99999']) {
      expect(() => loadRetentionConfig({ EXPORT_RETENTION_DAYS: bad })).toThrow(ConfigError);
      expect(() => loadRetentionConfig({ OUTBOX_RETENTION_DAYS: bad })).toThrow(ConfigError);
    }
  });
});
