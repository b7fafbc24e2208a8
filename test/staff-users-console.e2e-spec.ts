/**
 * The staff console's account screens in Chromium (issue 14, finding 6): an admin unlocks an
 * account that an attacker's address locked, disables and re-enables it, resets its password,
 * changes its role and removes a lost second factor; the account's owner enrols a TOTP second
 * factor from the QR code and then signs in with a code. Screenshots in test-results/.
 */
import { Browser, Page } from 'playwright-core';
import { currentTotp } from '../src/staff/auth/totp';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, shot, signIn } from './support/console-browser';
import { requestFrom } from './support/loopback-client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, isolated, startApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const ADMIN = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: '管理员' };
const OWNER = { email: 'li.kuaiji@console.test', password: 'finance-password-1', name: '李会计' };
const ATTACKER = '127.0.0.2';

describe('staff accounts in the console (Chromium)', () => {
  const own = isolated('usersui');
  let t: TestApp;
  let browser: Browser;
  let ownerId: string;
  const ui = new ConsoleSessions(
    () => browser,
    () => t.baseUrl,
  );

  beforeAll(async () => {
    t = await startApp(own.env);
    const admin = (await t.request('POST', '/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } })).body.accessToken;
    const created = await t.request('POST', '/api/staff/users', { token: admin, body: { ...OWNER, role: 'finance' } });
    expect(created.status).toBe(201);
    ownerId = created.body.id;
    browser = await launchChromium();
  }, 120_000);
  afterEach(() => ui.closeAll());
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await own.drop();
  });

  const apiSignIn = (from: string, password: string, totpCode?: string) =>
    requestFrom(from, t.baseUrl, 'POST', '/api/auth/login', { body: { email: OWNER.email, password, ...(totpCode ? { totpCode } : {}) } });
  const row = (page: Page) => page.locator(`#user-list tr[data-email="${OWNER.email}"]`);

  async function clickInRow(page: Page, name: string): Promise<void> {
    await row(page).getByRole('button', { name }).click();
  }
  /** Confirms the open question and waits for the server's answer (the toast naming what was done). */
  async function confirmInRow(page: Page, name: string, done: string): Promise<void> {
    await row(page).locator('.user-confirm').getByRole('button', { name }).click();
    await page
      .locator('#toast')
      .filter({ hasText: `${done}：${OWNER.email}` })
      .waitFor();
  }

  it('an admin unlocks an account locked by wrong passwords from another address', async () => {
    for (let i = 0; i < 5; i++) expect((await apiSignIn(ATTACKER, `wrong-${i}-password`)).status).toBe(401);
    expect((await apiSignIn(ATTACKER, OWNER.password)).status).toBe(429);

    const { page, problems } = await ui.start();
    await signIn(page, ADMIN);
    await go(page, '#/users', `#user-list tr[data-email="${OWNER.email}"]`);
    await row(page).locator('.user-locked').waitFor();
    await shot(page, 'staff-users-locked.png');
    await clickInRow(page, '解锁登录');
    await page.locator('#toast').filter({ hasText: '已解锁' }).waitFor();
    await row(page).locator('.user-locked').waitFor({ state: 'detached' });
    expect((await apiSignIn(ATTACKER, OWNER.password)).status).toBe(200);
    expect(problems).toEqual([]);
  });

  it('signing out shows the sign-in form at once, and a late answer of the server does not wipe what is typed next', async () => {
    const { page, problems } = await ui.start();
    await signIn(page, ADMIN);
    // The server's logout answers slowly (a busy server, a phone network).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/staff/logout', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#logout').click();
    await page.locator('#login-view:not([hidden]) #login-form').waitFor();
    await page.getByLabel('邮箱').fill(ADMIN.email);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    release();
    await page.waitForResponse('**/api/staff/logout');
    await expect(page.getByLabel('密码', { exact: true }).inputValue()).resolves.toBe(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#console:not([hidden])').waitFor();
    expect(problems).toEqual([]);
  });

  it('the owner enrols a TOTP second factor from the QR code, then signs in with a code', async () => {
    const { page, problems } = await ui.start();
    await signIn(page, OWNER);
    await page.locator('#account-security').click();
    await page.locator('#totp-start').click();
    await page.locator('#totp-qr').waitFor();
    // The QR code is an image the browser decoded (a broken data: URL would have no size).
    await expect(page.locator('#totp-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, 'staff-security-enrol.png');

    await page.locator('#totp-code').fill('000000');
    await page.locator('#totp-confirm').click();
    await page.locator('#totp-message .alert').filter({ hasText: '验证码不正确' }).waitFor();
    await page.locator('#totp-code').fill(currentTotp(secret));
    await page.locator('#totp-confirm').click();
    await page.locator('#totp-on').waitFor();
    await shot(page, 'staff-security-enabled.png');

    // Signing in again: the password first, then the form asks for the code.
    await page.locator('#logout').click();
    await page.locator('#login-form').waitFor();
    await page.getByLabel('邮箱').fill(OWNER.email);
    await page.getByLabel('密码', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#login-totp-field:not([hidden])').waitFor();
    await expect(page.locator('#login-message').textContent()).resolves.toMatch(/动态验证码/);
    await shot(page, 'staff-login-totp.png');
    await page.locator('#login-totp').fill(currentTotp(secret, Math.floor(Date.now() / 1000) + 30));
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#console').waitFor();
    await expect(page.locator('#me-name').textContent()).resolves.toBe(OWNER.name);
    expect(problems).toEqual([]);
  });

  it('the admin resets the lost second factor, disables and re-enables, resets the password and changes the role', async () => {
    const { page, problems } = await ui.start();
    await signIn(page, ADMIN);
    await go(page, '#/users', `#user-list tr[data-email="${OWNER.email}"] .user-totp`);

    await clickInRow(page, '重置双重验证…');
    await confirmInRow(page, '确认重置', '已重置双重验证');
    await row(page).locator('.user-totp').waitFor({ state: 'detached' });
    expect((await apiSignIn('127.0.0.3', OWNER.password)).status).toBe(200);

    await clickInRow(page, '停用…');
    await shot(page, 'staff-users-disable.png');
    await confirmInRow(page, '确认停用', '已停用');
    await row(page).getByText('已停用').waitFor();
    expect((await apiSignIn('127.0.0.3', OWNER.password)).body.code).toBe('ACCOUNT_DISABLED');
    await clickInRow(page, '启用');
    await page
      .locator('#toast')
      .filter({ hasText: `已启用：${OWNER.email}` })
      .waitFor();
    await row(page).getByText('正常').waitFor();
    expect((await apiSignIn('127.0.0.3', OWNER.password)).status).toBe(200);

    await clickInRow(page, '重置密码…');
    await row(page).locator('input[name="password"]').fill('a-new-password-42');
    await shot(page, 'staff-users-reset-password.png');
    await confirmInRow(page, '确认重置', '已重置密码');
    expect((await apiSignIn('127.0.0.3', OWNER.password)).status).toBe(401);
    expect((await apiSignIn('127.0.0.3', 'a-new-password-42')).status).toBe(200);

    await clickInRow(page, '更改角色…');
    await row(page).locator('select[name="role"]').selectOption('warehouse');
    await confirmInRow(page, '确认更改', '已更改角色');
    await row(page).locator('.user-role').filter({ hasText: '仓库' }).waitFor();
    await shot(page, 'staff-users.png');
    expect((await apiSignIn('127.0.0.3', 'a-new-password-42')).body.role).toBe('warehouse');

    // Every change is in the audit log, under the admin's name.
    await go(page, `#/audit?entity=staff_user&entityId=${ownerId}`, '#audit-table tbody tr');
    for (const action of ['解锁登录', '重置双重验证', '停用账号', '启用账号', '重置密码', '更改角色']) {
      await page.locator('#audit-table').getByText(action, { exact: true }).first().waitFor();
    }
    await shot(page, 'staff-users-audit.png');
    expect(problems).toEqual([]);
  });

  it('refuses to take away the last active admin, with the reason on screen', async () => {
    const { page, problems } = await ui.start();
    await signIn(page, ADMIN);
    await go(page, '#/users', `#user-list tr[data-email="${ADMIN.email}"]`);
    const adminRow = page.locator(`#user-list tr[data-email="${ADMIN.email}"]`);
    await adminRow.getByRole('button', { name: '停用…' }).click();
    await adminRow.locator('.user-confirm').getByRole('button', { name: '确认停用' }).click();
    await adminRow.locator('.row-message .alert').filter({ hasText: '最后一个' }).waitFor();
    expect(problems).toEqual([]);
  });

  describe('STAFF_REQUIRE_2FA=true', () => {
    let strict: TestApp;
    const strictUi = new ConsoleSessions(
      () => browser,
      () => strict.baseUrl,
    );
    beforeAll(async () => {
      strict = await startApp({ ...own.env, STAFF_REQUIRE_2FA: 'true' });
    });
    afterEach(() => strictUi.closeAll());
    afterAll(() => strict?.close());

    it('a finance account without a second factor sees only the enrolment until it has one', async () => {
      const admin = (await t.request('POST', '/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } })).body.accessToken;
      const cashier = { email: 'chen.chuna@console.test', password: 'cashier-password-1', name: '陈出纳' };
      expect((await t.request('POST', '/api/staff/users', { token: admin, body: { ...cashier, role: 'finance' } })).status).toBe(201);

      const { page, problems } = await strictUi.start();
      await signIn(page, cashier);
      await page.locator('#totp-start').waitFor();
      await expect(page.locator('#nav .nav-link').count()).resolves.toBe(0);
      await expect(page.locator('.screen .alert').first().textContent()).resolves.toMatch(/要求管理员和财务账号启用双重验证/);
      await page.locator('#totp-start').click();
      const secret = (await page.locator('#totp-secret').textContent())!.trim();
      await shot(page, 'staff-security-required.png');
      await page.locator('#totp-code').fill(currentTotp(secret));
      await page.locator('#totp-confirm').click();
      await page.locator('#totp-on').waitFor();
      await page.locator('#nav .nav-link').first().waitFor();
      await expect(page.locator('#nav .nav-link').count()).resolves.toBeGreaterThan(3);
      expect(problems).toEqual([]);
    });
  });
});
