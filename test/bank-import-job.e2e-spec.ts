/**
 * Bank statements imported as a background job (POST /api/staff/bank-transfers/import-jobs): the
 * file is kept under STORAGE_DIR/imports, a worker on the `imports` queue runs the import and
 * reports progress, and staff follow it with GET /api/staff/jobs/:jobId.
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORTS_QUEUE } from '../src/bank-transfers/bank-import-jobs';
import { PiiCipher } from '../src/common/pii-cipher';
import { createWorkerContext } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { parsePublicJobId } from '../src/jobs/job-id';
import { eventually } from './support/smtp-sink';
import { createCampaign, login, startApp, TestApp, testEnv, isolated } from './support/test-app';

const HEADER = 'bankReference,amountYuan,payerName,receivedAt,payerAccount';

interface JobView {
  jobId: string;
  state: 'waiting' | 'active' | 'completed' | 'failed';
  progress: { done: number; total: number };
  result?: { imported: number; duplicates: number; errors: { line: number; code: string; message: string }[] };
  failedReason?: string;
}

function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

describe('bank statement import as a queue job', () => {
  let t: TestApp;
  let admin: string;
  const own = isolated('importjobs');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  async function startImport(app: TestApp, token: string, campaignCode: string, content: Buffer | string, filename = 'statement.csv') {
    const form = new FormData();
    form.append('campaignCode', campaignCode);
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
    const res = await fetch(`${app.baseUrl}/api/staff/bank-transfers/import-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  }

  /** Polls the job until it finishes, keeping every view seen on the way. */
  async function follow(app: TestApp, token: string, jobId: string, timeoutMs = 280_000): Promise<{ final: JobView; seen: JobView[] }> {
    const seen: JobView[] = [];
    const final = await eventually(
      async () => {
        const res = await app.request('GET', `/api/staff/jobs/${jobId}`, { token });
        expect(res.status).toBe(200);
        seen.push(res.body);
        return res.body.state === 'completed' || res.body.state === 'failed' ? (res.body as JobView) : undefined;
      },
      timeoutMs,
      `job ${jobId} finished`,
    );
    return { final, seen };
  }

  async function bullJob(app: TestApp, jobId: string) {
    const queue = app.app.get<Queue>(getQueueToken(IMPORTS_QUEUE), { strict: false });
    return queue.getJob(parsePublicJobId(jobId)!.bullJobId);
  }

  async function ledgerSum(campaignCode: string): Promise<{ n: number; fen: number }> {
    const [row] = await t.db.query(
      `SELECT count(*)::int AS n, coalesce(sum(d.amount_fen), 0)::bigint AS fen FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
      [campaignCode],
    );
    return { n: row.n, fen: Number(row.fen) };
  }

  async function staffToken(role: string): Promise<string> {
    const email = `${role}-${randomUUID().slice(0, 8)}@jobs.test`;
    expect((await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: 'long-enough-password', role, name: role } })).status).toBe(
      201,
    );
    return login(t, email, 'long-enough-password');
  }

  it('imports a 10,000-line statement in one job with progress, skips every line the second time, and the totals match', async () => {
    const campaign = await createCampaign(t, admin);
    const lines = [HEADER];
    let expected = 0;
    for (let i = 0; i < 10_000; i++) {
      const fen = 100 + ((i * 7919) % 99_900);
      expected += fen;
      lines.push(`JOB-${i}-${campaign},${yuan(fen)},付款人${i},2020-02-0${1 + (i % 9)} 12:00,62220202${String(i).padStart(8, '0')}`);
    }
    const statement = Buffer.from(lines.join('\n'), 'utf8');

    const started = await startImport(t, admin, campaign, statement, '对账单.csv');
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ jobId: expect.stringMatching(/^imports-\d+$/) });
    const { jobId } = started.body;

    // The upload is kept outside the web root, sealed with the personal-data cipher (payers' names
    // and accounts never touch the disk in clear), and opens to the uploaded bytes exactly.
    const cipher = new PiiCipher({ activeKey: t.config.piiEncryptionKey, indexKey: t.config.piiIndexKey });
    const stored = readdirSync(join(t.config.storageDir, 'imports'))
      .filter((name) => /^[0-9a-f-]{36}$/.test(name))
      .map((name) => readFileSync(join(t.config.storageDir, 'imports', name)));
    expect(stored.some((bytes) => bytes.includes(Buffer.from('付款人1,')))).toBe(false);
    expect(stored.some((bytes) => PiiCipher.isSealed(bytes) && cipher.openBytes(bytes, 'bank-statement').equals(statement))).toBe(true);

    const { final, seen } = await follow(t, admin, jobId);
    expect(final).toMatchObject({
      jobId,
      state: 'completed',
      progress: { done: 10_000, total: 10_000 },
      result: { imported: 10_000, duplicates: 0, errors: [] },
    });
    // Progress only moves forward, never past the total.
    for (let i = 1; i < seen.length; i++) expect(seen[i].progress.done).toBeGreaterThanOrEqual(seen[i - 1].progress.done);
    for (const view of seen) expect(view.progress.done).toBeLessThanOrEqual(Math.max(view.progress.total, 0));
    // The worker reported progress many times along the way (about once per 1% of the lines).
    const job = await bullJob(t, jobId);
    expect(job!.returnvalue.progressReports).toBeGreaterThan(50);
    expect(job!.returnvalue.progressReports).toBeLessThanOrEqual(102);

    expect(await ledgerSum(campaign)).toEqual({ n: 10_000, fen: expected });
    await eventually(
      async () => {
        const totals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
        return totals.body.amountFen === expected ? totals.body : undefined;
      },
      10_000,
      'totals equal to the ledger',
    );
    const totals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
    expect(totals.body).toMatchObject({ amountFen: expected, donationCount: 10_000, donorCount: 10_000 });

    // Who started it and what it did, in the audit log.
    const audit = await t.request('GET', `/api/staff/audit-log?entity=campaign&entityId=${campaign}`, { token: admin });
    const actions = audit.body.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['bank_transfer.import_job', 'bank_transfer.import']));
    expect(audit.body.items.find((a: { action: string }) => a.action === 'bank_transfer.import_job').after).toMatchObject({ jobId, filename: '对账单.csv' });

    // The same file again: a new job that records nothing.
    const again = await startImport(t, admin, campaign, statement);
    expect(again.status).toBe(202);
    expect(again.body.jobId).not.toBe(jobId);
    const second = await follow(t, admin, again.body.jobId);
    expect(second.final).toMatchObject({
      state: 'completed',
      progress: { done: 10_000, total: 10_000 },
      result: { imported: 0, duplicates: 10_000, errors: [] },
    });
    expect(await ledgerSum(campaign)).toEqual({ n: 10_000, fen: expected });
    expect((await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.amountFen).toBe(expected);
  }, 600_000);

  it('reports bad lines by line number in the result, keeping the good ones', async () => {
    const campaign = await createCampaign(t, admin);
    const ref = `JOB-${randomUUID().slice(0, 8)}`;
    const csv = [
      HEADER,
      `${ref}-A,10.00,张伟,2020-02-01 10:30,`,
      `${ref}-B,1.234,李娜,2020-02-01 10:30,`,
      `${ref}-C,20.50,王芳,2020-02-30,`,
      `${ref}-D,0.01,赵强,2020-02-01,`,
    ].join('\n');
    const started = await startImport(t, admin, campaign, csv);
    const { final } = await follow(t, admin, started.body.jobId, 60_000);
    expect(final).toEqual({
      jobId: started.body.jobId,
      kind: 'import_statement',
      params: { campaignCode: campaign, filename: 'statement.csv' },
      startedBy: 'admin@test.wennuan',
      state: 'completed',
      progress: { done: 4, total: 4 },
      result: {
        imported: 2,
        duplicates: 0,
        skipped: 0,
        layout: { code: 'standard', name: '通用格式' },
        errors: [
          { line: 3, code: 'INVALID_AMOUNT', message: expect.any(String) },
          { line: 4, code: 'INVALID_DATE', message: expect.any(String) },
        ],
      },
      createdAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(await ledgerSum(campaign)).toEqual({ n: 2, fen: 1001 });
  });

  it('fails a job whose file is not a statement once, with the reason, without retrying', async () => {
    const campaign = await createCampaign(t, admin);
    const started = await startImport(t, admin, campaign, 'a,b,c\n1,2,3\n');
    expect(started.status).toBe(202);
    const { final } = await follow(t, admin, started.body.jobId, 60_000);
    expect(final).toMatchObject({ state: 'failed', failedReason: expect.stringContaining('“交易流水号”') });
    expect((await bullJob(t, started.body.jobId))!.attemptsMade).toBe(1);
  });

  it('refuses an unknown campaign at once (no job), and answers 404 JOB_NOT_FOUND for unknown jobs', async () => {
    const res = await startImport(t, admin, 'no-such-campaign', `${HEADER}\nX-1,1.00,a,2020-02-01,\n`);
    expect([res.status, res.body.code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    for (const id of ['imports-999999999', 'receipts-1', 'imports-1; DROP TABLE outbox', 'x'.repeat(300)]) {
      const job = await t.request('GET', `/api/staff/jobs/${encodeURIComponent(id)}`, { token: admin });
      expect([id, job.status, job.body.code]).toEqual([id, 404, 'JOB_NOT_FOUND']);
    }
    const missing = await startImport(t, admin, 'no-such-campaign', '');
    expect(missing.status).toBe(400);
  });

  it('is for finance: the auditor may follow a job but not start one; warehouse neither', async () => {
    const campaign = await createCampaign(t, admin);
    const started = await startImport(t, admin, campaign, `${HEADER}\nROLE-${randomUUID().slice(0, 8)},1.00,a,2020-02-01,\n`);
    const auditor = await staffToken('auditor');
    const warehouse = await staffToken('warehouse');
    expect((await startImport(t, auditor, campaign, `${HEADER}\nAUD-1,1.00,a,2020-02-01,\n`)).status).toBe(403);
    expect((await startImport(t, warehouse, campaign, `${HEADER}\nWH-1,1.00,a,2020-02-01,\n`)).status).toBe(403);
    expect((await t.request('GET', `/api/staff/jobs/${started.body.jobId}`, { token: auditor })).status).toBe(200);
    expect((await t.request('GET', `/api/staff/jobs/${started.body.jobId}`)).status).toBe(401);
    expect((await t.request('GET', `/api/staff/jobs/${started.body.jobId}`, { token: warehouse })).status).toBe(403);
    await follow(t, admin, started.body.jobId, 60_000);
    expect(await ledgerSum(campaign)).toEqual({ n: 1, fen: 100 });
  });

  it('APP_ROLE=api only queues the job; a worker process started later runs it', async () => {
    // A database and Redis prefix of its own: no other process may relay or run this job.
    const split = isolated('importsplit');
    const api = await startApp({ ...split.env, APP_ROLE: 'api' });
    let worker: INestApplicationContext | null = null;
    try {
      const token = await login(api);
      const campaign = await createCampaign(api, token);
      const started = await startImport(api, token, campaign, `${HEADER}\nSPLIT-${randomUUID().slice(0, 8)},3.00,孙丽,2020-02-01,\n`);
      expect(started.status).toBe(202);
      const id = parsePublicJobId(started.body.jobId)!;
      // Once the outbox has handed it to Redis, it waits there: no process runs the imports worker.
      await eventually(
        async () => ((await api.db.query(`SELECT dispatched_at FROM outbox WHERE id = $1`, [id.outboxRowId]))[0].dispatched_at ? true : undefined),
        20_000,
        'job relayed',
      );
      const waiting = await api.request('GET', `/api/staff/jobs/${started.body.jobId}`, { token });
      expect(waiting.body).toMatchObject({ state: 'waiting', progress: { done: 0, total: 0 } });

      worker = await createWorkerContext(loadConfig(testEnv({ ...split.env, APP_ROLE: 'worker', STORAGE_DIR: api.config.storageDir })));
      await worker.init();
      const { final } = await follow(api, token, started.body.jobId, 60_000);
      expect(final).toMatchObject({ state: 'completed', progress: { done: 1, total: 1 }, result: { imported: 1, duplicates: 0, errors: [] } });
    } finally {
      await worker?.close();
      await api.close();
      await split.drop();
    }
  });
});
