import { parsePublicJobId, publicJobId } from './job-id';
import { JobProgressReporter, progressOf } from './job-progress.reporter';

function fakeJob() {
  const writes: unknown[] = [];
  return { writes, job: { id: 'outbox-1', updateProgress: async (p: unknown) => void writes.push(p) } };
}

describe('JobProgressReporter', () => {
  it('reports about once per step, always the first and the last, in order', async () => {
    const { writes, job } = fakeJob();
    const reporter = new JobProgressReporter(job, 100);
    reporter.report(0, 10_000);
    for (let done = 1; done <= 10_000; done++) reporter.report(done, 10_000);
    expect(await reporter.flush()).toBe(101);
    expect(writes[0]).toEqual({ done: 0, total: 10_000 });
    expect(writes[writes.length - 1]).toEqual({ done: 10_000, total: 10_000 });
    const dones = (writes as { done: number }[]).map((w) => w.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it('reports every line of a short file, and a file with nothing to do once', async () => {
    const short = fakeJob();
    const a = new JobProgressReporter(short.job);
    for (let done = 0; done <= 3; done++) a.report(done, 3);
    expect(await a.flush()).toBe(4);
    const empty = fakeJob();
    const b = new JobProgressReporter(empty.job);
    b.report(5, 5);
    b.report(5, 5);
    expect(await b.flush()).toBe(1);
  });

  it('keeps going when a progress write fails', async () => {
    let calls = 0;
    const reporter = new JobProgressReporter({
      id: 'x',
      updateProgress: async () => {
        calls += 1;
        throw new Error('Redis down');
      },
    });
    reporter.report(0, 2);
    reporter.report(2, 2);
    await expect(reporter.flush()).resolves.toBe(2);
    expect(calls).toBe(2);
  });
});

describe('progressOf and public job ids', () => {
  it('reads a stored progress, zeros otherwise', () => {
    expect(progressOf({ done: 3, total: 9 })).toEqual({ done: 3, total: 9 });
    expect(progressOf(0)).toEqual({ done: 0, total: 0 });
    expect(progressOf({ done: '3', total: 1.5 })).toEqual({ done: 0, total: 0 });
  });

  it('maps <queue>-<outbox row> to the BullMQ job the outbox relay names', () => {
    expect(publicJobId('imports', '42')).toBe('imports-42');
    expect(parsePublicJobId('imports-42')).toEqual({ queue: 'imports', outboxRowId: '42', bullJobId: 'outbox-42' });
    for (const bad of ['imports', 'imports-', '-1', 'imports-1x', 'IMPORTS-1', 'imports-1;drop', `imports-${'9'.repeat(19)}`])
      expect(parsePublicJobId(bad)).toBeNull();
  });
});

describe('progress with failures', () => {
  it('carries the failed count when the job reports one', async () => {
    const { writes, job } = fakeJob();
    const reporter = new JobProgressReporter(job);
    reporter.report(0, 3, 0);
    reporter.report(3, 3, 1);
    await reporter.flush();
    expect(writes).toEqual([
      { done: 0, total: 3, failed: 0 },
      { done: 3, total: 3, failed: 1 },
    ]);
    expect(progressOf({ done: 3, total: 3, failed: 1 })).toEqual({ done: 3, total: 3, failed: 1 });
  });
});
