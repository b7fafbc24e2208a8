/**
 * The goods screens of the staff console (/staff → 物资) in a real browser (Debian's Chromium driven
 * by playwright-core): a warehouse user's day — pledge with several lines, a partial inspection with
 * a rejection, an edit and a cancelled remainder, stock with its movements and an adjustment, a
 * distribution refused for lack of stock and then made, its delivery note downloaded — and finance
 * and auditor users who see the same pages without a single button that changes goods.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, LAPTOP, navLabels, sessionToken, shot, signIn, TABLET, visibleButtons } from './support/console-browser';
import { countRows, createCampaign, isolated, login, startApp, TestApp } from './support/test-app';

jest.setTimeout(240_000);

const run = promisify(execFile);
const WAREHOUSE = { email: 'warehouse@goods.test', password: 'warehouse-password-1', name: '赵仓管' };
const FINANCE = { email: 'finance@goods.test', password: 'finance-password-1', name: '李会计' };
const AUDITOR = { email: 'auditor@goods.test', password: 'auditor-password-1', name: '王审计' };
const PHONE = '13912345678';
const DONOR = '武汉光谷医疗器械有限公司';
const RECIPIENT = '武汉市金银潭医院';
/** Forms that change goods: none of them may exist for finance or an auditor. */
const GOODS_FORMS = '#item-form, #pledge-form, #inspect-form, #edit-form, #cancel-form, #adjust-form, #distribution-form';
/** Buttons a reader may see on the goods pages. */
const READ_ONLY_BUTTONS = new Set(['下载交接单', '退出登录', '菜单']);

describe('staff console: goods (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: string;
  let campaign: string;
  let pledgeId: string;
  const ui = new ConsoleSessions(
    () => browser,
    () => t.baseUrl,
  );
  const own = isolated('goodsui');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    for (const [user, role] of [
      [WAREHOUSE, 'warehouse'],
      [FINANCE, 'finance'],
      [AUDITOR, 'auditor'],
    ] as const) {
      const res = await t.request('POST', '/api/staff/users', { token: admin, body: { ...user, role } });
      expect(res.status).toBe(201);
    }
    campaign = await createCampaign(t, admin, { receiptPrefix: 'GD', title: '温暖武汉·医护物资' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await own.drop();
  }, 120_000);

  afterEach(async () => {
    await ui.closeAll();
  });

  async function onHand(itemCode: string): Promise<number> {
    const res = await t.request('GET', `/api/staff/in-kind/stock?campaignCode=${campaign}`, { token: admin });
    return res.body.items.find((i: any) => i.itemCode === itemCode)?.onHandQuantity ?? 0;
  }

  const cell = (page: Page, item: string, column: string) => page.locator(`#pledge-detail tr[data-item="${item}"] td.${column}`);

  /** Waits until the element's text is `text` (after a reload of the screen's data). */
  async function until(page: Page, selector: string, text: string) {
    // A locator, not waitForFunction: the console's CSP forbids the eval that a string predicate needs.
    const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    await page.locator(selector).filter({ hasText: exact }).waitFor();
  }
  const outstandingCell = (item: string) => `#pledge-detail tr[data-item="${item}"] td.outstanding`;

  it('warehouse: catalogue, pledge with two lines, partial inspection with a rejection, edit, cancel the rest', async () => {
    const s = await ui.start();
    const { page } = s;
    await signIn(page, WAREHOUSE);
    expect(await navLabels(page)).toEqual(expect.arrayContaining(['概览', '物资']));

    // ---- catalogue: the listed goods, and an item added ----
    await go(page, '#/goods?tab=catalogue', '#catalogue-list table');
    await expect(page.locator('#catalogue-list').textContent()).resolves.toContain('医用防护口罩');
    await page.locator('summary', { hasText: '新增物资' }).click();
    await page.locator('#item-form input[name=name]').fill('隔离衣');
    await page.locator('#item-form input[name=code]').fill('isolation-gown');
    await page.locator('#item-form input[name=unit]').fill('件');
    await page.locator('#item-form input[name=standard]').fill('YY/T 1499-2016');
    await page.locator('#item-form button[type=submit]').click();
    await page.locator('#item-message .alert-ok').waitFor();
    await page.locator('#catalogue-list td', { hasText: 'isolation-gown' }).waitFor();
    await shot(page, 'staff-goods-catalogue.png');

    // ---- a pledge with two lines; a double click makes one ----
    await go(page, `#/goods?tab=pledges&campaign=${campaign}`, '#pledge-list');
    await page.locator('summary', { hasText: '登记认捐' }).click();
    await page.locator('#pledge-form input[name=donorName]').fill(DONOR);
    await page.locator('#pledge-form input[name=phone]').fill(PHONE);
    const line = (i: number) => page.locator('#pledge-form .goods-line').nth(i);
    await line(0).locator('select[name=itemCode]').selectOption('medical-protective-mask');
    await line(0).locator('input[name=quantity]').fill('1000');
    await line(0).locator('input[name=valuation]').fill('12,000');
    await line(0).locator('input[name=spec]').fill('GB 19083-2010，50只/盒');
    await line(0).locator('input[name=batch]').fill('20200115A');
    await line(0).locator('input[name=expiresAt]').fill('2022-01-14');
    await page.locator('#add-line').click();
    await line(1).locator('select[name=itemCode]').selectOption('protective-clothing');
    await line(1).locator('input[name=quantity]').fill('200');
    await line(1).locator('input[name=valuation]').fill('30000');
    await page.locator('#pledge-form button[type=submit]').dblclick();
    await page.locator('#pledge-detail[data-status="pledged"]').waitFor();
    pledgeId = new URL(page.url()).hash.match(/id=([0-9a-f-]{36})/)![1];
    expect(await countRows(t, `SELECT count(*) FROM in_kind_donations WHERE donor_name = $1`, [DONOR])).toBe(1);
    const detail = (await page.locator('#pledge-detail').textContent()) ?? '';
    expect(detail).toContain('139****5678');
    expect(await page.content()).not.toContain(PHONE);
    await expect(cell(page, 'medical-protective-mask', 'outstanding').textContent()).resolves.toBe('1000');

    // ---- partial inspection with a rejection (the reason is required by the form) ----
    const inspectLine = (item: string) => page.locator(`#inspect-form .goods-line[data-item="${item}"]`);
    await inspectLine('medical-protective-mask').locator('input[name=accepted]').fill('500');
    await inspectLine('medical-protective-mask').locator('input[name=rejected]').fill('100');
    await page.locator('#inspect-form button[type=submit]').click();
    await expect(page.locator('#inspect-message').textContent()).resolves.toContain('请填写不合格原因');
    await inspectLine('medical-protective-mask').locator('input[name=reason]').fill('包装破损');
    await inspectLine('protective-clothing').locator('input[name=accepted]').fill('200');
    await page.locator('#inspect-form button[type=submit]').click();
    await page.locator('#pledge-detail[data-status="received"]').waitFor();
    await expect(cell(page, 'medical-protective-mask', 'outstanding').textContent()).resolves.toBe('400');
    await expect(cell(page, 'protective-clothing', 'outstanding').textContent()).resolves.toBe('0');
    await expect(page.locator('#inspection-history').textContent()).resolves.toContain('包装破损');
    expect(await onHand('medical-protective-mask')).toBe(500);

    // ---- edit the outstanding line: not below what was inspected ----
    await page.locator('#edit-box summary').click();
    const editLine = page.locator('#edit-form .goods-line[data-item="medical-protective-mask"]');
    await editLine.locator('input[name=quantity]').fill('500');
    await page.locator('#edit-form button[type=submit]').click();
    await expect(page.locator('#edit-message').textContent()).resolves.toContain('不能少于已验收的 600');
    await editLine.locator('input[name=quantity]').fill('900');
    await editLine.locator('input[name=batch]').fill('20200120B');
    await page.locator('#edit-form input[name=reason]').fill('捐赠方来电更正');
    await page.locator('#edit-form button[type=submit]').click();
    await until(page, outstandingCell('medical-protective-mask'), '300');
    await shot(page, 'staff-goods-pledge.png');

    // ---- cancel the remainder with a reason: stays received, nothing outstanding ----
    await page.locator('#cancel-box summary').click();
    await page.locator('#cancel-form button[type=submit]').click();
    await expect(page.locator('#cancel-message').textContent()).resolves.toContain('请填写取消原因');
    await page.locator('#cancel-form input[name=reason]').fill('余下口罩不再发货');
    await page.locator('#cancel-form button[type=submit]').click();
    await until(page, outstandingCell('medical-protective-mask'), '0');
    await expect(page.locator('#pledge-detail').textContent()).resolves.toContain('余下口罩不再发货');
    await expect(page.locator('#inspect-form').count()).resolves.toBe(0);
    const view = (await t.request('GET', `/api/staff/in-kind-donations/${pledgeId}`, { token: admin })).body;
    expect(view).toMatchObject({ status: 'received', outstandingQuantity: 0, cancelled: { reason: '余下口罩不再发货' } });
    expect(view.items.find((l: any) => l.itemCode === 'medical-protective-mask')).toMatchObject({
      quantity: 900,
      acceptedQuantity: 500,
      rejectedQuantity: 100,
      cancelledQuantity: 300,
      batch: '20200120B',
    });
    const audit = await t.db.query(`SELECT action, actor_email FROM audit_log WHERE entity = 'in_kind_donation' AND entity_id = $1 ORDER BY id`, [pledgeId]);
    expect(audit.map((a: any) => a.action)).toEqual([
      'in_kind_donation.pledge',
      'in_kind_donation.inspect',
      'in_kind_donation.edit',
      'in_kind_donation.cancel',
    ]);
    expect(new Set(audit.map((a: any) => a.actor_email))).toEqual(new Set([WAREHOUSE.email]));

    // The pledge list, on a tablet as well.
    await go(page, `#/goods?tab=pledges&campaign=${campaign}`, `#pledge-list tr[data-id="${pledgeId}"]`);
    await expect(page.locator(`#pledge-list tr[data-id="${pledgeId}"]`).textContent()).resolves.toContain('已到货（余量取消）');
    await shot(page, 'staff-goods-pledges.png');
    await page.setViewportSize(TABLET);
    await shot(page, 'staff-goods-pledges-tablet.png');
    expect(s.problems).toEqual([]);
  });

  it('warehouse: stock with its movements and an adjustment; a distribution refused for lack of stock, then made, and its delivery note', async () => {
    const s = await ui.start(TABLET);
    const { page } = s;
    await signIn(page, WAREHOUSE);

    // ---- stock and the movements behind it ----
    await go(page, `#/goods?tab=stock&campaign=${campaign}`, '#stock-table table');
    const maskRow = page.locator('#stock-table tr[data-item="medical-protective-mask"]');
    await expect(maskRow.locator('td.on-hand').textContent()).resolves.toBe('500 只');
    await page.locator('#stock-check', { hasText: '一致' }).waitFor();
    await maskRow.getByText('查看流水').click();
    await page.locator('#movement-list tr[data-kind="received"]').waitFor();
    await expect(page.locator('#movements-panel h2').textContent()).resolves.toContain('医用防护口罩');

    // ---- an adjustment with a reason ----
    await page.locator('#adjust-box summary').click();
    await page.locator('#adjust-form select[name=itemCode]').selectOption('medical-protective-mask');
    await page.locator('#adjust-form input[name=quantity]').fill('-20');
    await page.locator('#adjust-form button[type=submit]').click();
    await expect(page.locator('#adjust-message').textContent()).resolves.toContain('请填写调整原因');
    await page.locator('#adjust-form input[name=reason]').fill('仓库盘点：20只受潮');
    await page.locator('#adjust-form button[type=submit]').click();
    await page.locator('#adjust-message .alert-ok').waitFor();
    await until(page, '#stock-table tr[data-item="medical-protective-mask"] td.on-hand', '480 只');
    await page.locator('#movement-list tr[data-kind="adjusted"]', { hasText: '仓库盘点：20只受潮' }).waitFor();
    await shot(page, 'staff-goods-stock.png');

    // ---- a distribution asking for more than is in stock: a clear message, nothing taken ----
    await go(page, `#/goods?tab=distributions&campaign=${campaign}`, '#distribution-form');
    await page.locator('#distribution-form input[name=recipient]').fill(RECIPIENT);
    const dLine = (i: number) => page.locator('#distribution-form .goods-line').nth(i);
    await dLine(0).locator('select[name=itemCode]').selectOption('medical-protective-mask');
    await dLine(0).locator('input[name=quantity]').fill('300');
    await page.locator('#add-distribution-line').click();
    await dLine(1).locator('select[name=itemCode]').selectOption('protective-clothing');
    await dLine(1).locator('input[name=quantity]').fill('250');
    await page.locator('#distribution-form button[type=submit]').click();
    await page.locator('#distribution-message .alert').waitFor();
    const refusal = (await page.locator('#distribution-message').textContent()) ?? '';
    expect(refusal).toContain('库存不足：防护服 需要 250套，现有 200套');
    expect(refusal).toContain('没有任何物资出库');
    expect(await onHand('medical-protective-mask')).toBe(480);
    expect(await countRows(t, `SELECT count(*) FROM distributions`)).toBe(0);
    await shot(page, 'staff-goods-distribution-refused.png');

    await dLine(1).locator('input[name=quantity]').fill('150');
    await page.locator('#distribution-form button[type=submit]').click();
    await page.locator('#distribution-message .alert-ok').waitFor();
    const row = page.locator('#distribution-list tbody tr', { hasText: RECIPIENT });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('医用防护口罩 300 只');
    expect([await onHand('medical-protective-mask'), await onHand('protective-clothing')]).toEqual([180, 50]);
    expect(await countRows(t, `SELECT count(*) FROM distributions`)).toBe(1);

    // ---- the delivery note ----
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载交接单' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^FF-\d{8}-[0-9A-F]{8}\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']);
    expect(stdout).toContain(RECIPIENT);
    expect(stdout).toContain('医用防护口罩');
    await page.setViewportSize(LAPTOP);
    await shot(page, 'staff-goods-distributions.png');
    expect(s.problems).toEqual([]);
  });

  it('finance and auditor: the same goods pages without a button that changes goods; finance asks for the goods receipt', async () => {
    const pages: [string, string, string][] = [
      [`#/goods?tab=pledges&campaign=${campaign}`, `#pledge-list tr[data-id="${pledgeId}"]`, 'pledges'],
      [`#/goods?tab=pledges&campaign=${campaign}&id=${pledgeId}`, '#pledge-detail[data-status="received"]', 'pledge'],
      [`#/goods?tab=stock&campaign=${campaign}`, '#stock-table table', 'stock'],
      [`#/goods?tab=distributions&campaign=${campaign}`, '#distribution-list table', 'distributions'],
      ['#/goods?tab=catalogue', '#catalogue-list table', 'catalogue'],
    ];
    for (const [user, role] of [
      [AUDITOR, 'auditor'],
      [FINANCE, 'finance'],
    ] as const) {
      const s = await ui.start();
      const { page } = s;
      await signIn(page, user);
      expect(await navLabels(page)).toContain('物资');
      for (const [hash, ready, name] of pages) {
        await go(page, hash, ready);
        await expect(page.locator(GOODS_FORMS).count()).resolves.toBe(0);
        await expect(page.locator('#view summary').count()).resolves.toBe(0);
        const allowed = new Set([...READ_ONLY_BUTTONS, ...(role === 'finance' && name === 'pledge' ? ['申请捐赠证明/票据'] : [])]);
        const buttons = await visibleButtons(page);
        expect({ hash, writeButtons: buttons.filter((b) => !allowed.has(b)) }).toEqual({ hash, writeButtons: [] });
        expect(await page.content()).not.toContain(PHONE);
        await shot(page, `staff-goods-${role}-${name}.png`);
      }
      // The API refuses their writes too, with the console's own token.
      const token = await sessionToken(page);
      const writes = [
        await t.request('POST', '/api/staff/distributions', {
          token,
          body: { campaignCode: campaign, recipient: 'x', items: [{ itemCode: 'protective-clothing', quantity: 1 }] },
        }),
        await t.request('POST', `/api/staff/in-kind-donations/${pledgeId}/cancel`, { token, body: { reason: 'x' } }),
        await t.request('PATCH', `/api/staff/in-kind-donations/${pledgeId}`, { token, body: { items: [{ itemCode: 'goggles', quantity: 1 }] } }),
        await t.request('POST', '/api/staff/in-kind/adjustments', {
          token,
          body: { campaignCode: campaign, itemCode: 'protective-clothing', quantity: -1, reason: 'x' },
        }),
      ];
      expect(writes.map((w) => w.status)).toEqual([403, 403, 403, 403]);

      // An auditor downloads the delivery note as well (reading).
      if (role === 'auditor') {
        await go(page, `#/goods?tab=distributions&campaign=${campaign}`, '#distribution-list table');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载交接单' }).click()]);
        expect(
          readFileSync(await download.path())
            .subarray(0, 5)
            .toString('latin1'),
        ).toBe('%PDF-');
      }

      // Finance asks for the receipt of the received gift, through the receipts' own endpoint.
      if (role === 'finance') {
        await go(page, `#/goods?tab=pledges&campaign=${campaign}&id=${pledgeId}`, '#goods-receipt-form');
        await page.locator('#goods-receipt-form input[name=idCode]').fill('91350100M000100Y43');
        await page.locator('#goods-receipt-form input[name=phone]').fill(PHONE);
        await page.locator('#goods-receipt-form input[name=email]').fill('gift@example.com');
        await page.locator('#goods-receipt-form button[type=submit]').click();
        await page.locator('#receipt-message .alert-ok').waitFor();
        await expect(page.locator('#receipt-message').textContent()).resolves.toContain('g***@example.com');
        expect(await countRows(t, `SELECT count(*) FROM receipt_requests WHERE in_kind_donation_id = $1`, [pledgeId])).toBe(1);
        await shot(page, 'staff-goods-finance-receipt.png');
      }
      expect(s.problems).toEqual([]);
    }
  });
});
