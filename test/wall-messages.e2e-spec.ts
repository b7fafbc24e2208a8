/**
 * Donor messages (issue 21): asked for on the donate page, shown (cleaned, escaped) on the wall of
 * gifts shown there, and hidden by staff (finance/admin, audited) with the wall following at once.
 */
import { createCampaign, isolated, login, startApp, TestApp, paySandbox } from './support/test-app';

jest.setTimeout(120_000);

describe('donor messages on the wall', () => {
  const own = isolated('wallmsg');
  let t: TestApp;
  let admin: string;
  let campaign: string;

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'WM' });
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  const paidDonation = (amountFen: number, extra: Record<string, unknown> = {}) => paySandbox(t, campaign, amountFen, extra);

  describe('hidden by staff', () => {
    it('shows the cleaned message of gifts shown on the wall, and a hide (audited, finance/admin only) takes it off', async () => {
      const shown = await paidDonation(5000, { donorName: '王小明', showOnWall: true, message: '武汉加油！<b>一起</b>挺过去 电话13800138000' });
      await paidDonation(6000, { donorName: '赵六', showOnWall: false, message: '不公开的留言' });
      const wall = async () => (await t.request('GET', `/api/campaigns/${campaign}/wall?limit=50`, { headers: { 'cache-control': 'no-cache' } })).body.items;
      const item = (await wall()).find((w: { name: string }) => w.name === '王**');
      expect(item.message).toBe('武汉加油！<b>一起</b>挺过去 电话***');
      expect(JSON.stringify(await wall())).not.toContain('不公开的留言');
      const page = await t.request('GET', `/c/${campaign}`);
      expect(page.text).toContain('武汉加油！&lt;b&gt;一起&lt;/b&gt;挺过去 电话***');
      expect(page.text).not.toContain('<b>一起</b>');

      const path = `/api/staff/donations/${shown}/message/hide`;
      expect((await t.request('POST', path, { body: { reason: '含联系方式' } })).status).toBe(401);
      const created = await t.request('POST', '/api/staff/users', {
        token: admin,
        body: { email: 'wh-wall@donor-receipts.test', password: 'Warehouse-Pass-2020', role: 'warehouse', name: '仓管' },
      });
      expect(created.status).toBe(201);
      const warehouse = await login(t, 'wh-wall@donor-receipts.test', 'Warehouse-Pass-2020');
      expect((await t.request('POST', path, { token: warehouse, body: { reason: '含联系方式' } })).status).toBe(403);
      const noReason = await t.request('POST', path, { token: admin, body: {} });
      expect(noReason.status).toBe(400);

      const hidden = await t.request('POST', path, { token: admin, body: { reason: '含联系方式' } });
      expect(hidden.status).toBe(200);
      expect(hidden.body).toMatchObject({ orderNo: shown, messageHidden: true, messageHiddenReason: '含联系方式' });
      const after = (await wall()).find((w: { name: string }) => w.name === '王**');
      expect(after).toBeDefined();
      expect(after.message).toBeUndefined();
      expect((await t.request('GET', `/c/${campaign}`)).text).not.toContain('武汉加油');

      const audit = await t.request('GET', `/api/staff/audit-log?entity=donation&entityId=${shown}`, { token: admin });
      expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('donation.hide_message');
      const staffView = await t.request('GET', `/api/staff/donations?orderNo=${shown}`, { token: admin });
      expect(staffView.body.items[0]).toMatchObject({ message: expect.stringContaining('武汉加油'), messageHidden: true });

      const shownAgain = await t.request('POST', path, { token: admin, body: { hidden: false } });
      expect(shownAgain.body.messageHidden).toBe(false);
      expect((await wall()).find((w: { name: string }) => w.name === '王**').message).toContain('武汉加油');
    });
  });
});
