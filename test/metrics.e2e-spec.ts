import { randomUUID } from 'node:crypto';
import { createCampaign, createDonation, login, notifySandbox, startApp, TestApp } from './support/test-app';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  function value(text: string, line: RegExp): number {
    const match = text.split('\n').find((l) => line.test(l));
    return match ? Number(match.split(' ').pop()) : 0;
  }

  it('exposes HTTP latency by route pattern, notification outcomes and queue depth, without ids or personal data', async () => {
    const admin = await login(t);
    const campaign = await createCampaign(t, admin);
    const before = await t.request('GET', '/metrics');
    expect(before.status).toBe(200);
    const created = await createDonation(t, campaign, { amountFen: 500, phone: '13800138000' });
    const orderNo = created.body.orderNo;
    await notifySandbox(t, { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 500, paidAt: new Date().toISOString() });
    await notifySandbox(t, { orderNo, transactionId: 'x' }, 'sha256=' + '0'.repeat(64));
    await t.request('GET', `/api/donations/${orderNo}`);

    const after = await t.request('GET', '/metrics');
    const text = after.text;
    expect(after.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('wennuan_http_request_duration_seconds_bucket');
    expect(text).toMatch(/route="\/api\/donations\/:orderNo"/);
    expect(text).not.toContain(orderNo);
    expect(text).not.toContain('13800138000');
    const paid = /^wennuan_payment_notifications_total\{provider="sandbox",outcome="PAID"\}/;
    const forged = /^wennuan_payment_notifications_total\{provider="sandbox",outcome="INVALID_SIGNATURE"\}/;
    expect(value(text, paid) - value(before.text, paid)).toBe(1);
    expect(value(text, forged) - value(before.text, forged)).toBe(1);
    expect(text).toMatch(/wennuan_queue_jobs\{queue="receipts",state="waiting"\} \d+/);
    expect(text).toMatch(/wennuan_queue_oldest_waiting_seconds\{queue="receipts"\} [\d.]+/);
    // Every queue of the service, including those whose workers may run in other processes.
    for (const queue of ['approvals', 'imports', 'exports', 'donation-maintenance', 'payments', 'totals-maintenance', 'maintenance']) {
      expect(text).toMatch(new RegExp(`wennuan_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+`));
    }
    expect(text).toContain('wennuan_process_resident_memory_bytes');
  });
});
