// 捐赠记录: donation search, refunds (finance and admin), donor messages hidden from the wall, the flagged
// payments (amount mismatches, double payments) and the providers' reconciliation differences to resolve, and
// the ledger export.
import { api, errorText, type BodyOf, type ResponseOf } from '../api';
import { alert, badge, busy, field, fill, h, table, toast, type Child } from '../dom';
import { exportButtons } from '../files';
import { CHANNEL, link, parseYuan, STATUS, time, yuan } from '../format';
import { campaignSelect } from '../jobs';
import { campaigns, canFinance, register, shell } from '../shell';

type Donation = ResponseOf<'GET', '/api/staff/donations'>['items'][number];
type LatestRefund = NonNullable<Donation['refund']>;
type Difference = ResponseOf<'GET', '/api/staff/payments/reconciliation-differences'>['items'][number];
type RefundBody = BodyOf<'POST', '/api/staff/donations/{orderNo}/refund'>;
type Refund = ResponseOf<'POST', '/api/staff/donations/{orderNo}/refund'>;

const PAGE = 200;

export const DIFFERENCE: Record<Difference['kind'], string> = {
  UNKNOWN_ORDER: '账本中无此订单',
  AMOUNT_MISMATCH: '金额不一致',
  NOT_IN_STATEMENT: '渠道账单中没有',
  UNKNOWN_REFUND: '账本中无此退款',
};
export const REFUND_STATUS: Record<LatestRefund['status'], string> = { processing: '退款处理中', succeeded: '已退款', failed: '退款失败' };

export const CHANNELS: Donation['channel'][] = ['wechatpay', 'alipay', 'bank_transfer', 'sandbox'];
export const STATUSES: Donation['status'][] = ['paid', 'pending', 'failed', 'refunded'];

/** "2020-02-01" (Beijing date) → the instant that day starts, with its offset; anything else → "". */
export function dayStart(date: string | undefined): string {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00+08:00` : '';
}

/** The day after "2020-02-01", for an inclusive "to" date; anything else → "". */
export function nextDay(date: string | undefined): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return '';
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return `${d.toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/** The search of the screen's route (#/donations?orderNo=&ref=&q=&amount=<fen>&campaign=&channel=&status=&from=&to=&flagged=1), as the API's query. */
export function searchQuery(params: Record<string, string>): Record<string, string | number | undefined> {
  return {
    limit: PAGE,
    orderNo: params.orderNo,
    bankReference: params.ref,
    q: params.q,
    amountFen: /^\d+$/.test(params.amount || '') ? params.amount : undefined,
    campaignCode: params.campaign,
    channel: params.channel,
    status: params.status,
    from: dayStart(params.from),
    to: nextDay(params.to),
    flagged: params.flagged === '1' ? 'true' : undefined,
  };
}

/** The amount of the route (fen) as the search form shows it, in yuan without the sign: "5000" → "50.00". */
export function amountField(amount: string | undefined): string {
  return amount ? yuan(Number(amount)).replace(/^¥/, '') : '';
}

/** The search form's checks: an amount in yuan, and a date range in order; the problem in Chinese, or null. */
export function searchProblem(amount: string, from: string, to: string): string | null {
  const amountFen = amount ? parseYuan(amount) : null;
  if (amount && (amountFen === null || amountFen < 1)) return '金额须为大于 0 的元金额，最多两位小数。';
  if (from && to && to < from) return '结束日期不能早于开始日期。';
  return null;
}

/** "共 N 条", and when more matched than are shown, how many are. */
export function totalLine(total: number, shown: number): string {
  return `共 ${total} 条${total > shown ? `（显示最新 ${shown} 条，请缩小条件或导出全部）` : ''}`;
}

/** The export bar's line: which campaign and status the export buttons take. */
export function exportLine(campaign: string | undefined, status: string | undefined): string {
  return `导出${campaign ? '本活动' : '全部活动'}${status ? `（${STATUS[status]}）` : ''}的捐赠记录：`;
}

/** An Idempotency-Key for a refund: "refund-" and 32 hex digits of the given random bytes. */
export function refundKey(bytes: Uint8Array): string {
  return `refund-${Array.from(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('')}`;
}

function newKey(): string {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return refundKey(bytes);
}

function auditLink(orderNo: string): HTMLElement {
  return h('div', null, h('a', { href: link('audit', { entity: 'donation', entityId: orderNo }) }, '操作记录'));
}

/** Resolving a flag: a note, a confirmation, then the row shows who may look it up in the audit log. */
function resolveControl(d: Donation, cell: HTMLElement, row: HTMLElement): HTMLElement[] {
  const note = h('input', { type: 'text', name: 'note', maxlength: 500, placeholder: '处理说明（必填，如：已原路退款）', className: 'note-input' });
  const confirm = h('button', { type: 'button', className: 'btn btn-primary btn-small confirm-resolve' }, '确认已处理');
  const box = h('div', { className: 'inline-form resolve-box', hidden: true }, note, confirm);
  const open = h('button', { type: 'button', className: 'btn btn-ghost btn-small resolve' }, '标记已处理…');
  open.addEventListener('click', () => {
    box.hidden = !box.hidden;
    if (!box.hidden) note.focus();
  });
  confirm.addEventListener('click', () => {
    const text = note.value.trim();
    if (!text) return toast('请填写处理说明。', 'warn');
    busy(confirm, () =>
      api('POST', '/api/staff/donations/{orderNo}/resolve', { params: { orderNo: d.orderNo }, body: { note: text } }).then(() => {
        row.classList.remove('is-flagged');
        row.classList.add('is-resolved');
        fill(cell, h('span', { className: 'tag tag-ok' }, '已处理'), ' ', text, auditLink(d.orderNo));
        toast('已标记为已处理，并记入操作日志。', 'ok');
      }),
    ).catch((error: unknown) => {
      toast(errorText(error), 'bad');
    });
  });
  return [open, box];
}

/**
 * The donor's message, and for finance/admin a control to hide it from the public wall (with a
 * reason, audited) or to show it again. The wall follows at once.
 */
function messageCell(d: Donation): HTMLElement {
  const cell = h('td', { className: 'wrap message-cell' });
  const draw = (hidden: boolean, reason: string | null): void => {
    const parts: Child[] = [h('span', { className: hidden ? 'donor-message muted' : 'donor-message' }, d.message)];
    if (hidden) parts.push(' ', h('span', { className: 'tag tag-warn' }, '已隐藏'), reason ? h('div', { className: 'muted small' }, `原因：${reason}`) : null);
    else if (!d.showOnWall) parts.push(' ', h('span', { className: 'muted small' }, '（未同意上墙）'));
    if (canFinance()) parts.push(h('div', null, hidden ? showControl() : hideControl()));
    fill(cell, ...parts);
  };
  const send = (body: BodyOf<'POST', '/api/staff/donations/{orderNo}/message/hide'>, done: string): Promise<void> =>
    api('POST', '/api/staff/donations/{orderNo}/message/hide', { params: { orderNo: d.orderNo }, body }).then((res) => {
      draw(res.messageHidden, res.messageHiddenReason);
      toast(done, 'ok');
    });
  const hideControl = (): HTMLElement => {
    const reason = h('input', { type: 'text', name: 'reason', maxlength: 200, placeholder: '隐藏原因（必填）', className: 'note-input' });
    const confirm = h('button', { type: 'button', className: 'btn btn-primary btn-small confirm-hide-message' }, '确认隐藏');
    const box = h('div', { className: 'inline-form hide-message-box', hidden: true }, reason, confirm);
    const open = h('button', { type: 'button', className: 'btn btn-ghost btn-small hide-message' }, '隐藏留言…');
    open.addEventListener('click', () => {
      box.hidden = !box.hidden;
      if (!box.hidden) reason.focus();
    });
    confirm.addEventListener('click', () => {
      const text = reason.value.trim();
      if (!text) return toast('请填写隐藏原因。', 'warn');
      busy(confirm, () => send({ reason: text, hidden: true }, '留言已从爱心墙隐藏，并记入操作日志。')).catch((error: unknown) => {
        toast(errorText(error), 'bad');
      });
    });
    return h('div', null, open, box);
  };
  const showControl = (): HTMLElement => {
    const button = h('button', { type: 'button', className: 'btn btn-ghost btn-small show-message' }, '恢复展示');
    button.addEventListener('click', () => {
      busy(button, () => send({ hidden: false }, '留言已恢复在爱心墙展示，并记入操作日志。')).catch((error: unknown) => {
        toast(errorText(error), 'bad');
      });
    });
    return button;
  };
  if (d.message) draw(d.messageHidden, d.messageHiddenReason);
  else cell.textContent = '—';
  return cell;
}

/** POST with an Idempotency-Key: the same key on a retry or a double click is one refund. */
function postRefund(orderNo: string, body: RefundBody, key: string): Promise<Refund> {
  // 200 (succeeded) and 202 (processing) both answer a RefundView.
  return api('POST', '/api/staff/donations/{orderNo}/refund', {
    params: { orderNo },
    body,
    idempotencyKey: key,
    networkMessage: '网络连接失败；退款结果未知，请稍后用同一窗口重试（不会重复退款）。',
  });
}

/** The refund state of a row: status of its latest refund, and why a failed one failed. */
function refundNote(refund: Pick<LatestRefund, 'status' | 'failureReason'> | null): HTMLElement | null {
  if (!refund || refund.status === 'succeeded') return null;
  return h(
    'div',
    { className: 'refund-note' },
    h('span', { className: 'tag tag-warn' }, REFUND_STATUS[refund.status] || refund.status),
    refund.status === 'failed' && refund.failureReason ? ` ${refund.failureReason}` : '',
  );
}

/** Refunding: a reason, then an explicit confirmation naming the amount; one key per opened form. */
function refundControl(d: Donation, cell: HTMLElement, tr: HTMLElement): HTMLElement[] {
  const key = newKey();
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 200, placeholder: '退款原因（必填）', className: 'note-input' });
  const confirm = h('button', { type: 'button', className: 'btn btn-danger btn-small confirm-refund' }, `确认退款 ${yuan(d.amountFen)}`);
  const warning = h('p', { className: 'small muted' }, `全额原路退回 ${yuan(d.amountFen)}；退款成功后该笔捐赠不再计入公示总额，已开具的票据自动作废。`);
  const box = h('div', { className: 'inline-form refund-box', hidden: true }, reason, warning, confirm);
  const open = h('button', { type: 'button', className: 'btn btn-ghost btn-small refund' }, '退款…');
  open.addEventListener('click', () => {
    box.hidden = !box.hidden;
    if (!box.hidden) reason.focus();
  });
  confirm.addEventListener('click', () => {
    const text = reason.value.trim();
    if (!text) return toast('请填写退款原因。', 'warn');
    busy(confirm, () =>
      postRefund(d.orderNo, { reason: text, amountFen: d.amountFen }, key).then((res) => {
        if (res.status === 'succeeded') {
          fill(tr.querySelector('.status-cell')!, badge('refunded'));
          fill(cell, h('span', { className: 'tag tag-ok' }, '已退款'), ' ', text);
          toast('已退款，公示总额已扣减，票据已作废。', 'ok');
        } else {
          fill(cell, refundNote(res));
          toast('已提交退款，等待支付渠道确认。', 'ok');
        }
      }),
    ).catch((error: unknown) => {
      toast(errorText(error), 'bad');
    });
  });
  return [open, box];
}

function row(d: Donation): HTMLElement {
  const flagCell = h('td', { className: 'wrap flag-cell' });
  const actionCell = h('td', { className: 'wrap action-cell' });
  const tr = h(
    'tr',
    { className: d.flaggedAt ? 'is-flagged' : '', dataset: { orderNo: d.orderNo } },
    h('td', { className: 'mono' }, d.orderNo),
    h('td', null, d.campaignCode),
    h('td', null, CHANNEL[d.channel] || d.channel),
    h('td', { className: 'status-cell' }, badge(d.status)),
    h('td', { className: 'num' }, yuan(d.amountFen)),
    h('td', null, d.donorName || '—'),
    messageCell(d),
    h('td', { className: 'mono' }, d.phone || '—'),
    h('td', { className: 'mono' }, d.bankReference || '—'),
    h('td', null, time(d.paidAt || d.createdAt)),
    flagCell,
    actionCell,
  );
  if (d.refund && d.refund.status !== 'succeeded') fill(actionCell, refundNote(d.refund));
  if (d.status === 'refunded' && d.refund) fill(actionCell, h('span', { className: 'muted small' }, `退款原因：${d.refund.reason}`));
  if (d.status === 'paid' && canFinance() && !(d.refund && d.refund.status === 'processing')) {
    actionCell.appendChild(h('div', null, refundControl(d, actionCell, tr)));
  }
  if (d.flaggedAt) {
    fill(
      flagCell,
      h('span', { className: 'tag tag-warn' }, '异常'),
      ' ',
      d.flagReason || '',
      auditLink(d.orderNo),
      canFinance() ? resolveControl(d, flagCell, tr) : null,
    );
  }
  return tr;
}

/** A reconciliation difference resolved with a note (audited), like a flagged donation. */
function differenceResolve(diff: Difference, cell: HTMLElement): HTMLElement[] {
  const note = h('input', { type: 'text', maxlength: 500, placeholder: '处理说明（必填）', className: 'note-input' });
  const confirm = h('button', { type: 'button', className: 'btn btn-primary btn-small' }, '确认已处理');
  const box = h('div', { className: 'inline-form', hidden: true }, note, confirm);
  const open = h('button', { type: 'button', className: 'btn btn-ghost btn-small' }, '标记已处理…');
  open.addEventListener('click', () => {
    box.hidden = !box.hidden;
  });
  confirm.addEventListener('click', () => {
    const text = note.value.trim();
    if (!text) return toast('请填写处理说明。', 'warn');
    busy(confirm, () =>
      api('POST', '/api/staff/payments/reconciliation-differences/{id}/resolve', { params: { id: diff.id }, body: { note: text } }).then(() => {
        fill(cell, h('span', { className: 'tag tag-ok' }, '已处理'), ' ', text);
        toast('已标记为已处理，并记入操作日志。', 'ok');
      }),
    ).catch((error: unknown) => {
      toast(errorText(error), 'bad');
    });
  });
  return [open, box];
}

/** The providers' statements against the ledger: what only the provider knows, for staff. */
function differences(into: HTMLElement): Promise<void> {
  const section = h(
    'section',
    { id: 'reconciliation-differences' },
    h('h2', null, '对账差异'),
    h('p', { className: 'muted' }, '每日对账时渠道账单与账本不一致之处：账本中没有的付款或退款、金额不一致、账本有而账单没有的付款。'),
  );
  into.appendChild(section);
  return api('GET', '/api/staff/payments/reconciliation-differences', { query: { status: 'open', limit: 200 } }).then((res) => {
    if (!shell.current()) return;
    const rows = (res.items || []).map((diff) => {
      const cell = h('td', { className: 'wrap' }, '—');
      if (canFinance()) fill(cell, differenceResolve(diff, cell));
      return h(
        'tr',
        { className: 'is-flagged', dataset: { differenceId: diff.id } },
        h('td', null, diff.statementDate),
        h('td', null, CHANNEL[diff.provider] || diff.provider),
        h('td', null, h('span', { className: 'tag tag-warn' }, DIFFERENCE[diff.kind] || diff.kind)),
        h('td', { className: 'mono' }, diff.orderNo || '—'),
        h('td', { className: 'num' }, diff.providerAmountFen === null ? '—' : yuan(diff.providerAmountFen)),
        h('td', { className: 'num' }, diff.ledgerAmountFen === null ? '—' : yuan(diff.ledgerAmountFen)),
        h('td', { className: 'wrap' }, diff.detail),
        cell,
      );
    });
    section.appendChild(table(['账单日期', '渠道', '差异', '订单号', '渠道金额', '账本金额', '说明', '处理'], rows, '没有待处理的对账差异。'));
  });
}

function render(el: HTMLElement, params: Record<string, string>): Promise<void> {
  const flaggedOnly = params.flagged === '1';
  const orderNo = h('input', { name: 'orderNo', type: 'search', maxlength: 64, value: params.orderNo || '', placeholder: '例如 WN2020…' });
  const bankReference = h('input', { name: 'bankReference', type: 'search', maxlength: 64, value: params.ref || '' });
  const donor = h('input', { name: 'q', type: 'search', maxlength: 50, value: params.q || '', placeholder: '姓名中的字' });
  const amountYuan = h('input', { name: 'amountYuan', inputmode: 'decimal', maxlength: 16, value: amountField(params.amount) });
  const campaign = campaignSelect(campaigns, 'campaignCode', true, params.campaign);
  const channel = h(
    'select',
    { name: 'channel' },
    h('option', { value: '' }, '全部'),
    CHANNELS.map((c) => h('option', { value: c, selected: params.channel === c }, CHANNEL[c])),
  );
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, '全部'),
    STATUSES.map((s) => h('option', { value: s, selected: params.status === s }, STATUS[s])),
  );
  const from = h('input', { name: 'from', type: 'date', value: params.from || '' });
  const to = h('input', { name: 'to', type: 'date', value: params.to || '' });
  const flagged = h('input', { type: 'checkbox', name: 'flagged', checked: flaggedOnly });
  const form = h(
    'form',
    { className: 'toolbar search-form', id: 'donation-search' },
    field('订单号', orderNo),
    field('银行流水号', bankReference),
    field('捐赠人', donor),
    field('金额（元）', amountYuan),
    field('活动', campaign),
    field('渠道', channel),
    field('状态', status),
    field('下单日期从', from),
    field('至', to),
    h('label', { className: 'check' }, flagged, ' 只看异常'),
    h('button', { type: 'submit', className: 'btn btn-primary' }, '查询'),
  );
  const message = h('div', { className: 'form-message' });
  const results = h('div', { id: 'donation-results' }, h('p', { className: 'muted' }, '正在加载…'));
  const exports = exportButtons('donations', () => ({ campaignCode: params.campaign || '', status: params.status || '' }));
  fill(
    el,
    h(
      'header',
      { className: 'screen-head' },
      h('h1', null, flaggedOnly ? '异常到账待处理' : '捐赠记录'),
      h(
        'p',
        { className: 'muted' },
        flaggedOnly
          ? '支付金额与订单不符、重复支付、对账差异等情况。核实并处理（退款或补录）后，写明处理说明标记为已处理；记录保留在操作日志中。'
          : '个人信息按接口返回的脱敏形式显示。导出文件同样脱敏，并记入操作日志。',
      ),
    ),
    h(
      'div',
      { className: 'tabs' },
      h('a', { href: link('donations', {}), className: `tab${flaggedOnly ? '' : ' active'}` }, '全部'),
      h('a', { href: link('donations', { flagged: '1' }), className: `tab${flaggedOnly ? ' active' : ''}` }, '异常待处理'),
    ),
    form,
    message,
    h('div', { className: 'toolbar export-bar' }, h('span', { className: 'muted small' }, exportLine(params.campaign, params.status)), exports),
    results,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const amount = amountYuan.value.trim();
    const problem = searchProblem(amount, from.value, to.value);
    if (problem) {
      fill(message, alert(problem));
      return;
    }
    const amountFen = amount ? parseYuan(amount) : null;
    location.hash = link('donations', {
      orderNo: orderNo.value.trim(),
      ref: bankReference.value.trim(),
      q: donor.value.trim(),
      amount: amountFen ? String(amountFen) : '',
      campaign: campaign.value,
      channel: channel.value,
      status: status.value,
      from: from.value,
      to: to.value,
      flagged: flagged.checked ? '1' : '',
    });
  });

  return api('GET', '/api/staff/donations', { query: searchQuery(params) }).then((res) => {
    if (!shell.current()) return;
    const items = res.items || [];
    const total = typeof res.total === 'number' ? res.total : items.length;
    fill(
      results,
      h('p', { className: 'muted', id: 'donation-total' }, totalLine(total, items.length)),
      table(
        ['订单号', '活动', '渠道', '状态', '金额', '捐赠人', '留言', '手机', '银行流水号', '时间', '异常', '退款'],
        items.map(row),
        flaggedOnly ? '没有待处理的异常到账。' : '没有符合条件的捐赠。',
      ),
    );
    if (flaggedOnly) return differences(results);
  });
}

export function registerDonations(): void {
  register('donations', { title: '捐赠记录', roles: ['finance', 'auditor'], render });
}
