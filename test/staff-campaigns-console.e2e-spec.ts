/**
 * The 活动管理 screen in Chromium (issue 21): an admin creates a campaign (refusals shown in
 * Chinese under the field they are about), edits it, sets its disclosure and a designated fund,
 * renames the fund and closes the campaign after a confirmation; each step is checked through the
 * API and in the audit log, whose screen shows every action the server writes in Chinese, changes
 * as before → after and times in Beijing time. A finance user sees the same screens without a
 * button that writes. Screenshots in test-results/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { AUDIT_ACTIONS } from '../console/src/screens/audit-labels';
import { creditCodeCheckChar } from '../src/common/credit-code';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, shot, signIn, TABLET, visibleButtons } from './support/console-browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createCampaign, createDonation, login, startApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const ADMIN = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: '管理员' };
const FINANCE = { email: 'qian.caiwu@campaigns.test', password: 'finance-password-1', name: '钱财务' };
const CREDIT_BODY = '53110000500000000';
const CREDIT_CODE = CREDIT_BODY + creditCodeCheckChar(CREDIT_BODY);
/** The same code with a wrong check character (GB 32100 refuses it). */
const WRONG_CREDIT_CODE = CREDIT_BODY + (CREDIT_CODE.endsWith('0') ? '1' : '0');

/** Every audit action the server writes: the action strings under src/ (literal, or `export.<kind>`). */
function serverAuditActions(): string[] {
  const actions = new Set<string>();
  const files = readdirSync(join(__dirname, '..', 'src'), { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.ts') && !p.endsWith('.spec.ts') && !p.includes('migrations'));
  for (const file of files) {
    const text = readFileSync(join(__dirname, '..', 'src', file), 'utf8');
    // action: 'x.y', a ternary of two, and the staff accounts' change(id, actor, 'staff_user.x', …).
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) for (const s of m[1].matchAll(/'([a-z_-]+\.[a-z_.]+)'/g)) actions.add(s[1]);
    for (const m of text.matchAll(/this\.change\(\s*id,\s*actor,\s*'([a-z_]+\.[a-z_]+)'/g)) actions.add(m[1]);
    if (text.includes('action: `export.${request.kind}`')) for (const kind of ['donations', 'receipts', 'goods']) actions.add(`export.${kind}`);
  }
  return [...actions].sort();
}

describe('campaigns in the console (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: string;
  const code = `ui-${Date.now().toString(36)}`;
  const ui = new ConsoleSessions(
    () => browser,
    () => t.baseUrl,
  );

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
    const created = await t.request('POST', '/api/staff/users', { token: admin, body: { ...FINANCE, role: 'finance' } });
    expect(created.status).toBe(201);
    browser = await launchChromium();
  }, 120_000);
  afterEach(() => ui.closeAll());
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const campaign = async () => (await t.request('GET', '/api/staff/campaigns', { token: admin })).body.items.find((c: { code: string }) => c.code === code);
  const fieldError = (page: Page, form: string, key: string) => page.locator(`${form} [data-error-for="${key}"]`);

  it('an admin creates a campaign; refusals show in Chinese under their field', async () => {
    const { page, problems } = await ui.start();
    await signIn(page, ADMIN);
    await go(page, '#/campaigns', '#campaign-list');
    await page.locator('#campaign-new > summary').click();
    const form = page.locator('#campaign-create');
    await form.locator('input[name=code]').fill(code);
    await form.locator('input[name=title]').fill('冬日暖心 2026');
    // Lower-case letters are not a receipt prefix; "abc" is not an amount.
    await form.locator('input[name=receiptPrefix]').fill('dn');
    await form.locator('input[name=goalFen]').fill('abc');
    await form.locator('button[type=submit]').click();
    await expect(fieldError(page, '#campaign-create', 'goalFen').textContent()).resolves.toBe('目标金额须为大于 0 的金额（元，最多两位小数）。');
    await form.locator('input[name=goalFen]').fill('50,000');
    await form.locator('button[type=submit]').click();
    await fieldError(page, '#campaign-create', 'receiptPrefix').filter({ hasText: '票据编号前缀须为 2-8 位大写英文字母' }).waitFor();
    await expect(form.locator('input[name=receiptPrefix]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(fieldError(page, '#campaign-create', 'goalFen').isHidden()).resolves.toBe(true);
    await expect(page.locator('#campaign-create-message').textContent()).resolves.toBe('请按提示修改标出的内容后再提交。');
    await shot(page, 'staff-campaign-create-refused.png');
    expect(await campaign()).toBeUndefined();

    // Dates out of order: the server's own words, under the end time.
    await form.locator('input[name=receiptPrefix]').fill('DN');
    await form.locator('input[name=startsAt]').fill('2020-02-01T09:00');
    await form.locator('input[name=endsAt]').fill('2020-01-01T09:00');
    await form.locator('button[type=submit]').click();
    await fieldError(page, '#campaign-create', 'endsAt').filter({ hasText: '结束时间必须晚于开始时间' }).waitFor();
    await expect(fieldError(page, '#campaign-create', 'receiptPrefix').isHidden()).resolves.toBe(true);

    await form.locator('input[name=endsAt]').fill('2099-03-31T18:00');
    await form.locator('input[name=receiptThresholdFen]').fill('200');
    await form.locator('select[name=autoApproveReceipts]').selectOption('false');
    await form.locator('button[type=submit]').click();
    await page.waitForURL(new RegExp(`#/campaigns\\?code=${code}$`));
    await page.locator('#campaign-facts').waitFor();
    await expect(page.locator('#campaign-title').textContent()).resolves.toContain('冬日暖心 2026');
    await shot(page, 'staff-campaign-created.png');
    expect(await campaign()).toMatchObject({
      code,
      title: '冬日暖心 2026',
      receiptPrefix: 'DN',
      goalFen: 5000000,
      receiptThresholdFen: 20000,
      autoApproveReceipts: false,
      // Typed as Beijing time.
      startsAt: '2020-02-01T01:00:00.000Z',
      endsAt: '2099-03-31T10:00:00.000Z',
      status: 'active',
      funds: [],
      disclosure: null,
    });

    // The same code again: 409 CAMPAIGN_EXISTS, said under the code.
    await go(page, '#/campaigns', '#campaign-list table');
    await page.locator('#campaign-new > summary').click();
    await form.locator('input[name=code]').fill(code);
    await form.locator('input[name=title]').fill('重复的活动');
    await form.locator('input[name=receiptPrefix]').fill('DN');
    await form.locator('button[type=submit]').click();
    await fieldError(page, '#campaign-create', 'code')
      .filter({ hasText: `活动代码 ${code} 已被使用` })
      .waitFor();
    await expect(page.locator(`#campaign-list tr[data-code="${code}"]`).textContent()).resolves.toContain('进行中');
    expect(problems).toEqual([]);
  });

  it('an admin edits it, sets its disclosure and a fund, renames the fund and closes it after a confirmation', async () => {
    const { page, problems } = await ui.start();
    await signIn(page, ADMIN);
    await go(page, `#/campaigns?code=${code}`, '#campaign-facts');

    // Edit: only what changed is sent (the start time keeps its value).
    await page.locator('#campaign-edit-box > summary').click();
    const edit = page.locator('#campaign-edit');
    await expect(edit.locator('input[name=startsAt]').inputValue()).resolves.toBe('2020-02-01T09:00');
    await edit.locator('input[name=title]').fill('冬日暖心 · 2026 年度');
    await edit.locator('input[name=goalFen]').fill('80000.50');
    await edit.locator('input[name=receiptPayee]').fill('王出纳');
    await edit.locator('input[name=disclosureIntervalDays]').fill('120');
    await edit.locator('button[type=submit]').click();
    await fieldError(page, '#campaign-edit', 'disclosureIntervalDays').filter({ hasText: '1-90 天' }).waitFor();
    await edit.locator('input[name=disclosureIntervalDays]').fill('30');
    await edit.locator('button[type=submit]').click();
    await page.locator('#toast').filter({ hasText: '已保存：冬日暖心 · 2026 年度' }).waitFor();
    await page.locator('#campaign-title', { hasText: '2026 年度' }).waitFor();
    expect(await campaign()).toMatchObject({
      title: '冬日暖心 · 2026 年度',
      goalFen: 8000050,
      receiptPayee: '王出纳',
      disclosureIntervalDays: 30,
      startsAt: '2020-02-01T01:00:00.000Z',
      receiptThresholdFen: 20000,
    });

    // Disclosure: a wrong credit code is refused under its field, then the right one is saved.
    await page.locator('#disclosure-box > summary').click();
    const disclosure = page.locator('#disclosure-form');
    await disclosure.locator('input[name=organizationName]').fill('北京市温暖基金会');
    await disclosure.locator('input[name=organizationCreditCode]').fill(WRONG_CREDIT_CODE);
    await disclosure.locator('input[name=filingNumber]').fill('53110000500000000A20260001');
    await disclosure.locator('input[name=contact]').fill('010-6512 3456');
    await disclosure.locator('button[type=submit]').click();
    await fieldError(page, '#disclosure-form', 'disclosure.organizationCreditCode').filter({ hasText: '统一社会信用代码不正确' }).waitFor();
    await disclosure.locator('input[name=organizationCreditCode]').fill(CREDIT_CODE.toLowerCase());
    await disclosure.locator('button[type=submit]').click();
    await page.locator('#toast').filter({ hasText: '已保存公开信息' }).waitFor();
    await page.locator('#disclosure-facts', { hasText: CREDIT_CODE }).waitFor();
    expect((await t.request('GET', `/api/campaigns/${code}`)).body.disclosure).toEqual({
      organizationName: '北京市温暖基金会',
      organizationCreditCode: CREDIT_CODE,
      filingNumber: '53110000500000000A20260001',
      contact: '010-6512 3456',
    });

    // A designated fund: a bad code is refused in Chinese, a good one added, then renamed.
    await page.locator('#fund-add-box > summary').click();
    const fund = page.locator('#fund-add');
    await fund.locator('input[name=code]').fill('Medical Aid');
    await fund.locator('input[name=name]').fill('医疗救助');
    await fund.locator('button[type=submit]').click();
    await fieldError(page, '#fund-add', 'fundCode').filter({ hasText: '基金代码须为 1-63 位小写字母' }).waitFor();
    await fund.locator('input[name=code]').fill('medical');
    await fund.locator('button[type=submit]').click();
    await page.locator('#fund-list tr[data-fund="medical"]').waitFor();
    // The same code twice: 409 FUND_EXISTS under the code.
    await page.locator('#fund-add-box > summary').click();
    await fund.locator('input[name=code]').fill('medical');
    await fund.locator('input[name=name]').fill('又一个');
    await fund.locator('button[type=submit]').click();
    await fieldError(page, '#fund-add', 'fundCode').filter({ hasText: '本活动已有代码为 medical 的定向基金' }).waitFor();
    await page.locator('#fund-list tr[data-fund="medical"] .fund-rename-open').click();
    await page.locator('#fund-list .fund-rename input[name=name]').fill('医疗救治');
    await page.locator('#fund-list .fund-rename button[type=submit]').click();
    await page.locator('#fund-list tr[data-fund="medical"] .fund-name', { hasText: '医疗救治' }).waitFor();
    expect((await t.request('GET', `/api/campaigns/${code}`)).body.funds).toEqual([{ code: 'medical', name: '医疗救治' }]);
    // A donor can give to it at once.
    expect((await createDonation(t, code, { amountFen: 10000, donorName: '孙明', fundCode: 'medical' })).status).toBe(201);
    await shot(page, 'staff-campaign-edited.png');

    // Close: asks first; cancel changes nothing.
    await page.locator('#campaign-close').click();
    await expect(page.locator('#close-confirm').textContent()).resolves.toContain('立即停止接受捐赠');
    await shot(page, 'staff-campaign-close-confirm.png');
    await page.locator('#close-confirm').getByRole('button', { name: '取消' }).click();
    expect((await campaign()).status).toBe('active');
    await page.locator('#campaign-close').click();
    await page.locator('#close-confirm').getByRole('button', { name: '确认结束' }).click();
    await page.locator('#toast').filter({ hasText: '已结束活动' }).waitFor();
    await page.locator('#campaign-title [data-status="ended"]').waitFor();
    await expect(page.locator('#campaign-close').count()).resolves.toBe(0);
    const closed = await campaign();
    expect(closed.status).toBe('ended');
    expect(Date.parse(closed.endsAt)).toBeLessThanOrEqual(Date.now());
    const refused = await createDonation(t, code, { amountFen: 10000, donorName: '孙明' });
    expect([refused.status, refused.body.code]).toEqual([422, 'CAMPAIGN_NOT_ACTIVE']);
    await shot(page, 'staff-campaign-closed.png');
    expect(problems).toEqual([]);
  });

  it('every write is audited; the audit screen reads every action in Chinese, before → after, in Beijing time', async () => {
    interface Entry {
      action: string;
      actorEmail: string;
      entityId: string;
      at: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }
    const entries: Entry[] = (await t.request('GET', '/api/staff/audit-log?entity=campaign&limit=100', { token: admin })).body.items;
    const id = entries.find((a) => a.action === 'campaign.create' && a.after?.code === code)!.entityId;
    const mine = entries.filter((a) => a.entityId === id);
    expect(mine.map((a) => a.action).reverse()).toEqual([
      'campaign.create',
      'campaign.update',
      'campaign.update',
      'campaign.fund_add',
      'campaign.fund_rename',
      'campaign.close',
    ]);
    expect(mine.every((a) => a.actorEmail === ADMIN_EMAIL)).toBe(true);
    const edit = mine[mine.length - 2];
    expect(edit.before).toEqual({ title: '冬日暖心 2026', goalFen: 5000000, receiptPayee: null, disclosureIntervalDays: 90 });
    expect(edit.after).toEqual({ title: '冬日暖心 · 2026 年度', goalFen: 8000050, receiptPayee: '王出纳', disclosureIntervalDays: 30 });

    const { page, problems } = await ui.start();
    await signIn(page, ADMIN);
    // The label map the bundle is built from covers every action the server writes.
    const labels: Record<string, string> = AUDIT_ACTIONS;
    const actions = serverAuditActions();
    expect(actions.length).toBeGreaterThan(60);
    expect(actions.filter((a) => !labels[a])).toEqual([]);
    for (const a of actions) expect(labels[a]).toMatch(/[\u4e00-\u9fff]/);

    await go(page, `#/audit?entity=campaign&entityId=${id}`, '#audit-table tbody tr');
    const rows = page.locator('#audit-table tbody tr');
    await expect(rows.count()).resolves.toBe(6);
    await expect(rows.locator('.audit-action').allTextContents()).resolves.toEqual([
      '结束活动',
      '修改定向基金名称',
      '添加定向基金',
      '修改活动',
      '修改活动',
      '创建活动',
    ]);
    await expect(rows.locator('.audit-entity').first().textContent()).resolves.toBe(`活动 · ${id}`);
    // Beijing time to the second: the server's instant plus eight hours.
    const at = mine[0].at;
    const beijing = new Date(Date.parse(at) + 8 * 3600_000).toISOString();
    await expect(rows.first().locator('.audit-time').textContent()).resolves.toBe(`${beijing.slice(0, 10)} ${beijing.slice(11, 19)}`);
    await expect(rows.first().locator('.audit-time').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // before → after, field by field, in words: names, yuan, days.
    const editRow = rows.nth(4);
    const change = (field: string) => editRow.locator(`li[data-field="${field}"]`).textContent();
    await expect(change('title')).resolves.toBe('活动名称：冬日暖心 2026 → 冬日暖心 · 2026 年度');
    await expect(change('goalFen')).resolves.toBe('目标金额：¥50,000.00 → ¥80,000.50');
    await expect(change('receiptPayee')).resolves.toBe('票据收款人：— → 王出纳');
    await expect(change('disclosureIntervalDays')).resolves.toBe('信息公开周期（天）：90 → 30');
    const closeRow = rows.first();
    const endsAt = new Date(Date.parse(String(mine[0].after!.endsAt)) + 8 * 3600_000).toISOString();
    await expect(closeRow.locator('li[data-field="endsAt"] ins').textContent()).resolves.toBe(`${endsAt.slice(0, 10)} ${endsAt.slice(11, 19)}`);
    await expect(closeRow.locator('li[data-field="endsAt"] del').textContent()).resolves.toBe('2099-03-31 18:00:00');
    await expect(rows.nth(2).textContent()).resolves.toContain('基金代码：medical');
    await expect(rows.nth(1).locator('li[data-field="fundName"]').textContent()).resolves.toBe('基金名称：医疗救助 → 医疗救治');
    // The disclosure reads as labelled fields, not JSON.
    const disclosureRow = rows.nth(3);
    await expect(disclosureRow.locator('li[data-field="disclosure"] ins').textContent()).resolves.toContain(`统一社会信用代码：${CREDIT_CODE}`);
    await expect(page.locator('#audit-table').textContent()).resolves.not.toContain('{"');
    await shot(page, 'staff-campaign-audit.png');
    expect(problems).toEqual([]);
  });

  it('finance reads the campaigns without any button that writes (on a tablet); the API refuses its writes', async () => {
    const { page, problems } = await ui.start(TABLET);
    await signIn(page, FINANCE);
    await go(page, '#/campaigns', `#campaign-list tr[data-code="${code}"]`);
    await expect(page.locator('#campaign-new').count()).resolves.toBe(0);
    await go(page, `#/campaigns?code=${code}`, '#campaign-facts');
    await expect(page.locator('#campaign-facts').textContent()).resolves.toContain('¥80,000.50');
    await page.locator('#disclosure-facts', { hasText: CREDIT_CODE }).waitFor();
    await page.locator('#fund-list tr[data-fund="medical"]').waitFor();
    expect((await visibleButtons(page)).filter((b) => !['菜单', '退出登录'].includes(b))).toEqual([]);
    await expect(page.locator('#view form').count()).resolves.toBe(0);
    await shot(page, 'staff-campaign-finance.png');
    const token = await login(t, FINANCE.email, FINANCE.password);
    for (const [method, path, body] of [
      ['POST', '/api/staff/campaigns', { code: 'ui-nope', title: 'x', receiptPrefix: 'NO' }],
      ['PATCH', `/api/staff/campaigns/${code}`, { title: 'x' }],
      ['POST', `/api/staff/campaigns/${code}/funds`, { code: 'x', name: 'x' }],
      ['PATCH', `/api/staff/campaigns/${code}/funds/medical`, { name: 'x' }],
      ['POST', `/api/staff/campaigns/${code}/close`, {}],
    ] as const)
      expect([method, path, (await t.request(method, path, { token, body })).status]).toEqual([method, path, 403]);
    expect((await campaign()).title).toBe('冬日暖心 · 2026 年度');
    expect(problems).toEqual([]);
  });

  it('closing through the API: an upcoming campaign starts a second before it ends; an ended one is answered as it is, unaudited', async () => {
    const upcoming = await createCampaign(t, admin, { startsAt: '2099-01-01T00:00:00+08:00' });
    const closed = await t.request('POST', `/api/staff/campaigns/${upcoming}/close`, { token: admin });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('ended');
    expect(Date.parse(closed.body.endsAt) - Date.parse(closed.body.startsAt)).toBe(1000);
    const again = await t.request('POST', `/api/staff/campaigns/${upcoming}/close`, { token: admin });
    expect([again.status, again.body.endsAt]).toEqual([200, closed.body.endsAt]);
    const audit = (await t.request('GET', '/api/staff/audit-log?entity=campaign&limit=100', { token: admin })).body.items;
    const id = audit.find((a: { action: string; after: { code?: string } }) => a.action === 'campaign.create' && a.after?.code === upcoming).entityId;
    expect(audit.filter((a: { entityId: string; action: string }) => a.entityId === id && a.action === 'campaign.close')).toHaveLength(1);
    const missing = await t.request('POST', '/api/staff/campaigns/no-such-campaign/close', { token: admin });
    expect([missing.status, missing.body.code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    const noFund = await t.request('PATCH', `/api/staff/campaigns/${upcoming}/funds/none`, { token: admin, body: { name: '无' } });
    expect([noFund.status, noFund.body.code]).toEqual([422, 'FUND_NOT_FOUND']);
  });
});
