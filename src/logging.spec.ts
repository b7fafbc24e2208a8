import { Logger } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { BatchedDestination, createLogger, PinoNestLogger, RequestLog } from './logging';

/** A pino destination that keeps the JSON lines it is given. */
function capture() {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('PinoNestLogger', () => {
  let out: ReturnType<typeof capture>;
  let logger: Logger;

  beforeEach(() => {
    out = capture();
    const nest = new PinoNestLogger(createLogger({ logLevel: 'debug', appRole: 'all' }, out.stream));
    Logger.overrideLogger(nest);
    logger = new Logger('Ledger');
  });
  afterAll(() => Logger.overrideLogger(false));

  it('writes a message with its level, context and role', () => {
    logger.warn('Redis unreachable');
    expect(out.lines).toEqual([expect.objectContaining({ level: 40, context: 'Ledger', role: 'all', msg: 'Redis unreachable' })]);
  });

  it('spreads an object first argument into the line and takes the next string as the message', () => {
    logger.log({ orderNo: 'WH123', expired: 3 }, 'Expired unpaid orders');
    expect(out.lines[0]).toMatchObject({ level: 30, context: 'Ledger', orderNo: 'WH123', expired: 3, msg: 'Expired unpaid orders' });
  });

  it("serializes errors with their stack, from an Error or from Nest's (message, stack) form", () => {
    logger.error({ err: new Error('boom') }, 'Unhandled error');
    logger.error('It failed', new Error('inner').stack);
    expect(out.lines[0]).toMatchObject({ level: 50, msg: 'Unhandled error', err: { type: 'Error', message: 'boom' } });
    expect(out.lines[0].err.stack).toContain('logging.spec');
    expect(out.lines[1]).toMatchObject({ level: 50, context: 'Ledger', msg: 'It failed' });
    expect(out.lines[1].err.stack).toContain('Error: inner');
  });

  it('removes personal fields and headers whatever the caller logs', () => {
    logger.warn(
      {
        phone: '13800138000',
        idNumber: '11010519491231002X',
        email: 'a@b.cn',
        donor: { phone: '13800138000' },
        headers: { authorization: 'Bearer x' },
        orderNo: 'WH1',
      },
      'Donor',
    );
    const line = JSON.stringify(out.lines[0]);
    for (const secret of ['13800138000', '11010519491231002X', 'a@b.cn', 'Bearer x']) expect(line).not.toContain(secret);
    expect(out.lines[0].orderNo).toBe('WH1');
  });

  it('leaves out levels below the configured one', () => {
    const quiet = capture();
    Logger.overrideLogger(new PinoNestLogger(createLogger({ logLevel: 'warn', appRole: 'worker' }, quiet.stream)));
    logger.log('not shown');
    logger.debug('not shown');
    logger.warn('shown');
    expect(quiet.lines.map((l) => l.msg)).toEqual(['shown']);
  });
});

describe('RequestLog', () => {
  /** Raw lines, as written. */
  function rawCapture() {
    const chunks: string[] = [];
    return { chunks, stream: { write: (chunk: string) => void chunks.push(chunk) } };
  }
  const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');

  it('writes exactly the line pino writes for the same request, at the same level', () => {
    const ours = rawCapture();
    const theirs = rawCapture();
    const log = RequestLog.create({ logLevel: 'info', appRole: 'api' }, ours.stream);
    const reference = pino({ level: 'info', base: { role: 'api' } }, theirs.stream);
    const cases: Array<[string, string, string, number, number]> = [
      ['5f0c7a7e-8a43-4a53-9a0c-6c9f0e3c1d2a', 'GET', '/api/campaigns/warm-wuhan/totals', 200, 0.4],
      ['trace-me-0001', 'POST', '/api/donations?secret=1', 201, 12.6],
      ['x1234567', 'GET', '/c/"quoted"\\back\u2028/温暖', 304, 3],
      ['x1234567', 'DELETE', '/api/x', 503, 1000.5],
    ];
    for (const [id, method, url, statusCode, ms] of cases) {
      log.write(id, method, url, statusCode, ms);
      const line = { req: { id, method, path: url.split('?')[0] }, res: { statusCode }, responseTime: Math.round(ms) };
      if (statusCode >= 500) reference.error(line, 'request failed');
      else reference.info(line, 'request completed');
    }
    expect(ours.chunks.map(withoutTime)).toEqual(theirs.chunks.map(withoutTime));
    expect(ours.chunks.join('')).not.toContain('secret');
  });

  it('follows the level, and leaves out the probes', () => {
    const out = rawCapture();
    const quiet = RequestLog.create({ logLevel: 'error', appRole: 'all' }, out.stream);
    quiet.write('x1234567', 'GET', '/api/campaigns/a/totals', 200, 1);
    quiet.write('x1234567', 'GET', '/api/campaigns/a/totals', 500, 1);
    quiet.write('x1234567', 'GET', '/health', 500, 1);
    expect(out.chunks).toHaveLength(1);
    expect(JSON.parse(out.chunks[0])).toMatchObject({ level: 50, msg: 'request failed', req: { path: '/api/campaigns/a/totals' } });
  });
});

describe('BatchedDestination', () => {
  function sink() {
    const writes: string[] = [];
    return { writes, write: (chunk: string) => void writes.push(chunk), flushSync: () => undefined };
  }

  it('hands the lines over in order, as one write, at most 50 ms later', async () => {
    const out = sink();
    const batched = new BatchedDestination(out);
    for (let i = 0; i < 100; i += 1) batched.write(`line ${i}\n`);
    expect(out.writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(out.writes).toEqual([Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join('')]);
  });

  it('writes at once when 64 KiB are waiting', () => {
    const out = sink();
    const batched = new BatchedDestination(out);
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 64; i += 1) batched.write(line);
    expect(out.writes).toEqual([line.repeat(64)]);
    batched.drain();
  });

  it('drops the lines once the sink is closed, rather than keeping them', () => {
    const out = { ...sink(), destroyed: true };
    const batched = new BatchedDestination(out);
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 64; i += 1) batched.write(line);
    expect(out.writes).toEqual([]);
    out.destroyed = false;
    batched.write('after\n');
    batched.drain();
    expect(out.writes).toEqual(['after\n']);
  });

  it('writes what is waiting before the process exits', () => {
    // A child process: lines handed to the destination, then process.exit() before the batch is due.
    const script = `
      const fs = require('node:fs');
      const transform = require(${JSON.stringify(join(__dirname, '..', 'test', 'support', 'jest-transform.js'))});
      require.extensions['.ts'] = (m, file) => m._compile(transform.process(fs.readFileSync(file, 'utf8'), file).code, file);
      const { BatchedDestination } = require(${JSON.stringify(join(__dirname, 'logging.ts'))});
      const out = new BatchedDestination(require('pino').destination({ dest: 1, sync: false }));
      out.write('first\\n');
      out.write('second\\n');
      process.exit(0);
    `;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('first\nsecond\n');
  });
});
