import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import fastify from 'fastify';
import { QueryFailedError } from 'typeorm';
import { createLogger, logRequests, PinoNestLogger, requestIdFor } from './logging';

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

describe('logRequests', () => {
  async function serve(logLevel: string) {
    const out = capture();
    const app = fastify({ genReqId: requestIdFor });
    logRequests(app, createLogger({ logLevel, appRole: 'api' }, out.stream));
    app.get('/api/campaigns/:code/totals', async () => ({ ok: true }));
    app.get('/health', async () => ({ status: 'ok' }));
    app.get('/boom', async (_request, reply) => reply.status(503).send({ code: 'X' }));
    await app.ready();
    return { app, out };
  }

  it('writes one line per request with its id, method, path and status, through the logger, never the query string', async () => {
    const { app, out } = await serve('info');
    await app.inject({ method: 'GET', url: '/api/campaigns/warm-wuhan/totals?secret=claim-token-1', headers: { 'x-request-id': 'trace-me-0001' } });
    await app.close();
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 30,
        role: 'api',
        msg: 'request completed',
        req: { id: 'trace-me-0001', method: 'GET', path: '/api/campaigns/warm-wuhan/totals' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(out.lines)).not.toContain('claim-token-1');
  });

  it('logs a 5xx answer as an error, follows the level, and leaves out the probes', async () => {
    const { app, out } = await serve('error');
    await app.inject({ method: 'GET', url: '/api/campaigns/a/totals' });
    await app.inject({ method: 'GET', url: '/boom' });
    await app.inject({ method: 'GET', url: '/health' });
    await app.close();
    expect(out.lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'request failed', req: expect.objectContaining({ path: '/boom' }), res: { statusCode: 503 } }),
    ]);
  });
});

describe('logged database errors', () => {
  it('never carry the statement’s values: parameters, and PostgreSQL’s detail and where, are redacted', () => {
    const lines: Array<Record<string, any>> = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const driver = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      detail: 'Key (email)=(secret.donor@example.com) already exists.',
      where: "unnamed portal parameter $1 = '13800138000'",
    });
    const error = new QueryFailedError('SELECT * FROM donations WHERE phone_hash = $1', ['13800138000', 'secret.donor@example.com'], driver);
    new PinoNestLogger(createLogger({ logLevel: 'info', appRole: 'all' }, stream)).error({ err: error }, 'Unhandled error', 'ErrorFilter');
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('secret.donor@example.com');
    // What helps to find the fault stays.
    expect(lines[0].err).toMatchObject({ type: 'QueryFailedError', message: expect.stringContaining('invalid byte sequence'), code: '22021' });
    expect(lines[0].err.query).toBe('SELECT * FROM donations WHERE phone_hash = $1');
    expect(lines[0].err.driverError).toMatchObject({ detail: '[redacted]', where: '[redacted]' });
  });
});
