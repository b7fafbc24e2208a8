import { queueHandlerProblems } from './queue-handlers';

describe('queueHandlerProblems', () => {
  const expected = ['receipts', 'imports'];

  it('accepts one worker per queue', () => {
    expect(queueHandlerProblems(expected, ['imports', 'receipts'])).toBeNull();
  });

  it('names a queue without a worker, one with two, and a worker of an unlisted queue', () => {
    expect(queueHandlerProblems(expected, ['receipts'])).toBe('Queue workers: queue "imports" has no worker');
    expect(queueHandlerProblems(expected, ['receipts', 'imports', 'receipts'])).toBe('Queue workers: queue "receipts" has 2 workers');
    expect(queueHandlerProblems(expected, ['receipts', 'imports', 'mystery'])).toBe('Queue workers: queue "mystery" is not in APP_QUEUES');
  });
});
