// Goods, one pledge: its lines and inspections, and (warehouse, admin) the inspection of an arrival per line,
// an edit or cancel of what is outstanding; finance and warehouse may ask for its goods receipt.
import { api, type BodyOf } from '../../api';
import { busy, facts, field, fill, h, table, toast } from '../../dom';
import { link, parseYuan, time, yuan } from '../../format';
import { canFinance, shell } from '../../shell';
import {
  canGoods,
  DONOR_TYPE,
  message,
  newKey,
  panel,
  problem,
  qty,
  REJECT_REASONS,
  say,
  send,
  statusBadge,
  submitButton,
  valueOf,
  wholeNumber,
  type Pledge,
  type PledgeLine,
} from './shared';

type InspectedItem = BodyOf<'POST', '/api/staff/in-kind-donations/{id}/inspections'>['items'][number];
type Edit = BodyOf<'PATCH', '/api/staff/in-kind-donations/{id}'>;
type ReceiptRequest = BodyOf<'POST', '/api/staff/in-kind-donations/{id}/receipt-requests'>;

/** What one line of the inspection form holds, as typed. */
export interface InspectionValues {
  accepted: string;
  rejected: string;
  reason: string;
}

/**
 * The inspection of the outstanding lines (`open`, in the form's order) as the API wants it, or a message:
 * empty lines are skipped; accepted plus rejected may not pass what is outstanding; a rejection needs a reason.
 */
export function inspectedItems(open: PledgeLine[], values: InspectionValues[]): InspectedItem[] | string {
  const out: InspectedItem[] = [];
  for (let i = 0; i < open.length; i++) {
    const l = open[i];
    const v = values[i];
    if (!v.accepted && !v.rejected) continue;
    const accepted = v.accepted ? wholeNumber(v.accepted) : 0;
    const rejected = v.rejected ? wholeNumber(v.rejected) : 0;
    if (accepted === null || rejected === null) return `${l.name}：数量须为整数。`;
    if (accepted + rejected === 0) continue;
    if (accepted + rejected > l.outstandingQuantity) return `${l.name}：合格与不合格合计 ${accepted + rejected}，超过待到货 ${l.outstandingQuantity}。`;
    if (rejected > 0 && !v.reason) return `${l.name}：请填写不合格原因。`;
    const item: InspectedItem = { itemCode: l.itemCode, acceptedQuantity: accepted, rejectedQuantity: rejected };
    if (v.reason) item.reason = v.reason;
    out.push(item);
  }
  if (!out.length) return '请至少填写一种物资的验收数量。';
  return out;
}

/** What one line of the edit form holds, as typed. */
export interface EditValues {
  quantity: string;
  valuation: string;
  spec: string;
  batch: string;
  expiresAt: string;
}

/** A change of one line: only what differs from the pledge; null clears the value. */
export interface LineChange {
  itemCode: string;
  quantity?: number;
  valuationFen?: number | null;
  spec?: string | null;
  batch?: string | null;
  expiresAt?: string | null;
}

const CLEARABLE: ('spec' | 'batch' | 'expiresAt')[] = ['spec', 'batch', 'expiresAt'];

/** The lines that changed (not below what was inspected), or a message saying what is wrong. */
export function lineChanges(open: PledgeLine[], values: EditValues[]): LineChange[] | string {
  const changes: LineChange[] = [];
  for (let i = 0; i < open.length; i++) {
    const l = open[i];
    const v = values[i];
    const c: LineChange = { itemCode: l.itemCode };
    const quantity = wholeNumber(v.quantity);
    if (!quantity) return `${l.name}：认捐数量须为正整数。`;
    if (quantity < l.acceptedQuantity + l.rejectedQuantity) return `${l.name}：认捐数量不能少于已验收的 ${l.acceptedQuantity + l.rejectedQuantity}。`;
    if (quantity !== l.quantity) c.quantity = quantity;
    const fen = v.valuation ? parseYuan(v.valuation) : null;
    if (v.valuation && fen === null) return `${l.name}：申报价值须为元金额，最多两位小数。`;
    if (fen !== l.valuationFen) c.valuationFen = fen;
    CLEARABLE.forEach((k) => {
      const now = v[k] || null;
      if (now !== (l[k] || null)) c[k] = now;
    });
    if (Object.keys(c).length > 1) changes.push(c);
  }
  if (!changes.length) return '没有需要保存的修改。';
  return changes;
}

/** The declared value as the edit form shows it: 1200000 → "12000.00"; none → "". */
export function valuationInput(fen: number | null): string {
  return fen === null ? '' : yuan(fen).replace(/[¥,]/g, '');
}

/** What cancelling the remainder does to this pledge. */
export function cancelNote(p: Pick<Pledge, 'status' | 'outstandingQuantity'>): string {
  return p.status === 'pledged' ? '尚无物资到货：取消后整笔认捐作废。' : `已到货的合格物资保留在库存中，只取消尚未到货的 ${p.outstandingQuantity} 件。`;
}

/** "gift@example.com" → "g***@example.com". */
export function maskEmail(email: string): string {
  return email.replace(/^(.).*(@.*)$/, '$1***$2');
}

/** What the goods-receipt form holds, as typed. */
export interface ReceiptValues {
  donorType: string;
  name: string;
  idCode: string;
  invoiceTitle: string;
  phone: string;
  email: string;
  mailingAddress: string;
}

/** The receipt request (the ID goes as a credit code for an organisation, an ID number for a person), or a message. */
export function receiptRequest(v: ReceiptValues): ReceiptRequest | string {
  const body: ReceiptRequest = {
    // The select offers only the document's two donor types.
    donorType: v.donorType as ReceiptRequest['donorType'],
    name: v.name,
    invoiceTitle: v.invoiceTitle,
    phone: v.phone,
    email: v.email,
  };
  if (v.idCode) body[body.donorType === 'organization' ? 'creditCode' : 'idNumber'] = v.idCode;
  if (v.mailingAddress) body.mailingAddress = v.mailingAddress;
  if (!body.name || !body.invoiceTitle || !body.phone || !body.email) return '请填写名称、票据抬头、手机号和邮箱。';
  return body;
}

function read<K extends string>(row: ParentNode, names: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  names.forEach((n) => (out[n] = valueOf(row, n)));
  return out;
}

function outstanding(p: Pledge): PledgeLine[] {
  return p.items.filter((l) => l.outstandingQuantity > 0);
}

function inspectForm(p: Pledge, reload: () => unknown): HTMLElement {
  const msg = message('inspect-message');
  let key = newKey();
  const open = outstanding(p);
  const reasons = h(
    'datalist',
    { id: 'reject-reasons' },
    REJECT_REASONS.map((r) => h('option', { value: r })),
  );
  const rows = open.map((l) =>
    h(
      'div',
      { className: 'goods-line', dataset: { item: l.itemCode } },
      h(
        'div',
        { className: 'goods-line-title' },
        h('strong', null, l.name),
        h('span', { className: 'muted small' }, `待到货 ${qty(l.outstandingQuantity, l.unit)}`),
        l.expired ? h('span', { className: 'tag tag-warn' }, '已过有效期') : null,
      ),
      field('合格入库', h('input', { name: 'accepted', inputmode: 'numeric', autocomplete: 'off', placeholder: '0' })),
      field('不合格', h('input', { name: 'rejected', inputmode: 'numeric', autocomplete: 'off', placeholder: '0' })),
      field('不合格原因', h('input', { name: 'reason', list: 'reject-reasons', maxlength: 200, placeholder: '例如 包装破损' })),
    ),
  );
  const form = h(
    'form',
    { id: 'inspect-form', novalidate: true },
    reasons,
    h('div', { className: 'goods-lines' }, rows),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '提交验收')),
  );
  form.addEventListener('input', () => {
    key = newKey();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const out = inspectedItems(
      open,
      rows.map((row) => read(row, ['accepted', 'rejected', 'reason'] as const)),
    );
    if (typeof out === 'string') return say(msg, out);
    void busy(submitButton(form), () =>
      send('POST', '/api/staff/in-kind-donations/{id}/inspections', { params: { id: p.id }, body: { items: out }, key }).then(
        () => {
          toast('验收已记录，合格物资已入库', 'ok');
          void reload();
        },
        (error: unknown) => {
          say(msg, problem(error));
        },
      ),
    );
  });
  return panel('验收到货', 'inspect-panel', h('p', { className: 'muted' }, '按本次实际到货填写；分批到货可多次验收。只有合格数量计入库存和公示。'), form, msg);
}

function editForm(p: Pledge, reload: () => unknown): HTMLElement {
  const msg = message('edit-message');
  const open = outstanding(p);
  const rows = open.map((l) => {
    const inspected = l.acceptedQuantity + l.rejectedQuantity;
    return h(
      'div',
      { className: 'goods-line', dataset: { item: l.itemCode } },
      h(
        'div',
        { className: 'goods-line-title' },
        h('strong', null, l.name),
        inspected ? h('span', { className: 'muted small' }, `已验收 ${qty(inspected, l.unit)}`) : null,
      ),
      field('认捐数量', h('input', { name: 'quantity', inputmode: 'numeric', value: String(l.quantity), autocomplete: 'off' })),
      field('申报价值（元）', h('input', { name: 'valuation', inputmode: 'decimal', value: valuationInput(l.valuationFen), autocomplete: 'off' })),
      field('规格', h('input', { name: 'spec', maxlength: 200, value: l.spec || '' })),
      field('批号', h('input', { name: 'batch', maxlength: 64, value: l.batch || '' })),
      field('有效期至', h('input', { name: 'expiresAt', type: 'date', value: l.expiresAt || '' })),
    );
  });
  const reason = h('input', { name: 'reason', maxlength: 200, placeholder: '修改原因（选填）', className: 'reason-input' });
  const form = h(
    'form',
    { id: 'edit-form', novalidate: true },
    h('div', { className: 'goods-lines' }, rows),
    h('div', { className: 'inline-form' }, reason, h('button', { type: 'submit', className: 'btn btn-primary' }, '保存修改')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = lineChanges(
      open,
      rows.map((row) => read(row, ['quantity', 'valuation', 'spec', 'batch', 'expiresAt'] as const)),
    );
    if (typeof changes === 'string') return say(msg, changes);
    const body: Edit = { items: changes };
    if (reason.value.trim()) body.reason = reason.value.trim();
    void busy(submitButton(form), () =>
      api('PATCH', '/api/staff/in-kind-donations/{id}', { params: { id: p.id }, body }).then(
        () => {
          toast('认捐已修改', 'ok');
          void reload();
        },
        (error: unknown) => {
          say(msg, problem(error));
        },
      ),
    );
  });
  return h('details', { className: 'add-box', id: 'edit-box' }, h('summary', null, '修改认捐'), form, msg);
}

function cancelForm(p: Pledge, reload: () => unknown): HTMLElement {
  const msg = message('cancel-message');
  const reason = h('input', { name: 'reason', maxlength: 200, required: true, placeholder: '取消原因（必填）', className: 'reason-input' });
  const form = h(
    'form',
    { id: 'cancel-form', className: 'inline-form', novalidate: true },
    reason,
    h('button', { type: 'submit', className: 'btn btn-danger' }, '确认取消剩余'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!reason.value.trim()) return say(msg, '请填写取消原因。');
    void busy(submitButton(form, 'button'), () =>
      api('POST', '/api/staff/in-kind-donations/{id}/cancel', { params: { id: p.id }, body: { reason: reason.value.trim() } }).then(
        () => {
          toast('已取消未到货部分', 'ok');
          void reload();
        },
        (error: unknown) => {
          say(msg, problem(error));
        },
      ),
    );
  });
  return h('details', { className: 'add-box', id: 'cancel-box' }, h('summary', null, '取消剩余认捐'), h('p', { className: 'muted' }, cancelNote(p)), form, msg);
}

function receiptForm(p: Pledge): HTMLElement {
  const msg = message('receipt-message');
  const form = h(
    'form',
    { id: 'goods-receipt-form', className: 'grid-form', novalidate: true },
    field(
      '捐赠方类型',
      h(
        'select',
        { name: 'donorType' },
        h('option', { value: 'organization', selected: p.donor.donorType === 'organization' }, '单位'),
        h('option', { value: 'individual', selected: p.donor.donorType === 'individual' }, '个人'),
      ),
    ),
    field('捐赠方名称', h('input', { name: 'name', maxlength: 100, value: p.donor.name })),
    field('统一社会信用代码 / 身份证号', h('input', { name: 'idCode', maxlength: 32, autocomplete: 'off' })),
    field('票据抬头', h('input', { name: 'invoiceTitle', maxlength: 100, value: p.donor.name })),
    field('手机号', h('input', { name: 'phone', inputmode: 'tel', maxlength: 20, autocomplete: 'off' })),
    field('电子邮箱', h('input', { name: 'email', type: 'email', maxlength: 254, autocomplete: 'off' })),
    field('邮寄地址（选填）', h('input', { name: 'mailingAddress', maxlength: 300, autocomplete: 'off' })),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '申请捐赠证明/票据')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = receiptRequest(read(form, ['donorType', 'name', 'idCode', 'invoiceTitle', 'phone', 'email', 'mailingAddress'] as const));
    if (typeof body === 'string') return say(msg, body);
    void busy(submitButton(form, 'button'), () =>
      api('POST', '/api/staff/in-kind-donations/{id}/receipt-requests', { params: { id: p.id }, body }).then(
        (r) => {
          say(msg, `已提交票据申请（${yuan(r.amountFen)}），开具后将发送至 ${maskEmail(body.email)}。`, 'ok');
          form.hidden = true;
        },
        (error: unknown) => {
          say(msg, problem(error));
        },
      ),
    );
  });
  return panel(
    '捐赠证明/票据',
    'goods-receipt-panel',
    h('p', { className: 'muted' }, `按合格物资的申报价值 ${p.acceptedValueYuan} 元开具，与现金捐赠同一编号序列。`),
    form,
    msg,
  );
}

function lineRow(l: PledgeLine): HTMLElement {
  return h(
    'tr',
    { dataset: { item: l.itemCode } },
    h('td', null, h('strong', null, l.name)),
    h('td', { className: 'wrap' }, [l.spec, l.batch ? `批号 ${l.batch}` : null].filter(Boolean).join(' · ') || '—'),
    h('td', null, l.expiresAt || '—', l.expired ? h('span', { className: 'tag tag-warn' }, '已过期') : null),
    h('td', { className: 'num' }, qty(l.quantity, l.unit)),
    h('td', { className: 'num' }, String(l.acceptedQuantity)),
    h('td', { className: 'num' }, String(l.rejectedQuantity)),
    h('td', { className: 'num' }, String(l.cancelledQuantity)),
    h('td', { className: 'num outstanding' }, String(l.outstandingQuantity)),
    h('td', { className: 'num' }, l.valuationFen === null ? '—' : yuan(l.valuationFen)),
  );
}

function historyRows(p: Pledge): HTMLElement[] {
  const rows: HTMLElement[] = [];
  p.inspections.forEach((i) =>
    i.items.forEach((l) => {
      const item = p.items.filter((x) => x.itemCode === l.itemCode)[0];
      rows.push(
        h(
          'tr',
          null,
          h('td', null, time(i.inspectedAt)),
          h('td', null, item ? item.name : l.itemCode),
          h('td', { className: 'num' }, String(l.acceptedQuantity)),
          h('td', { className: 'num' }, String(l.rejectedQuantity)),
          h('td', { className: 'wrap' }, l.reason || '—'),
        ),
      );
    }),
  );
  return rows;
}

export function pledgeDetail(el: HTMLElement, code: string, id: string): Promise<void> {
  const box = h('div', { id: 'pledge-detail' }, h('p', { className: 'muted' }, '正在加载…'));
  el.appendChild(h('p', null, h('a', { href: link('goods', { tab: 'pledges', campaign: code }) }, '← 返回认捐列表')));
  el.appendChild(box);
  const reload = (): Promise<void> =>
    api('GET', '/api/staff/in-kind-donations/{id}', { params: { id } }).then((p) => {
      if (!shell.current()) return;
      box.dataset.status = p.status;
      const summary = facts([
        ['捐赠方', `${p.donor.name}（${DONOR_TYPE[p.donor.donorType]}）`],
        ['联系电话', p.donor.phone],
        ['状态', statusBadge(p)],
        ['登记时间', time(p.createdAt)],
        ['首次到货', p.firstReceivedAt ? time(p.firstReceivedAt) : null],
        ['合格物资价值', p.acceptedValueFen ? yuan(p.acceptedValueFen) : null],
        ['取消', p.cancelled ? `${time(p.cancelled.at)}：${p.cancelled.reason}` : null],
        ['备注', p.note],
      ]);
      const lines = table(['物资', '规格 / 批号', '有效期', '认捐', '合格', '不合格', '已取消', '待到货', '申报价值'], p.items.map(lineRow));
      const history = table(['验收时间', '物资', '合格', '不合格', '原因'], historyRows(p), '还没有验收记录。');
      const writable = canGoods() && !p.cancelled && p.outstandingQuantity > 0;
      fill(
        box,
        panel('认捐详情', null, summary, lines, writable ? h('div', { className: 'actions' }, editForm(p, reload), cancelForm(p, reload)) : null),
        writable ? inspectForm(p, reload) : null,
        p.receiptEligible && (canFinance() || canGoods()) ? receiptForm(p) : null,
        panel('验收记录', 'inspection-history', history),
      );
    });
  return reload();
}
