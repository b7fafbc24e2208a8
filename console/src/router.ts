// The console's frame: sign-in (with the second factor when asked), sign-out (by hand, on idle, on expiry, on any
// 401), the menu by role, and the hash router that draws one screen at a time (#/<screen>?<params>).
import { api, ApiError, type BodyOf, errorText, NETWORK_ERROR_MESSAGE, type ResponseOf } from './api';
import { alert, busy, clear, fill, h } from './dom';
import { parseRoute, roleLabel } from './format';
import { saveSession, session } from './session';
import { clearSession, shell, type Me, type View } from './shell';

const IDLE_LIMIT_MS = 15 * 60 * 1000;

type LoginBody = BodyOf<'POST', '/api/auth/login'>;
type LoginAnswer = ResponseOf<'POST', '/api/auth/login'>;

/**
 * Whether the account may open a screen: admins every one, others those naming their role; while
 * STAFF_REQUIRE_2FA waits for this account's second factor only account security (the server answers nothing else).
 */
export function allowed(views: Record<string, View>, me: Pick<Me, 'role' | 'secondFactorEnrolmentRequired'> | null, name: string): boolean {
  const view = views[name];
  if (!view || !me) return false;
  if (me.secondFactorEnrolmentRequired) return name === 'security';
  return me.role === 'admin' || view.roles.indexOf(me.role) >= 0;
}

/** What the sign-in form refuses before asking the server, or null. */
export function loginProblem(email: string, password: string, askingTotp: boolean, totp: string): string | null {
  if (!email || !password) return '请输入邮箱和密码。';
  if (askingTotp && !/^\d{6}$/.test(totp)) return '请输入身份验证器中的 6 位动态验证码。';
  return null;
}

function byId<E extends HTMLElement = HTMLElement>(id: string): E {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the console page has no #${id}`);
  return el as E;
}

async function signIn(credentials: LoginBody): Promise<LoginAnswer> {
  // Not through api(): a refused sign-in (401) is an answer to show, not the end of a session.
  let res: Response;
  try {
    res = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(credentials) });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }
  const body = (await res.json().catch(() => null)) as (Partial<LoginAnswer> & { code?: string; message?: string }) | null;
  if (!res.ok || !body) throw new ApiError(res.status, (body && body.code) || `HTTP_${res.status}`, (body && body.message) || '登录失败');
  return body as LoginAnswer;
}

/** Starts the console on the page of src/console (templates/pages/staff.eta), once every screen is registered. */
export function startConsole(): void {
  const loginView = byId('login-view');
  const consoleView = byId('console');
  const loginForm = byId<HTMLFormElement>('login-form');
  const loginMessage = byId('login-message');
  const totpField = byId('login-totp-field');
  const emailInput = byId<HTMLInputElement>('login-email');
  const passwordInput = byId<HTMLInputElement>('login-password');
  const totpInput = byId<HTMLInputElement>('login-totp');
  const nav = byId('nav');
  const main = byId('view');
  const navToggle = byId('nav-toggle');
  let renderSeq = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  const may = (name: string): boolean => allowed(shell.views, shell.me, name);

  const showLogin = (message: string): void => {
    consoleView.hidden = true;
    loginView.hidden = false;
    clear(main);
    clear(nav);
    loginMessage.hidden = !message;
    loginMessage.textContent = message || '';
    passwordInput.value = '';
    totpInput.value = '';
    totpField.hidden = true;
    document.title = '温暖 · 工作台登录';
    emailInput.focus();
  };
  const say = (message: string): void => {
    loginMessage.hidden = false;
    loginMessage.textContent = message;
  };

  /**
   * Called on any 401, on expiry and on idle: forget the token and go back to sign-in. A late 401 of
   * a call made before signing out finds the form already shown and no session: it changes nothing
   * (the next person may be typing in the form).
   */
  shell.onSignedOut = (message: string): void => {
    clearTimeout(idleTimer);
    clearTimeout(expiryTimer);
    if (!session() && !loginView.hidden) return;
    clearSession();
    showLogin(message);
  };

  /**
   * Back to sign-in at once, then the server ends every token of this account (not only this tab's
   * copy). The form is never reset after that answer: on a slow network the next person may already
   * be typing, or signing in.
   */
  const signOut = (message?: string): Promise<void> => {
    const current = session();
    shell.onSignedOut(message || '您已退出登录。');
    if (!current) return Promise.resolve();
    return fetch('/api/staff/logout', { method: 'POST', headers: { Authorization: `Bearer ${current.token}` } }).then(
      () => undefined,
      () => undefined,
    );
  };

  const armTimers = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void signOut('长时间未操作，已自动退出登录。'), IDLE_LIMIT_MS);
    const s = session();
    clearTimeout(expiryTimer);
    if (s && s.expiresAt) {
      const expiresAt = s.expiresAt;
      expiryTimer = setTimeout(() => shell.onSignedOut('登录已过期，请重新登录。'), Math.max(0, expiresAt - Date.now()));
    }
  };
  ['click', 'keydown', 'touchstart'].forEach((type) => {
    document.addEventListener(
      type,
      () => {
        if (shell.me) armTimers();
      },
      { passive: true },
    );
  });

  const buildNav = (): void => {
    clear(nav);
    shell.order.filter(may).forEach((name) => {
      // Screens of one's own account sit in the top bar, not in the menu.
      if (shell.views[name].nav === false) return;
      nav.appendChild(
        h(
          'a',
          { href: `#/${name}`, className: 'nav-link', dataset: { view: name } },
          shell.views[name].title,
          h('span', { className: 'nav-count', hidden: true }),
        ),
      );
    });
  };

  /** The number beside a menu entry (e.g. requests waiting for review). */
  shell.setCount = (name: string, n: number): void => {
    const count = nav.querySelector<HTMLElement>(`[data-view="${name}"] .nav-count`);
    if (!count) return;
    count.textContent = String(n);
    count.hidden = !(n > 0);
  };

  const render = (): void => {
    if (!shell.me) return;
    const route = parseRoute(location.hash);
    if (!may(route.name)) {
      location.replace(`#/${shell.order.filter(may)[0]}`);
      return;
    }
    const view = shell.views[route.name];
    nav.querySelectorAll<HTMLElement>('.nav-link').forEach((a) => {
      a.classList.toggle('active', a.dataset.view === route.name);
      if (a.dataset.view === route.name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    nav.classList.remove('open');
    navToggle.setAttribute('aria-expanded', 'false');
    document.title = `${view.title} · 温暖工作台`;
    if (may('queue') && route.name !== 'queue' && shell.refreshQueueCount) shell.refreshQueueCount();
    const seq = ++renderSeq;
    const container = h('div', { className: 'screen', dataset: { screen: route.name } });
    fill(main, container);
    // A screen only draws while it is still the current one.
    shell.current = () => seq === renderSeq;
    Promise.resolve()
      .then(() => view.render(container, route.params))
      .catch((error: unknown) => {
        if (error && (error as { status?: unknown }).status === 401) return;
        container.appendChild(alert(errorText(error)));
      });
  };
  window.addEventListener('hashchange', render);

  const start = async (): Promise<void> => {
    const me = await api('GET', '/api/staff/me');
    shell.me = me;
    byId('me-name').textContent = me.name || me.email;
    byId('me-role').textContent = roleLabel(me.role);
    document.body.dataset.role = me.role;
    loginView.hidden = true;
    consoleView.hidden = false;
    buildNav();
    armTimers();
    render();
  };
  /** Reads who is signed in again (after enrolling a second factor) and redraws the console. */
  shell.restart = start;

  loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = byId<HTMLButtonElement>('login-submit');
    const email = emailInput.value.trim();
    const password = passwordInput.value;
    const totp = totpInput.value.trim();
    const problem = loginProblem(email, password, !totpField.hidden, totp);
    if (problem) return say(problem);
    const credentials: LoginBody = { email, password };
    // An account with a second factor: the server asks for the code (401 TOTP_REQUIRED), then it is sent along.
    if (!totpField.hidden) credentials.totpCode = totp;
    void busy(button, () =>
      signIn(credentials)
        .then((answer) => {
          saveSession(answer.accessToken, answer.expiresIn);
          return start();
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && (error.code === 'TOTP_REQUIRED' || error.code === 'INVALID_TOTP_CODE')) {
            totpField.hidden = false;
            totpInput.value = '';
            totpInput.focus();
          }
          say(error instanceof ApiError ? error.message : '网络连接失败，请稍后重试。');
        }),
    );
  });

  byId('logout').addEventListener('click', () => void signOut());
  navToggle.addEventListener('click', () => {
    const open = !nav.classList.contains('open');
    nav.classList.toggle('open', open);
    navToggle.setAttribute('aria-expanded', String(open));
  });

  if (session()) {
    start().catch((error: unknown) => {
      if ((error as { status?: unknown }).status !== 401) showLogin(errorText(error));
    });
  } else {
    showLogin('');
  }
}
