// What the goods screens share (the tabs: goods.ts; pledges: pledges.ts, pledge-detail.ts; stock: stock.ts;
// distributions: distributions.ts): the catalogue, the idempotent write, refusals in words, labels, small widgets.
// Warehouse and admin change goods; finance and auditors read.
import { api, errorText, type ApiPath, type CallOptions, type MethodOf, type ResponseOf } from '../../api';
import { alert, fill, h, type Child } from '../../dom';
import { shell } from '../../shell';

export type CatalogueItem = ResponseOf<'GET', '/api/in-kind/items'>['items'][number];
export type Pledge = ResponseOf<'GET', '/api/staff/in-kind-donations/{id}'>;
export type PledgeLine = Pledge['items'][number];

export interface Catalogue {
  list: CatalogueItem[];
  byCode: Record<string, CatalogueItem>;
}

export const PLEDGE_STATUS: Record<string, string> = { pledged: '待到货', received: '已到货', cancelled: '已取消' };
export const DONOR_TYPE: Record<string, string> = { organization: '单位', individual: '个人' };
export const MOVE_KIND: Record<string, string> = { received: '验收入库', distributed: '发放出库', adjusted: '库存调整' };
export const REJECT_REASONS = ['不符合医用标准', '包装破损', '已过期', '非医用级', '规格不符'];

export function canGoods(): boolean {
  return !!shell.me && (shell.me.role === 'admin' || shell.me.role === 'warehouse');
}

let catalogue: Promise<Catalogue> | null = null;

/** The catalogue, fetched once per page: the list and code → item. */
export function items(): Promise<Catalogue> {
  if (!catalogue) {
    catalogue = api('GET', '/api/in-kind/items').then(
      (res) => {
        const byCode: Record<string, CatalogueItem> = {};
        (res.items || []).forEach((i) => (byCode[i.code] = i));
        return { list: res.items || [], byCode };
      },
      (error: unknown) => {
        catalogue = null;
        throw error;
      },
    );
  }
  return catalogue;
}

/** The next items() asks the server again (after an item was added). */
export function forgetCatalogue(): void {
  catalogue = null;
}

/** A key for one form: a retry or a double click of the same submission writes once. */
export function newKey(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  return `console-${Array.from(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('')}`;
}

/** Like api(), with an optional Idempotency-Key (the pledge, inspection and distribution writes). */
export function send<P extends ApiPath, M extends MethodOf<P>>(method: M, path: P, options: CallOptions<M, P> & { key?: string }): Promise<ResponseOf<M, P>> {
  // refused() keeps the body's details (item, requested and available quantities) for problem().
  return api(method, path, { ...options, idempotencyKey: options.key });
}

interface ProblemDetails {
  itemCode?: string;
  requestedQuantity?: number;
  availableQuantity?: number;
  inspectedQuantity?: number;
}

/** A refusal in words; for short stock, which item, how many were asked for and how many there are. */
export function problem(error: unknown, byCode?: Record<string, CatalogueItem>): string {
  const e = error as { code?: string; message?: string; details?: ProblemDetails } | null | undefined;
  const d = e && e.details;
  const item = d && d.itemCode && byCode ? byCode[d.itemCode] : undefined;
  const name = item ? item.name : d && d.itemCode;
  const unit = item ? item.unit : '';
  if (e && e.code === 'INSUFFICIENT_STOCK' && d) {
    return `库存不足：${name} 需要 ${d.requestedQuantity}${unit}，现有 ${d.availableQuantity}${unit}。本次发放未执行，没有任何物资出库，请调整数量后再提交。`;
  }
  if (e && e.code === 'QUANTITY_BELOW_INSPECTED' && d) return `${name} 已验收 ${d.inspectedQuantity}，认捐数量不能少于已验收数量。`;
  if (e && e.code === 'RECEIPT_ALREADY_REQUESTED') return e.message || '该捐赠已申请过票据。';
  return errorText(error);
}

/** 1000, "只" → "1,000 只"; not a number → "—". */
export function qty(n: unknown, unit?: string | null): string {
  return (typeof n === 'number' ? n.toLocaleString('zh-CN') : '—') + (unit ? ` ${unit}` : '');
}

/** "120" → 120; null unless it is 1 to 9 digits (no sign, no decimals). */
export function wholeNumber(text: string | null | undefined): number | null {
  const t = String(text || '').trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** A pledge's badge: its class and text (partly arrived, remainder cancelled). */
export function pledgeStatus(p: Pick<Pledge, 'status' | 'complete' | 'cancelled'>): { className: string; text: string } {
  const className = p.status === 'cancelled' ? 'badge-voided' : p.status === 'received' && p.complete ? 'badge-paid' : 'badge-pending';
  let text = PLEDGE_STATUS[p.status] || p.status;
  if (p.status === 'received' && !p.complete) text = '部分到货';
  if (p.status === 'received' && p.cancelled) text = '已到货（余量取消）';
  return { className, text };
}

export function statusBadge(p: Pick<Pledge, 'status' | 'complete' | 'cancelled'>): HTMLElement {
  const s = pledgeStatus(p);
  return h('span', { className: `badge ${s.className}` }, s.text);
}

export function itemSelect(list: CatalogueItem[], name?: string, selected?: string): HTMLSelectElement {
  return h(
    'select',
    { name: name || 'itemCode', required: true },
    h('option', { value: '' }, '请选择物资'),
    list.map((i) => h('option', { value: i.code, selected: i.code === selected }, `${i.name}（${i.unit}）`)),
  );
}

export function message(id: string): HTMLElement {
  return h('div', { className: 'form-message', id });
}

export function say(el: HTMLElement, text: string, kind?: string): void {
  fill(el, alert(text, kind));
}

export function panel(title: string, id: string | null, ...rest: Child[]): HTMLElement {
  return h('section', { className: 'panel', id: id || null }, h('h2', null, title), rest);
}

/** The trimmed value of a named control inside `root` (a form, or one line of it). */
export function valueOf(root: ParentNode, name: string): string {
  return control(root, name).value.trim();
}

/** A named control inside `root`; the forms here are built with it, so it is there. */
export function control(root: ParentNode, name: string): HTMLInputElement {
  return root.querySelector(`[name=${name}]`) as HTMLInputElement;
}

/** The first submit button of a form (the one busy() disables). */
export function submitButton(form: HTMLFormElement, selector = 'button[type=submit]'): HTMLButtonElement {
  return form.querySelector(selector) as HTMLButtonElement;
}
