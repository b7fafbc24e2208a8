// Staff accounts. Admins create accounts, unlock sign-in, disable and re-enable, reset passwords, change roles and
// remove a lost second factor; auditors read the list. Every change is made by the server under the admin's name
// and shows in the audit log.
import { api, errorText, type ResponseOf } from '../api';
import { alert, busy, clear, field, fill, h, table, toast } from '../dom';
import { roleLabel, time, type Role } from '../format';
import { isAdmin, register, shell } from '../shell';

type StaffUser = ResponseOf<'GET', '/api/staff/users'>['items'][number];

/** The roles in the pickers, in this order. */
export const ROLES: readonly Role[] = ['finance', 'warehouse', 'auditor', 'admin'];

export const MIN_PASSWORD = 10;

/** An admin's changes of one account, by the class of its button. */
export type AccountAction = 'unlock' | 'enable' | 'disable' | 'reset-password' | 'change-role' | 'reset-totp';

/** The buttons an account gets: unlock when locked, enable or disable, password, role, and a second factor to reset. */
export function accountActions(u: Pick<StaffUser, 'locked' | 'disabled' | 'totpEnabled'>): AccountAction[] {
  const actions: AccountAction[] = [];
  if (u.locked) actions.push('unlock');
  actions.push(u.disabled ? 'enable' : 'disable');
  actions.push('reset-password', 'change-role');
  if (u.totpEnabled) actions.push('reset-totp');
  return actions;
}

/** The badges of an account's state: [class, text]. */
export function stateBadges(u: Pick<StaffUser, 'locked' | 'disabled' | 'totpEnabled'>): [string, string][] {
  const badges: [string, string][] = [u.disabled ? ['badge-voided', '已停用'] : ['badge-paid', '正常']];
  if (u.locked) badges.push(['badge-pending user-locked', '登录已锁定']);
  if (u.totpEnabled) badges.push(['badge-issued user-totp', '双重验证']);
  return badges;
}

function roleSelect(name: string, selected: string): HTMLSelectElement {
  return h(
    'select',
    { name },
    ROLES.map((r) => h('option', { value: r, selected: r === selected }, roleLabel(r))),
  );
}

/** The role a role picker holds (it offers ROLES only). */
function roleOf(select: HTMLSelectElement): Role {
  return select.value as Role;
}

function createForm(onCreated: () => unknown): HTMLElement {
  const message = h('div', { className: 'form-message' });
  const name = h('input', { name: 'name', required: true, maxlength: 100 });
  const email = h('input', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' });
  const role = roleSelect('role', 'finance');
  const password = h('input', { name: 'password', type: 'password', required: true, minlength: 10, maxlength: 200, autocomplete: 'new-password' });
  const form = h(
    'form',
    { id: 'user-form', className: 'grid-form', novalidate: true },
    field('姓名', name),
    field('邮箱', email),
    field('角色', role),
    field('初始密码', password, '至少 10 位；请当面告知本人'),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '创建账号')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!name.value.trim() || !email.value.trim()) return void fill(message, alert('请填写姓名和邮箱。'));
    if (password.value.length < MIN_PASSWORD) return void fill(message, alert('密码至少 10 位。'));
    const body = { name: name.value.trim(), email: email.value.trim(), role: roleOf(role), password: password.value };
    void busy(form.querySelector('button')!, () =>
      api('POST', '/api/staff/users', { body }).then(
        (user) => {
          form.reset();
          fill(message, alert(`已创建 ${user.email}（${roleLabel(user.role)}）。`, 'ok'));
          void onCreated();
        },
        (error: unknown) => {
          fill(message, alert(errorText(error)));
        },
      ),
    );
  });
  return h('section', { className: 'panel' }, h('h2', null, '新建工作人员账号'), form, message);
}

function state(u: StaffUser): HTMLElement {
  return h(
    'span',
    { className: 'user-state' },
    stateBadges(u).map((b) => h('span', { className: `badge ${b[0]}` }, b[1])),
  );
}

/**
 * The admin's buttons for one account. Changes that end the owner's sessions or lock them out ask
 * once more; the answer comes back as the account's new state and the list is drawn again.
 */
function actions(u: StaffUser, reload: () => Promise<void>): HTMLElement {
  const message = h('p', { className: 'row-message', role: 'status' });
  const panel = h('div', { className: 'user-panel', hidden: true });
  const params = { id: u.id };
  const call = (change: Promise<StaffUser>, done: string): Promise<void> =>
    change.then(
      (user) => {
        toast(`${done}：${user.email}`, 'ok');
        return reload();
      },
      (error: unknown) => {
        fill(message, alert(errorText(error)));
      },
    );
  const refuse = (text: string): void => {
    fill(message, alert(text));
  };
  /** Opens a small form under the row: one field (or none), a confirm button and cancel. */
  const ask = (text: string, input: HTMLElement | null, confirmText: string, onConfirm: () => unknown): void => {
    const confirm = h('button', { type: 'submit', className: 'btn btn-small btn-danger confirm-action' }, confirmText);
    const cancel = h('button', { type: 'button', className: 'btn btn-small btn-ghost' }, '取消');
    const form = h('form', { className: 'inline-form user-confirm', novalidate: true }, h('p', null, text), input, confirm, cancel);
    cancel.addEventListener('click', () => {
      panel.hidden = true;
      clear(panel);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(confirm, onConfirm);
    });
    fill(panel, form);
    clear(message);
    panel.hidden = false;
    (input || confirm).focus();
  };

  const onClick: Record<AccountAction, (b: HTMLButtonElement) => void> = {
    unlock: (b) => void busy(b, () => call(api('POST', '/api/staff/users/{id}/unlock', { params }), '已解锁')),
    enable: (b) => void busy(b, () => call(api('POST', '/api/staff/users/{id}/enable', { params }), '已启用')),
    disable: () =>
      ask('停用后该账号立即退出所有登录，且不能再登录，直到重新启用。', null, '确认停用', () =>
        call(api('POST', '/api/staff/users/{id}/disable', { params }), '已停用'),
      ),
    'reset-password': () => {
      const input = h('input', {
        type: 'password',
        name: 'password',
        minlength: 10,
        maxlength: 200,
        autocomplete: 'new-password',
        placeholder: '新密码（至少 10 位）',
      });
      ask('设置新密码后，该账号的所有登录立即失效；请当面告知本人新密码。', input, '确认重置', () => {
        if (input.value.length < MIN_PASSWORD) return refuse('密码至少 10 位。');
        return call(api('POST', '/api/staff/users/{id}/password', { params, body: { password: input.value } }), '已重置密码');
      });
    },
    'change-role': () => {
      const select = roleSelect('role', u.role);
      ask('更改角色后，该账号需要重新登录。', select, '确认更改', () => {
        if (select.value === u.role) return refuse('角色没有变化。');
        return call(api('POST', '/api/staff/users/{id}/role', { params, body: { role: roleOf(select) } }), '已更改角色');
      });
    },
    'reset-totp': () =>
      ask('仅在本人丢失身份验证器时使用：将删除该账号的双重验证，本人下次登录后需重新绑定。', null, '确认重置', () =>
        call(api('POST', '/api/staff/users/{id}/totp/reset', { params }), '已重置双重验证'),
      ),
  };
  const LABELS: Record<AccountAction, string> = {
    unlock: '解锁登录',
    enable: '启用',
    disable: '停用…',
    'reset-password': '重置密码…',
    'change-role': '更改角色…',
    'reset-totp': '重置双重验证…',
  };
  const buttons = accountActions(u).map((action) => {
    const b = h('button', { type: 'button', className: `btn btn-small btn-ghost ${action}` }, LABELS[action]);
    b.addEventListener('click', () => onClick[action](b));
    return b;
  });
  return h('div', { className: 'user-actions' }, h('div', { className: 'actions' }, buttons), panel, message);
}

export function registerUsers(): void {
  register('users', {
    title: '工作人员',
    rank: 800,
    roles: ['auditor'],
    render(el) {
      const admin = isAdmin();
      const list = h('div', { id: 'user-list' }, h('p', { className: 'muted' }, '正在加载…'));
      const load = (): Promise<void> =>
        api('GET', '/api/staff/users').then((res) => {
          if (!shell.current()) return;
          fill(
            list,
            table(
              ['姓名', '邮箱', '角色', '状态', '创建时间'].concat(admin ? ['操作'] : []),
              (res.items || []).map((u) =>
                h(
                  'tr',
                  { dataset: { userId: u.id, email: u.email } },
                  h('td', null, u.name),
                  h('td', null, u.email),
                  h('td', { className: 'user-role' }, roleLabel(u.role)),
                  h('td', null, state(u)),
                  h('td', null, time(u.createdAt)),
                  admin ? h('td', null, actions(u, load)) : null,
                ),
              ),
            ),
          );
        });
      fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '工作人员'),
          h(
            'p',
            { className: 'muted' },
            '登录失败次数过多时，只锁定尝试登录的那个网络地址；本人在其他地址仍可登录。管理员可解锁、停用、重置密码、更改角色，每项操作都记入操作日志。',
          ),
        ),
        // Full width: the admin's buttons need the room; the form for a new account comes after.
        h('section', { className: 'panel' }, h('h2', null, '账号列表'), list),
        admin ? createForm(load) : null,
      );
      return load();
    },
  });
}
