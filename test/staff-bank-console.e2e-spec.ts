/**
 * The bank screen of the staff console in Chromium (issue 21): a bank's own export imported as it
 * is, the template downloaded, and an unknown layout mapped once in the console and then imported
 * with the saved mapping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, shot, signIn } from './support/console-browser';
import { createCampaign, isolated, login, startApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const FINANCE = { email: 'finance-bank@console.test', password: 'finance-password-1', name: '周会计' };

describe('staff console: bank statements (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: string;
  const ui = new ConsoleSessions(
    () => browser,
    () => t.baseUrl,
  );
  const own = isolated('console_bank');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    expect((await t.request('POST', '/api/staff/users', { token: admin, body: { ...FINANCE, role: 'finance' } })).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await own.drop();
  }, 120_000);

  afterEach(() => ui.closeAll());

  async function importWith(page: import('playwright-core').Page, campaign: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    await page.locator('#import-form select[name=campaignCode]').selectOption(campaign);
    await page.locator('#statement-file').setInputFiles(file);
    await page.locator('#import-submit').click();
    await page.locator('#import-summary').waitFor();
  }

  it('imports a bank export as it is, offers the template, and imports an unknown layout through a mapping saved on screen', async () => {
    const campaign = await createCampaign(t, admin, { title: '温暖武汉·银行转账' });
    const { page, problems } = await ui.start();
    await signIn(page, FINANCE);
    await go(page, '#/bank', '#import-form');

    // 工商银行's export (GBK, preamble, summary rows, one debit): three donations, three rows skipped.
    await importWith(page, campaign, {
      name: '工行明细.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(join(__dirname, 'fixtures/bank-statements/icbc.csv')),
    });
    await expect(page.locator('#import-imported').textContent()).resolves.toBe('3');
    await expect(page.locator('#import-skipped').textContent()).resolves.toBe('3');
    await expect(page.locator('#import-errors').textContent()).resolves.toBe('0');
    await expect(page.locator('#import-layout').textContent()).resolves.toBe('识别为：中国工商银行');
    await shot(page, 'staff-bank-icbc-import.png');

    // The template, behind the token.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#template-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('银行流水导入模板.xlsx');

    // An export the importer does not know: refused in Chinese, then mapped once.
    const odd = [
      '某商业银行 账户明细',
      '业务编号,到账日,汇款人,汇款账号,收,付',
      'ODD-1,2020-02-03 10:00,欧阳娜娜,6222020200007654321,"2,000.00",',
      'ODD-2,2020-02-03 11:00,某物业公司,4400000000001,,300.00',
      'ODD-3,2020-02-04 09:00,刘洋,,88.00,',
      '合计,,,,"2,088.00",300.00',
    ].join('\n');
    const oddFile = { name: '某行明细.csv', mimeType: 'text/csv', buffer: Buffer.from(odd, 'utf8') };
    await page.locator('#import-form select[name=campaignCode]').selectOption(campaign);
    await page.locator('#statement-file').setInputFiles(oddFile);
    // The preview finds the header under the bank's title row.
    await page.locator('#import-preview th', { hasText: '业务编号' }).waitFor();
    await expect(page.locator('#import-preview tbody tr').count()).resolves.toBe(4);
    await page.locator('#import-submit').click();
    await page.locator('#import-result .alert', { hasText: /交易流水号/ }).waitFor();

    await page.locator('#mapping-editor summary').click();
    // The chosen CSV's cells are offered as header names.
    await expect(page.locator('#mapping-headers option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).resolves.toEqual(
      expect.arrayContaining(['业务编号', '到账日', '汇款人', '收', '付']),
    );
    await page.locator('#mapping-name').fill('某商业银行');
    for (const [field, header] of Object.entries({
      bankReference: '业务编号',
      receivedAt: '到账日',
      payerName: '汇款人',
      payerAccount: '汇款账号',
      creditAmount: '收',
      debitAmount: '付',
    })) {
      await page.locator(`#mapping-form input[data-field=${field}]`).fill(header);
    }
    await page.locator('#mapping-save').click();
    await page.locator('#mapping-message .alert-ok').waitFor();
    await page.locator('#import-mapping option:checked', { hasText: '某商业银行' }).waitFor({ state: 'attached' });
    await shot(page, 'staff-bank-mapping.png');

    await page.locator('#import-submit').click();
    await page.locator('#import-layout', { hasText: '已保存的列映射' }).waitFor();
    await expect(page.locator('#import-imported').textContent()).resolves.toBe('2');
    await expect(page.locator('#import-skipped').textContent()).resolves.toBe('2');
    await shot(page, 'staff-bank-mapping-import.png');

    const ledger = await t.request('GET', `/api/staff/donations?campaignCode=${campaign}&status=paid`, { token: admin });
    expect(ledger.body.items.map((d: { bankReference: string }) => d.bankReference).sort()).toEqual(
      ['ICBC20200203000101', 'ICBC20200203000102', 'ICBC20200205000104', 'ODD-1', 'ODD-3'].sort(),
    );
    const mappings = await t.request('GET', '/api/staff/bank-transfers/mappings', { token: admin });
    expect(mappings.body.items).toEqual([expect.objectContaining({ name: '某商业银行', columns: expect.objectContaining({ bankReference: '业务编号' }) })]);
    expect(problems).toEqual([]);
  });
});
