// Campaigns. Finance and auditors see the list and a campaign's settings, disclosure and funds; only admins
// create, edit, add or rename funds and close one (the server refuses the rest with 403 and audits every change
// under the admin's name).
import { api, errorText, type BodyOf } from '../api';
import { alert, busy, clear, facts, fill, h, table, toast } from '../dom';
import { CAMPAIGN_STATUS, link, time, yuan } from '../format';
import { campaigns, isAdmin, register, shell, type Campaign } from '../shell';
import {
  changedSettings,
  control,
  creationBody,
  DISCLOSURE_FIELDS,
  disclosureBody,
  errField,
  errorsOf,
  FIX_MARKED,
  readSettings,
  RULES,
  settingsFields,
  type CampaignChange,
  type CampaignSettings,
  type Disclosure,
  type DisclosureField,
} from './campaign-form';

const STATUS_BADGE: Record<string, string> = { upcoming: 'badge-pending', active: 'badge-paid', ended: 'badge-voided' };

type Reload = () => Promise<void>;

function statusBadge(status: string): HTMLElement {
  return h('span', { className: `badge ${STATUS_BADGE[status] || ''}`, dataset: { status } }, CAMPAIGN_STATUS[status] || status);
}

/** PATCH /api/staff/campaigns/{code}: any subset of the settings (null clears goal, dates, payee and disclosure). */
function updateCampaign(code: string, change: CampaignChange) {
  const body: BodyOf<'PATCH', '/api/staff/campaigns/{code}'> = change;
  return api('PATCH', '/api/staff/campaigns/{code}', { params: { code }, body });
}

function submitButton(form: HTMLFormElement): HTMLButtonElement {
  return form.querySelector<HTMLButtonElement>('button[type=submit]')!;
}

function createForm(): HTMLElement {
  const message = h('div', { className: 'form-message', id: 'campaign-create-message' });
  const form = h(
    'form',
    { id: 'campaign-create', className: 'grid-form', novalidate: true },
    settingsFields(null),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '创建活动')),
  );
  const errors = errorsOf(form, message);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    const settings = readSettings(form, errors);
    if (!settings) return void fill(message, alert(FIX_MARKED));
    void busy(submitButton(form), () =>
      api('POST', '/api/staff/campaigns', { body: creationBody(settings) }).then(
        (c) => {
          void campaigns(true);
          toast(`已创建活动：${c.title}`, 'ok');
          location.hash = link('campaigns', { code: c.code });
        },
        (error: unknown) => {
          errors.fromApi(error);
        },
      ),
    );
  });
  return h('details', { className: 'panel add-box', id: 'campaign-new' }, h('summary', null, '新建活动'), form, message);
}

// ---- the list ----
function renderList(el: HTMLElement): Promise<void> {
  const admin = isAdmin();
  const list = h('div', { id: 'campaign-list' }, h('p', { className: 'muted' }, '正在加载…'));
  fill(
    el,
    h(
      'header',
      { className: 'screen-head' },
      h('h1', null, '活动管理'),
      h('p', { className: 'muted' }, admin ? '新建、修改和结束募捐活动，设置公开信息与定向基金；每项修改都记入操作日志。' : '募捐活动及其设置（只读）。'),
    ),
    admin ? createForm() : null,
    h('section', { className: 'panel' }, h('h2', null, '全部活动'), list),
  );
  return campaigns(true).then((items) => {
    if (!shell.current()) return;
    fill(
      list,
      table(
        ['活动', '状态', '目标金额', '开始', '结束', '定向基金', ''],
        items.map((c) =>
          h(
            'tr',
            { dataset: { code: c.code } },
            h('td', null, h('a', { href: link('campaigns', { code: c.code }) }, c.title), h('div', { className: 'muted small mono' }, c.code)),
            h('td', null, statusBadge(c.status)),
            h('td', { className: 'num' }, c.goalFen === null ? '—' : yuan(c.goalFen)),
            h('td', { className: 'nowrap' }, time(c.startsAt)),
            h('td', { className: 'nowrap' }, time(c.endsAt)),
            h('td', { className: 'num' }, String((c.funds || []).length)),
            h('td', null, h('a', { className: 'btn btn-small btn-ghost', href: link('campaigns', { code: c.code }) }, admin ? '管理' : '查看')),
          ),
        ),
        '还没有活动',
      ),
    );
  });
}

// ---- one campaign ----
function settingsPanel(c: Campaign, reload: Reload): HTMLElement {
  const list = facts([
    ['活动代码', c.code, 'mono'],
    ['状态', statusBadge(c.status)],
    ['活动名称', c.title],
    ['目标金额', c.goalFen === null ? '未设' : yuan(c.goalFen)],
    ['开票门槛', yuan(c.receiptThresholdFen)],
    ['票据编号前缀', c.receiptPrefix, 'mono'],
    ['票据申请', c.autoApproveReceipts ? '核验通过后自动批准' : '全部人工审核'],
    ['开票单位', c.organisation],
    ['票据收款人', c.receiptPayee || '未设（手写签名）'],
    ['开始时间', time(c.startsAt)],
    ['结束时间', time(c.endsAt)],
    ['信息公开周期', `${c.disclosureIntervalDays} 天`],
    ['捐赠链接', h('a', { href: c.donateUrl, target: '_blank', rel: 'noopener' }, c.donateUrl)],
  ]);
  list.id = 'campaign-facts';
  if (!isAdmin()) return h('section', { className: 'panel' }, h('h2', null, '基本信息'), list);

  const message = h('div', { className: 'form-message', id: 'campaign-edit-message' });
  const form = h(
    'form',
    { id: 'campaign-edit', className: 'grid-form', novalidate: true },
    settingsFields(c),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '保存修改')),
  );
  const errors = errorsOf(form, message);
  // What the form shows before any edit, to send only what changed.
  const initial: Partial<CampaignSettings> = readSettings(form, { show: () => false }) || {};
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    const settings = readSettings(form, errors);
    if (!settings) return void fill(message, alert(FIX_MARKED));
    const changed = changedSettings(settings, initial);
    if (!Object.keys(changed).length) return void fill(message, alert('没有修改。'));
    void busy(submitButton(form), () =>
      updateCampaign(c.code, changed).then(
        (updated) => {
          void campaigns(true);
          toast(`已保存：${updated.title}`, 'ok');
          return reload();
        },
        (error: unknown) => {
          errors.fromApi(error);
        },
      ),
    );
  });
  return h(
    'section',
    { className: 'panel' },
    h('h2', null, '基本信息'),
    list,
    h('details', { className: 'add-box', id: 'campaign-edit-box' }, h('summary', null, '修改基本信息'), form, message),
  );
}

function disclosurePanel(c: Campaign, reload: Reload): HTMLElement {
  const d: Disclosure = c.disclosure || {};
  const list = facts(DISCLOSURE_FIELDS.map((f): [string, string | null] => [f[1], d[f[0]] || null]));
  list.id = 'disclosure-facts';
  const none = c.disclosure ? null : h('p', { className: 'muted', id: 'disclosure-none' }, '尚未设置公开信息：捐赠页不显示募捐组织与备案信息。');
  if (!isAdmin()) return h('section', { className: 'panel', id: 'disclosure' }, h('h2', null, '公开信息'), none, list);

  const message = h('div', { className: 'form-message', id: 'disclosure-message' });
  const form = h(
    'form',
    { id: 'disclosure-form', className: 'grid-form', novalidate: true },
    DISCLOSURE_FIELDS.map((f) => errField(`disclosure.${f[0]}`, f[1], h('input', { name: f[0], maxlength: f[2], value: d[f[0]] || '', placeholder: f[3] }))),
    h(
      'div',
      { className: 'form-actions' },
      h('button', { type: 'submit', className: 'btn btn-primary' }, '保存公开信息'),
      h('span', { className: 'muted small' }, '全部留空即清除公开信息'),
    ),
  );
  const errors = errorsOf(form, message);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    const values = {} as Record<DisclosureField, string>;
    DISCLOSURE_FIELDS.forEach((f) => (values[f[0]] = control(form, f[0])?.value ?? ''));
    void busy(submitButton(form), () =>
      updateCampaign(c.code, { disclosure: disclosureBody(values) }).then(
        () => {
          toast('已保存公开信息', 'ok');
          return reload();
        },
        (error: unknown) => {
          errors.fromApi(error);
        },
      ),
    );
  });
  return h(
    'section',
    { className: 'panel', id: 'disclosure' },
    h('h2', null, '公开信息'),
    h('p', { className: 'muted small' }, '《慈善组织信息公开办法》要求募捐页面公开的信息，显示在捐赠页与活动页。'),
    none,
    list,
    h('details', { className: 'add-box', id: 'disclosure-box' }, h('summary', null, '修改公开信息'), form, message),
  );
}

type Fund = Campaign['funds'][number];

function renameFund(c: Campaign, fund: Fund, cell: HTMLElement, reload: Reload): void {
  const message = h('div', { className: 'form-message' });
  const input = h('input', { name: 'name', required: true, maxlength: 100, value: fund.name });
  const cancel = h('button', { type: 'button', className: 'btn btn-small btn-ghost fund-cancel' }, '取消');
  const form = h(
    'form',
    { className: 'inline-form fund-rename', novalidate: true },
    errField('fundName', '新名称', input),
    h('button', { type: 'submit', className: 'btn btn-small btn-primary' }, '保存'),
    cancel,
  );
  const errors = errorsOf(form, message);
  cancel.addEventListener('click', () => void reload());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    const name = input.value.trim();
    if (!name) return void errors.show('fundName', RULES.fundName);
    void busy(submitButton(form), () =>
      api('PATCH', '/api/staff/campaigns/{code}/funds/{fundCode}', { params: { code: c.code, fundCode: fund.code }, body: { name } }).then(
        () => {
          toast(`已修改基金名称：${name}`, 'ok');
          return reload();
        },
        (error: unknown) => {
          errors.fromApi(error, 'fund');
        },
      ),
    );
  });
  fill(cell, form, message);
  input.focus();
}

function fundsPanel(c: Campaign, reload: Reload): HTMLElement {
  const admin = isAdmin();
  const rows = (c.funds || []).map((fund) => {
    const actions = h('td', null);
    if (admin) {
      const b = h('button', { type: 'button', className: 'btn btn-small btn-ghost fund-rename-open' }, '改名…');
      b.addEventListener('click', () => renameFund(c, fund, actions, reload));
      actions.appendChild(b);
    }
    return h(
      'tr',
      { dataset: { fund: fund.code } },
      h('td', { className: 'mono' }, fund.code),
      h('td', { className: 'fund-name' }, fund.name),
      admin ? actions : null,
    );
  });
  const list = h('div', { id: 'fund-list' }, table(['基金代码', '名称'].concat(admin ? ['操作'] : []), rows, '未设定向基金：捐赠不指定用途。'));
  if (!admin) return h('section', { className: 'panel', id: 'funds' }, h('h2', null, '定向基金'), list);

  const message = h('div', { className: 'form-message', id: 'fund-message' });
  const code = h('input', { name: 'code', required: true, maxlength: 63, autocomplete: 'off', placeholder: 'medical' });
  const name = h('input', { name: 'name', required: true, maxlength: 100, placeholder: '医疗救治' });
  const form = h(
    'form',
    { id: 'fund-add', className: 'grid-form', novalidate: true },
    errField('fundCode', '基金代码', code, '小写字母、数字和短横线；添加后不能修改'),
    errField('fundName', '基金名称', name),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '添加基金')),
  );
  const errors = errorsOf(form, message);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    const body = { code: code.value.trim(), name: name.value.trim() };
    if (!body.code) errors.show('fundCode', RULES.fundCode);
    if (!body.name) errors.show('fundName', RULES.fundName);
    if (!body.code || !body.name) return void fill(message, alert(FIX_MARKED));
    void busy(submitButton(form), () =>
      api('POST', '/api/staff/campaigns/{code}/funds', { params: { code: c.code }, body }).then(
        () => {
          toast(`已添加定向基金：${body.name}`, 'ok');
          return reload();
        },
        (error: unknown) => {
          errors.fromApi(error, 'fund');
        },
      ),
    );
  });
  return h(
    'section',
    { className: 'panel', id: 'funds' },
    h('h2', null, '定向基金'),
    h('p', { className: 'muted small' }, '捐赠人可指定捐给某个基金（定向捐赠）；基金一经使用便不能删除，只能改名。'),
    list,
    h('details', { className: 'add-box', id: 'fund-add-box' }, h('summary', null, '添加定向基金'), form, message),
  );
}

function closePanel(c: Campaign, reload: Reload): HTMLElement | null {
  if (!isAdmin() || c.status === 'ended') return null;
  const message = h('div', { className: 'form-message', id: 'close-message' });
  const panel = h('div', { className: 'user-panel', hidden: true, id: 'close-confirm' });
  const open = h('button', { type: 'button', className: 'btn btn-danger', id: 'campaign-close' }, '结束活动…');
  open.addEventListener('click', () => {
    const confirm = h('button', { type: 'submit', className: 'btn btn-danger confirm-action' }, '确认结束');
    const cancel = h('button', { type: 'button', className: 'btn btn-ghost' }, '取消');
    const form = h(
      'form',
      { className: 'inline-form', novalidate: true },
      h('p', null, `结束后「${c.title}」立即停止接受捐赠，且不能重新开始；已有的捐赠、票据与公示不受影响。此操作记入操作日志。`),
      confirm,
      cancel,
    );
    cancel.addEventListener('click', () => {
      panel.hidden = true;
      clear(panel);
      open.hidden = false;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(confirm, () =>
        api('POST', '/api/staff/campaigns/{code}/close', { params: { code: c.code } }).then(
          () => {
            void campaigns(true);
            toast(`已结束活动：${c.title}`, 'ok');
            return reload();
          },
          (error: unknown) => {
            fill(message, alert(errorText(error)));
          },
        ),
      );
    });
    fill(panel, form);
    panel.hidden = false;
    open.hidden = true;
    confirm.focus();
  });
  return h('section', { className: 'panel', id: 'close' }, h('h2', null, '结束活动'), open, panel, message);
}

function renderOne(el: HTMLElement, code: string): Promise<void> {
  const body = h('div', { id: 'campaign-detail' }, h('p', { className: 'muted' }, '正在加载…'));
  fill(el, h('p', null, h('a', { href: link('campaigns') }, '← 全部活动')), body);
  function load(): Promise<void> {
    // The staff list carries every setting (the public view of a campaign does not).
    return campaigns(true).then((items) => {
      if (!shell.current()) return;
      const c = items.filter((x) => x.code === code)[0];
      if (!c) return void fill(body, alert('活动不存在'));
      document.title = `${c.title} · 活动管理 · 温暖工作台`;
      fill(
        body,
        h('header', { className: 'screen-head' }, h('h1', { id: 'campaign-title' }, c.title, ' ', statusBadge(c.status))),
        settingsPanel(c, load),
        h('div', { className: 'two-col' }, disclosurePanel(c, load), fundsPanel(c, load)),
        closePanel(c, load),
      );
    });
  }
  return load();
}

export function registerCampaigns(): void {
  register('campaigns', {
    title: '活动管理',
    rank: 600,
    // Warehouse staff read campaigns in their pickers only; the settings are for finance and auditors.
    roles: ['finance', 'auditor'],
    render(el, params) {
      return params.code ? renderOne(el, params.code) : renderList(el);
    },
  });
}
