/**
 * 捐赠数据公示: frozen snapshots with a CSV of every paid donation (masked), the CSV's SHA-256, and
 * a hash chain over the figures and the previous snapshot, which anyone can recompute.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createCampaign, createDonation, login, startApp, TestApp, paySandbox } from './support/test-app';

jest.setTimeout(120_000);

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('publications', () => {
  let t: TestApp;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
    for (const role of ['finance', 'warehouse', 'auditor']) {
      const email = `${role}-${randomUUID().slice(0, 8)}@test.wennuan`;
      expect((await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: 'long-enough-password', role, name: role } })).status).toBe(
        201,
      );
      tokens[role] = await login(t, email, 'long-enough-password');
    }
  });
  afterAll(() => t?.close());

  const pay = (code: string, amountFen: number, body: Record<string, unknown> = {}, paidAt?: string) => paySandbox(t, code, amountFen, body, { paidAt });

  const publish = (code: string, token = tokens.finance) => t.request('POST', `/api/staff/campaigns/${code}/publications`, { token });

  async function download(path: string) {
    const res = await fetch(t.baseUrl + path);
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** The CSV as rows of cells (no quoted commas in what these tests write). */
  function parseCsv(bytes: Buffer): string[][] {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(','));
  }

  it('freezes the figures and a CSV of every paid donation, masked, whose SHA-256 is the published one', async () => {
    const code = await createCampaign(t, admin, { goalFen: 10_000_000 });
    await pay(code, 10_000, { donorName: '张三', phone: '13800001111', showOnWall: true }, '2020-02-01T09:00:00+08:00');
    await pay(code, 25_050, { donorName: '李四', anonymous: true, showOnWall: true });
    await pay(code, 99, { donorName: '=HYPERLINK("http://evil")', showOnWall: true });
    // Did not agree to be shown: 爱心人士 in the CSV, whatever the name (issue 18).
    await pay(code, 1, { donorName: '赵六' });
    await createDonation(t, code, { amountFen: 777, donorName: '未支付' });
    await t.request('POST', '/api/staff/disbursements', {
      token: admin,
      body: { campaignCode: code, amountFen: 5_000, recipient: '医院', purpose: '口罩', date: '2020-02-10' },
    });
    const live = (await t.request('GET', `/api/campaigns/${code}/totals`)).body;

    const res = await publish(code);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      asOf: expect.stringMatching(/Z$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      seq: 1,
      previousChainSha256: null,
      rowCount: 4,
    });
    const { updatedAt: _a, campaignCode: _c, ...liveFigures } = live;
    const { updatedAt: _b, ...figures } = res.body.totals;
    expect(figures).toEqual(liveFigures);
    expect(res.body.totals).toMatchObject({ donationCount: 4, amountFen: 35_150, donorCount: 4, disbursedFen: 5_000, goalFen: 10_000_000 });

    const csv = await download(`/api/campaigns/${code}/publications/${res.body.id}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`${code}-publication-1.csv`);
    expect(csv.headers.get('etag')).toBe(`"${res.body.sha256}"`);
    expect(sha256(csv.bytes)).toBe(res.body.sha256);
    const [header, ...rows] = parseCsv(csv.bytes);
    expect(header).toEqual(['序号', '到账时间', '捐赠人', '金额（分）', '金额（元）', '支付渠道']);
    expect(rows).toHaveLength(res.body.totals.donationCount);
    expect(rows.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(res.body.totals.amountFen);
    expect(rows[0]).toEqual(['1', '2020-02-01T09:00:00+08:00', '张*', '10000', '100.00', 'sandbox']);
    expect(rows.map((r) => r[2]).sort()).toEqual(["'=***", '张*', '爱心人士', '爱心人士'].sort());
    const text = csv.bytes.toString('utf8');
    for (const secret of ['13800001111', '张三', '李四', '赵', '未支付', 'HYPERLINK']) expect(text).not.toContain(secret);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('chains each publication to the previous one; anyone can recompute the hashes from what is published', async () => {
    const code = await createCampaign(t, admin);
    await pay(code, 1_000);
    const first = (await publish(code)).body;
    await pay(code, 2_000);
    const second = (await publish(code, admin)).body;
    expect(second).toMatchObject({ seq: 2, previousChainSha256: first.chainSha256, rowCount: 2 });
    expect(second.totals).toMatchObject({ amountFen: 3_000, donationCount: 2 });

    const list = await t.request('GET', `/api/campaigns/${code}/publications`);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
    let previous: string | null = null;
    for (const p of [...list.body.items].reverse()) {
      const csv = await download(p.csvUrl);
      expect(sha256(csv.bytes)).toBe(p.sha256);
      expect(sha256(p.manifest)).toBe(p.chainSha256);
      const manifest = JSON.parse(p.manifest);
      expect(manifest).toMatchObject({ campaignCode: code, seq: p.seq, asOf: p.asOf, sha256: p.sha256, previousChainSha256: previous, rowCount: p.rowCount });
      expect(manifest.totals).toEqual(p.totals);
      previous = p.chainSha256;
    }
    // The first snapshot stays as it was, whatever was paid since.
    expect(sha256((await download(first.csvUrl)).bytes)).toBe(first.sha256);
  });

  it('refuses to change a publication in the database', async () => {
    const code = await createCampaign(t, admin);
    const { id } = (await publish(code)).body;
    await expect(t.db.query(`UPDATE publications SET totals = '{}' WHERE id = $1`, [id])).rejects.toThrow(/frozen/);
    await expect(t.db.query(`DELETE FROM publications WHERE id = $1`, [id])).rejects.toThrow(/frozen/);
  });

  it('keeps the chain unbroken when staff publish at the same moment', async () => {
    const code = await createCampaign(t, admin);
    await pay(code, 500);
    const answers = await Promise.all(Array.from({ length: 5 }, () => publish(code)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    const bySeq = answers.map((a) => a.body).sort((a, b) => a.seq - b.seq);
    expect(bySeq.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < bySeq.length; i += 1) expect(bySeq[i].previousChainSha256).toBe(bySeq[i - 1].chainSha256);
  });

  it('is for admin and finance only, and audit-logged', async () => {
    const code = await createCampaign(t, admin);
    expect((await t.request('POST', `/api/staff/campaigns/${code}/publications`)).status).toBe(401);
    for (const role of ['warehouse', 'auditor']) {
      const res = await publish(code, tokens[role]);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const created = await publish(code, tokens.finance);
    expect(created.status).toBe(201);
    const audit = await t.request('GET', `/api/staff/audit-log?entity=publication&entityId=${created.body.id}`, { token: admin });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'publication.create',
        actorEmail: expect.stringMatching(/^finance-/),
        after: expect.objectContaining({ sha256: created.body.sha256, chainSha256: created.body.chainSha256 }),
      }),
    ]);
  });

  it('answers unknown campaigns and publications with 404', async () => {
    const code = await createCampaign(t, admin);
    expect((await publish(`no-such-${randomUUID().slice(0, 6)}`)).body).toMatchObject({ statusCode: 404, code: 'CAMPAIGN_NOT_FOUND' });
    for (const file of [`${randomUUID()}.csv`, 'nope.csv', `${randomUUID()}.pdf`]) {
      const res = await t.request('GET', `/api/campaigns/${code}/publications/${file}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'PUBLICATION_NOT_FOUND', message: expect.any(String) });
    }
    expect((await t.request('GET', `/api/campaigns/no-such-${randomUUID().slice(0, 6)}/publications`)).status).toBe(404);
  });
});
