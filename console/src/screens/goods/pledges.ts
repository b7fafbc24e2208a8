// Goods, pledges: the list of a campaign's pledges and the form for a new one with its lines.
import { api, type BodyOf } from '../../api';
import { busy, field, fill, h, table, toast } from '../../dom';
import { link, parseYuan, time } from '../../format';
import { shell } from '../../shell';
import {
  canGoods,
  DONOR_TYPE,
  itemSelect,
  items,
  message,
  newKey,
  panel,
  problem,
  qty,
  say,
  send,
  statusBadge,
  submitButton,
  valueOf,
  wholeNumber,
  type CatalogueItem,
  type Pledge,
} from './shared';

type NewPledge = BodyOf<'POST', '/api/staff/in-kind-donations'>;
export type PledgedLine = NewPledge['items'][number];

/** What one line of the new-pledge form holds, as typed. */
export interface LineValues {
  itemCode: string;
  quantity: string;
  valuation: string;
  spec: string;
  batch: string;
  expiresAt: string;
}

const LINE_FIELDS: (keyof LineValues)[] = ['itemCode', 'quantity', 'valuation', 'spec', 'batch', 'expiresAt'];

/** One line as the API wants it (the declared value in fen), or a message saying what is wrong with it. */
export function pledgedLine(v: LineValues, index: number): PledgedLine | string {
  const n = index + 1;
  if (!v.itemCode) return `第 ${n} 行：请选择物资。`;
  const quantity = wholeNumber(v.quantity);
  if (!quantity) return `第 ${n} 行：数量须为正整数。`;
  const line: PledgedLine = { itemCode: v.itemCode, quantity };
  if (v.valuation) {
    const fen = parseYuan(v.valuation);
    if (fen === null) return `第 ${n} 行：申报价值须为元金额，最多两位小数。`;
    line.valuationFen = fen;
  }
  if (v.spec) line.spec = v.spec;
  if (v.batch) line.batch = v.batch;
  if (v.expiresAt) line.expiresAt = v.expiresAt;
  return line;
}

/** The list's filter as query parameters: "open" is what still has something outstanding. */
export function pledgeListQuery(code: string, filter: string | undefined): Record<string, string | undefined> {
  return {
    campaignCode: code,
    outstanding: filter === 'open' ? 'true' : undefined,
    status: filter && filter !== 'open' ? filter : undefined,
  };
}

export const PLEDGE_FILTERS: [string, string][] = [
  ['', '全部'],
  ['open', '尚有待到货'],
  ['pledged', '待到货'],
  ['received', '已到货'],
  ['cancelled', '已取消'],
];

function lineEditor(list: CatalogueItem[]): { el: HTMLElement; read: () => PledgedLine[] | string } {
  const rows = h('div', { className: 'goods-lines' });
  const addRow = (): void => {
    const remove = h('button', { type: 'button', className: 'btn btn-ghost btn-small' }, '删除此行');
    const row = h(
      'div',
      { className: 'goods-line' },
      field('物资', itemSelect(list)),
      field('数量', h('input', { name: 'quantity', inputmode: 'numeric', required: true, autocomplete: 'off' })),
      field('申报价值（元，选填）', h('input', { name: 'valuation', inputmode: 'decimal', autocomplete: 'off' })),
      field('规格（选填）', h('input', { name: 'spec', maxlength: 200 })),
      field('批号（选填）', h('input', { name: 'batch', maxlength: 64 })),
      field('有效期至（选填）', h('input', { name: 'expiresAt', type: 'date' })),
      h('div', { className: 'goods-line-actions' }, remove),
    );
    remove.addEventListener('click', () => {
      if (rows.children.length > 1) rows.removeChild(row);
    });
    rows.appendChild(row);
  };
  addRow();
  const add = h('button', { type: 'button', className: 'btn btn-ghost', id: 'add-line' }, '添加物资');
  add.addEventListener('click', addRow);
  return {
    el: h('div', { className: 'goods-lines-box' }, rows, add),
    /** The lines as the API wants them, or a message saying what is wrong. */
    read() {
      const out: PledgedLine[] = [];
      for (let i = 0; i < rows.children.length; i++) {
        const row = rows.children[i];
        const values = {} as LineValues;
        LINE_FIELDS.forEach((name) => (values[name] = valueOf(row, name)));
        const line = pledgedLine(values, i);
        if (typeof line === 'string') return line;
        out.push(line);
      }
      return out;
    },
  };
}

function pledgeForm(code: string, list: CatalogueItem[], onDone: (p: Pledge) => void): HTMLElement {
  const msg = message('pledge-message');
  const lines = lineEditor(list);
  let key = newKey();
  const form = h(
    'form',
    { id: 'pledge-form', className: 'grid-form', novalidate: true },
    field('捐赠方名称', h('input', { name: 'donorName', required: true, maxlength: 100, placeholder: '例如 武汉某医疗器械有限公司' })),
    field('捐赠方类型', h('select', { name: 'donorType' }, h('option', { value: 'organization' }, '单位'), h('option', { value: 'individual' }, '个人'))),
    field('联系电话（选填）', h('input', { name: 'phone', inputmode: 'tel', maxlength: 20, autocomplete: 'off' }), '加密保存，只显示部分号码'),
    field('备注（选填）', h('input', { name: 'note', maxlength: 500 })),
    h('div', { className: 'form-wide' }, h('h3', null, '认捐物资'), lines.el),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '提交认捐')),
  );
  form.addEventListener('input', () => {
    key = newKey(); // a changed form is a new request
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!valueOf(form, 'donorName')) return say(msg, '请填写捐赠方名称。');
    const read = lines.read();
    if (typeof read === 'string') return say(msg, read);
    const body: NewPledge = {
      campaignCode: code,
      // The select offers only the document's two donor types.
      donor: { name: valueOf(form, 'donorName'), donorType: valueOf(form, 'donorType') as NewPledge['donor']['donorType'] },
      items: read,
    };
    if (valueOf(form, 'phone')) body.donor.phone = valueOf(form, 'phone');
    if (valueOf(form, 'note')) body.note = valueOf(form, 'note');
    void busy(submitButton(form), () =>
      send('POST', '/api/staff/in-kind-donations', { body, key }).then(
        (p) => {
          toast(`已登记认捐：${p.donor.name}`, 'ok');
          onDone(p);
        },
        (error: unknown) => {
          say(msg, problem(error));
        },
      ),
    );
  });
  return h('details', { className: 'add-box', id: 'pledge-new' }, h('summary', null, '登记认捐'), form, msg);
}

function pledgeRow(p: Pledge, code: string): HTMLElement {
  return h(
    'tr',
    { dataset: { id: p.id } },
    h('td', null, time(p.createdAt)),
    h(
      'td',
      { className: 'wrap' },
      h('strong', null, p.donor.name),
      h('div', { className: 'muted small' }, DONOR_TYPE[p.donor.donorType] + (p.donor.phone ? ` · ${p.donor.phone}` : '')),
    ),
    h('td', { className: 'wrap' }, p.items.map((l) => l.name).join('、')),
    h('td', { className: 'wrap' }, p.items.map((l) => `${l.name} ${qty(l.quantity, l.unit)}`).join('；')),
    h('td', { className: 'num' }, p.outstandingQuantity ? h('strong', null, String(p.outstandingQuantity)) : '0'),
    h('td', null, statusBadge(p)),
    h('td', null, h('a', { className: 'btn btn-ghost btn-small', href: link('goods', { tab: 'pledges', campaign: code, id: p.id }) }, '查看')),
  );
}

export function pledgeList(el: HTMLElement, code: string, params: Record<string, string>): Promise<void> {
  const filter = h(
    'select',
    { name: 'filter', id: 'pledge-filter' },
    PLEDGE_FILTERS.map((o) => h('option', { value: o[0], selected: (params.filter || '') === o[0] }, o[1])),
  );
  filter.addEventListener('change', () => {
    location.hash = link('goods', { tab: 'pledges', campaign: code, filter: filter.value });
  });
  const list = h('div', { id: 'pledge-list' }, h('p', { className: 'muted' }, '正在加载…'));
  return items().then((c) => {
    if (!shell.current()) return;
    if (canGoods()) {
      el.appendChild(
        pledgeForm(code, c.list, (p) => {
          location.hash = link('goods', { tab: 'pledges', campaign: code, id: p.id });
        }),
      );
    }
    el.appendChild(panel('认捐记录', null, h('div', { className: 'toolbar' }, field('状态', filter)), list));
    return api('GET', '/api/staff/in-kind-donations', { query: pledgeListQuery(code, params.filter) }).then((res) => {
      fill(
        list,
        table(
          ['登记时间', '捐赠方', '物资', '认捐', '待到货', '状态', ''],
          (res.items || []).map((p) => pledgeRow(p, code)),
          '还没有认捐记录。',
        ),
      );
    });
  });
}
