import { createHmac } from 'node:crypto';
import { freePort, ensureBuilt, spawnService, ServiceProcess } from './support/service-process';
import { eventually } from './support/smtp-sink';
import { ADMIN_EMAIL, ADMIN_PASSWORD, isolated, SANDBOX_SECRET, testEnv } from './support/test-app';

const PII = {
  idNumber: '11010519491231002X',
  phone: '13912345678',
  email: 'very.private@example.com',
  address: '武汉市武昌区隐私街42号',
};

describe('logs', () => {
  let service: ServiceProcess;
  let base: string;
  const own = isolated('logs');

  beforeAll(async () => {
    ensureBuilt();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = spawnService(testEnv({ ...own.env, PORT: String(port), LOG_LEVEL: 'trace' }));
    await service.waitForOutput(/Wennuan is running/);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await own.drop();
  });

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const raw = JSON.stringify(body);
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
    return { status: res.status, body: await res.json().catch((): any => null) };
  }

  it('are JSON lines with a request id and never carry personal data, even at trace level', async () => {
    const login = await post('/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const code = `logs-${Date.now().toString(36)}`;
    const created = await post('/api/staff/campaigns', { code, title: '日志测试', receiptPrefix: 'LG' }, { authorization: `Bearer ${login.body.accessToken}` });
    expect(created.status).toBe(201);
    const donation = await post(
      `/api/campaigns/${code}/donations`,
      { amountFen: 20000, channel: 'sandbox', phone: PII.phone, donorName: '隐私先生' },
      { 'x-request-id': 'trace-me-0001' },
    );
    expect(donation.status).toBe(201);
    const orderNo = donation.body.orderNo;
    const raw = JSON.stringify({ orderNo, transactionId: `SBX-${orderNo}`, amountFen: 20000, paidAt: new Date().toISOString() });
    const notify = await fetch(`${base}/api/payments/sandbox/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': `sha256=${createHmac('sha256', SANDBOX_SECRET).update(raw).digest('hex')}` },
      body: raw,
    });
    expect(notify.status).toBe(200);
    const request = await post('/api/receipt-requests', {
      campaignCode: code,
      orderNo,
      claimToken: donation.body.claimToken,
      amountFen: 20000,
      donorType: 'individual',
      name: '隐私先生',
      idNumber: PII.idNumber,
      invoiceTitle: '隐私先生',
      phone: PII.phone,
      email: PII.email,
      mailingAddress: PII.address,
    });
    expect(request.status).toBe(201);
    const refused = await post('/api/receipt-requests', {
      campaignCode: code,
      orderNo,
      claimToken: donation.body.claimToken,
      amountFen: 20000,
      donorType: 'individual',
      name: '隐私先生',
      idNumber: '110105194912310021',
      invoiceTitle: 'x',
      phone: PII.phone,
      email: PII.email,
    });
    expect(refused.status).toBe(422);
    await eventually(
      async () => {
        const res = await fetch(`${base}/api/receipt-requests/${request.body.requestId}`);
        const body = (await res.json()) as { status: string };
        return body.status === 'issued' && /Receipt mailed/.test(service.output()) ? true : undefined;
      },
      45_000,
      'receipt issued and mailed',
    );

    // The public totals, read twice: the second answer comes from the cache, logged the same way.
    for (const id of ['totals-read-0001', 'totals-read-0002'])
      expect((await fetch(`${base}/api/campaigns/${code}/totals`, { headers: { 'x-request-id': id } })).status).toBe(200);
    await eventually(async () => (/totals-read-0002/.test(service.output()) ? true : undefined), 5_000, 'request lines written');

    const output = service.output();
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    const records = lines.map((l) => JSON.parse(l) as { req?: { id?: string } });
    expect(records.some((r) => r.req?.id === 'trace-me-0001')).toBe(true);
    for (const id of ['totals-read-0001', 'totals-read-0002']) {
      expect(records).toContainEqual(
        expect.objectContaining({
          level: 30,
          msg: 'request completed',
          req: { id, method: 'GET', path: `/api/campaigns/${code}/totals` },
          res: { statusCode: 200 },
        }),
      );
    }
    for (const secret of Object.values(PII)) expect(output).not.toContain(secret);
    expect(output).not.toContain(ADMIN_PASSWORD);
    expect(output).not.toContain(login.body.accessToken);
  }, 90_000);
});
