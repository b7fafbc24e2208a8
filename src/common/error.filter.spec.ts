import { isUnavailable } from './error.filter';

describe('isUnavailable', () => {
  it('counts a full connection pool (pg-pool gave up waiting) as unavailable: 503, retry later', () => {
    expect(isUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('counts connection failures of PostgreSQL and Redis, by code and by message', () => {
    expect(isUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailable({ message: 'query failed', driverError: { code: '57P01' } })).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not count other failures', () => {
    expect(isUnavailable(new Error('duplicate key value violates unique constraint'))).toBe(false);
    expect(isUnavailable(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(isUnavailable(null)).toBe(false);
  });
});
