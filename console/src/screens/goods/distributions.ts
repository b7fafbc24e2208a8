// Goods, distributions: who got what, each with its delivery note (交接单); warehouse staff and admins hand out
// goods from stock (all lines or none: short stock refuses the whole distribution).
import { api, errorText, type BodyOf, type ResponseOf } from '../../api';
import { alert, busy, field, fill, h, table, toast } from '../../dom';
import { fetchFile, saveBlob } from '../../files';
import { time } from '../../format';
import { shell } from '../../shell';
import { canGoods, control, items, message, newKey, panel, problem, qty, say, send, submitButton, valueOf, wholeNumber, type CatalogueItem } from './shared';

type Distribution = ResponseOf<'GET', '/api/staff/distributions'>['items'][number];
type StockLine = ResponseOf<'GET', '/api/staff/in-kind/stock'>['items'][number];
type NewDistribution = BodyOf<'POST', '/api/staff/distributions'>;
type DistributedLine = NewDistribution['items'][number];

/** An item of the picker, with what is on hand: "防护服（现有 200 套）". */
export function stockOption(s: Pick<StockLine, 'name' | 'onHandQuantity' | 'unit'>): string {
  return `${s.name}（现有 ${s.onHandQuantity} ${s.unit}）`;
}

/** What a distribution handed out: "医用防护口罩 300 只；防护服 150 套". */
export function distributedItems(d: Pick<Distribution, 'items'>): string {
  return d.items.map((i) => `${i.name} ${qty(i.quantity, i.unit)}`).join('；');
}

/** The form's lines (item code and quantity as typed) as the API wants them; empty lines are skipped. */
export function distributedLines(rows: { itemCode: string; quantity: string }[]): DistributedLine[] | string {
  const out: DistributedLine[] = [];
  for (let i = 0; i < rows.length; i++) {
    const itemCode = rows[i].itemCode;
    const n = wholeNumber(rows[i].quantity);
    if (!itemCode && !n) continue;
    if (!itemCode || !n) return `第 ${i + 1} 行：请选择物资并填写正整数数量。`;
    out.push({ itemCode, quantity: n });
  }
  if (!out.length) return '请至少填写一种物资。';
  return out;
}

function distributionRow(d: Distribution): HTMLElement {
  const download = h('button', { type: 'button', className: 'btn btn-ghost btn-small download-note' }, '下载交接单');
  download.addEventListener('click', () => {
    busy(download, () => fetchFile(d.deliveryNoteUrl, 'delivery-note.pdf').then((file) => saveBlob(file.blob, file.filename))).catch((error: unknown) => {
      toast(errorText(error), 'bad');
    });
  });
  return h(
    'tr',
    { dataset: { id: d.id } },
    h('td', null, time(d.createdAt)),
    h('td', { className: 'wrap' }, h('strong', null, d.recipient), d.note ? h('div', { className: 'muted small' }, d.note) : null),
    h('td', { className: 'wrap' }, distributedItems(d)),
    h('td', null, download),
  );
}

function distributionForm(code: string, inStock: StockLine[], byCode: Record<string, CatalogueItem>, onDone: () => unknown): HTMLElement {
  const msg = message('distribution-message');
  let key = newKey();
  const rows = h('div', { className: 'goods-lines' });
  const addRow = (): void => {
    const select = h(
      'select',
      { name: 'itemCode' },
      h('option', { value: '' }, '请选择物资'),
      inStock.map((s) => h('option', { value: s.itemCode }, stockOption(s))),
    );
    rows.appendChild(
      h('div', { className: 'goods-line' }, field('物资', select), field('数量', h('input', { name: 'quantity', inputmode: 'numeric', autocomplete: 'off' }))),
    );
  };
  addRow();
  /** After a distribution the pickers show what is left. */
  const refreshStock = (): void => {
    void api('GET', '/api/staff/in-kind/stock', { query: { campaignCode: code } }).then(
      (res) => {
        inStock = res.items;
        rows.querySelectorAll<HTMLOptionElement>('select[name=itemCode] option[value]').forEach((o) => {
          const s = res.items.filter((x) => x.itemCode === o.value)[0];
          if (s) o.textContent = stockOption(s);
        });
      },
      () => undefined,
    );
  };
  const add = h('button', { type: 'button', className: 'btn btn-ghost', id: 'add-distribution-line' }, '添加物资');
  add.addEventListener('click', addRow);
  const form = h(
    'form',
    { id: 'distribution-form', className: 'grid-form', novalidate: true },
    field('接收单位', h('input', { name: 'recipient', maxlength: 200, placeholder: '例如 武汉市金银潭医院' })),
    field('备注（选填）', h('input', { name: 'note', maxlength: 500 })),
    h('div', { className: 'form-wide' }, rows, add),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '确认发放')),
  );
  form.addEventListener('input', () => {
    key = newKey();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!valueOf(form, 'recipient')) return say(msg, '请填写接收单位。');
    const lines: { itemCode: string; quantity: string }[] = [];
    for (let i = 0; i < rows.children.length; i++) {
      lines.push({ itemCode: control(rows.children[i], 'itemCode').value, quantity: control(rows.children[i], 'quantity').value });
    }
    const out = distributedLines(lines);
    if (typeof out === 'string') return say(msg, out);
    const body: NewDistribution = { campaignCode: code, recipient: valueOf(form, 'recipient'), items: out };
    if (valueOf(form, 'note')) body.note = valueOf(form, 'note');
    void busy(submitButton(form), () =>
      send('POST', '/api/staff/distributions', { body, key }).then(
        (d) => {
          say(msg, `已发放给 ${d.recipient}，可在下方下载交接单。`, 'ok');
          key = newKey();
          refreshStock();
          void onDone();
        },
        (error: unknown) => {
          say(msg, problem(error, byCode));
        },
      ),
    );
  });
  return panel('新建发放', 'distribution-panel', inStock.length ? null : h('p', { className: 'muted' }, '当前没有库存物资。'), form, msg);
}

export function distributionsPage(el: HTMLElement, code: string): Promise<void> {
  const list = h('div', { id: 'distribution-list' }, h('p', { className: 'muted' }, '正在加载…'));
  const load = (): Promise<void> =>
    api('GET', '/api/staff/distributions', { query: { campaignCode: code } }).then(
      (res) => {
        fill(list, table(['时间', '接收单位', '物资', '交接单'], res.items.map(distributionRow), '还没有发放记录。'));
      },
      (error: unknown) => {
        fill(list, alert(errorText(error)));
      },
    );
  return Promise.all([items(), api('GET', '/api/staff/in-kind/stock', { query: { campaignCode: code } })]).then((r) => {
    if (!shell.current()) return;
    const c = r[0];
    const inStock = r[1].items.filter((s) => s.onHandQuantity > 0);
    if (canGoods()) el.appendChild(distributionForm(code, inStock, c.byCode, load));
    el.appendChild(panel('发放记录', null, list));
    return load();
  });
}
