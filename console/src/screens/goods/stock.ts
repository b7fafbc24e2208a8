// Goods, stock: on hand per item (checked against its movements), the movements behind it, and adjustments
// (a count, damage in store) by warehouse staff and admins.
import { api, errorText, type ResponseOf } from '../../api';
import { alert, busy, field, fill, h, table } from '../../dom';
import { link, time } from '../../format';
import { shell } from '../../shell';
import { canGoods, control, itemSelect, items, message, MOVE_KIND, panel, problem, qty, say, submitButton, valueOf } from './shared';

type Movement = ResponseOf<'GET', '/api/staff/in-kind/stock/movements'>['items'][number];
type StockLine = ResponseOf<'GET', '/api/staff/in-kind/stock'>['items'][number];

/** An adjustment's quantity: a signed whole number; 0 when it is not one (the form then asks again). */
export function adjustment(text: string): number {
  const t = text.trim();
  return /^[-+]?\d{1,9}$/.test(t) ? Number(t) : 0;
}

/** A movement's quantity with its sign and unit: "+500 只", "-20 只". */
export function signedQuantity(m: Pick<Movement, 'quantity' | 'unit'>): string {
  return `${m.quantity > 0 ? '+' : ''}${m.quantity} ${m.unit}`;
}

/** The line under the stock table: whether the stock agrees with its movements. */
export function stockCheck(consistent: boolean): { text: string; className: string } {
  return consistent
    ? { text: '✓ 库存与出入库流水逐项核对一致。', className: 'small amount-ok' }
    : { text: '⚠ 库存与流水不一致，请联系管理员核查。', className: 'small amount-bad' };
}

/** Where a movement came from or went: the pledge (a link), the recipient, or the adjustment's reason. */
export function movementSource(m: Movement, code: string): HTMLElement | string {
  if (m.kind === 'received' && m.inKindDonationId)
    return h('a', { href: link('goods', { tab: 'pledges', campaign: code, id: m.inKindDonationId }) }, '查看认捐');
  if (m.kind === 'distributed') return `发往 ${m.recipient || '—'}`;
  return m.reason || '—';
}

function movementRow(m: Movement, code: string): HTMLElement {
  return h(
    'tr',
    { dataset: { kind: m.kind } },
    h('td', null, time(m.createdAt)),
    h('td', null, m.name),
    h('td', null, MOVE_KIND[m.kind] || m.kind),
    h('td', { className: 'num' }, signedQuantity(m)),
    h('td', { className: 'wrap' }, movementSource(m, code)),
    h('td', { className: 'small' }, m.actorEmail || '—'),
  );
}

function stockRow(s: StockLine, code: string, selected: string | undefined): HTMLElement {
  return h(
    'tr',
    { dataset: { item: s.itemCode }, className: selected === s.itemCode ? 'is-selected' : null },
    h('td', null, h('strong', null, s.name)),
    h('td', null, s.category),
    h('td', { className: 'num' }, qty(s.receivedQuantity, s.unit)),
    h('td', { className: 'num' }, qty(s.distributedQuantity, s.unit)),
    h('td', { className: 'num' }, String(s.adjustedQuantity)),
    h('td', { className: 'num on-hand' }, h('strong', null, qty(s.onHandQuantity, s.unit))),
    h('td', null, h('a', { className: 'btn btn-ghost btn-small', href: link('goods', { tab: 'stock', campaign: code, item: s.itemCode }) }, '查看流水')),
  );
}

export function stockPage(el: HTMLElement, code: string, params: Record<string, string>): Promise<void> {
  const stock = h('div', { id: 'stock-table' }, h('p', { className: 'muted' }, '正在加载…'));
  const check = h('p', { id: 'stock-check', className: 'muted small' });
  const moves = h('div', { id: 'movement-list' }, h('p', { className: 'muted' }, '正在加载…'));
  let adjust: HTMLFormElement | null = null;
  const load = (): Promise<void> => {
    void api('GET', '/api/staff/in-kind/stock/reconciliation', { query: { campaignCode: code } }).then(
      (r) => {
        const c = stockCheck(r.consistent);
        check.textContent = c.text;
        check.className = c.className;
      },
      () => undefined,
    );
    void api('GET', '/api/staff/in-kind/stock/movements', { query: { campaignCode: code, itemCode: params.item, limit: 200 } }).then(
      (res) => {
        fill(
          moves,
          table(
            ['时间', '物资', '类型', '数量', '来源 / 原因', '操作人'],
            res.items.map((m) => movementRow(m, code)),
            '还没有出入库记录。',
          ),
        );
      },
      (error: unknown) => {
        fill(moves, alert(errorText(error)));
      },
    );
    return api('GET', '/api/staff/in-kind/stock', { query: { campaignCode: code } }).then(
      (res) => {
        fill(
          stock,
          table(
            ['物资', '类别', '验收入库', '已发放', '调整', '现有库存', ''],
            res.items.map((s) => stockRow(s, code, params.item)),
            '还没有入库的物资。',
          ),
        );
      },
      (error: unknown) => {
        fill(stock, alert(errorText(error)));
      },
    );
  };
  return items().then((c) => {
    if (!shell.current()) return;
    if (canGoods()) {
      const msg = message('adjust-message');
      msg.className += ' form-wide';
      const f = h(
        'form',
        { id: 'adjust-form', className: 'grid-form', novalidate: true },
        field('物资', itemSelect(c.list, 'itemCode', params.item)),
        field('调整数量', h('input', { name: 'quantity', inputmode: 'numeric', autocomplete: 'off', placeholder: '盘亏填负数，如 -20' })),
        field('原因', h('input', { name: 'reason', maxlength: 200, placeholder: '例如 仓库盘点：20只受潮' })),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记调整')),
        msg,
      );
      f.addEventListener('submit', (event) => {
        event.preventDefault();
        const n = adjustment(control(f, 'quantity').value);
        const itemCode = control(f, 'itemCode').value;
        if (!itemCode || !n) return say(msg, '请选择物资，并填写非零的整数调整数量。');
        if (!valueOf(f, 'reason')) return say(msg, '请填写调整原因。');
        const body = { campaignCode: code, itemCode, quantity: n, reason: valueOf(f, 'reason') };
        void busy(submitButton(f, 'button'), () =>
          api('POST', '/api/staff/in-kind/adjustments', { body }).then(
            (s) => {
              say(msg, `已调整：${s.name} 现有 ${qty(s.onHandQuantity, s.unit)}。`, 'ok');
              control(f, 'quantity').value = '';
              control(f, 'reason').value = '';
              void load();
            },
            (error: unknown) => {
              say(msg, problem(error, c.byCode));
            },
          ),
        );
      });
      adjust = f;
    }
    const title = params.item && c.byCode[params.item] ? `出入库流水：${c.byCode[params.item].name}` : '出入库流水（全部物资）';
    el.appendChild(panel('库存', null, h('p', { className: 'muted' }, '库存由每一笔入库、发放和调整流水累计得出，可随时重算核对。'), stock, check));
    if (adjust) el.appendChild(h('details', { className: 'add-box panel', id: 'adjust-box' }, h('summary', null, '库存调整（盘点、损耗）'), adjust));
    el.appendChild(
      panel(
        title,
        'movements-panel',
        params.item ? h('p', null, h('a', { href: link('goods', { tab: 'stock', campaign: code }) }, '显示全部物资')) : null,
        moves,
      ),
    );
    return load();
  });
}
