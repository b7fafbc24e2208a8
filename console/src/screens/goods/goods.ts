// Goods (物资): the screen with its tabs, and the catalogue. The other tabs are pledges.ts (list and new
// pledge), pledge-detail.ts (inspection, edit, cancel, goods receipt), stock.ts and distributions.ts.
import { api, errorText, type BodyOf } from '../../api';
import { alert, busy, field, fill, h, table } from '../../dom';
import { link } from '../../format';
import { campaignSelect } from '../../jobs';
import { campaigns, register, shell } from '../../shell';
import { distributionsPage } from './distributions';
import { pledgeDetail } from './pledge-detail';
import { pledgeList } from './pledges';
import { canGoods, forgetCatalogue, items, message, panel, say, submitButton, valueOf } from './shared';
import { stockPage } from './stock';

export const TABS: [string, string][] = [
  ['pledges', '认捐与验收'],
  ['stock', '库存'],
  ['distributions', '发放'],
  ['catalogue', '物资目录'],
];

type NewItem = BodyOf<'POST', '/api/staff/in-kind/items'>;
export const CATEGORIES: NewItem['category'][] = ['防护类', '消毒类', '诊断类', '其他'];

/** The tab a route asks for; anything unknown is the pledges. */
export function tabOf(requested: string | undefined): string {
  return TABS.some((t) => t[0] === requested) ? (requested as string) : 'pledges';
}

function cataloguePage(el: HTMLElement): void {
  const list = h('div', { id: 'catalogue-list' }, h('p', { className: 'muted' }, '正在加载…'));
  const msg = message('item-message');
  const load = (): Promise<void> => {
    forgetCatalogue();
    return items().then((c) => {
      fill(
        list,
        table(
          ['物资', '类别', '单位', '医用标准', '代码'],
          c.list.map((i) =>
            h(
              'tr',
              null,
              h('td', { className: 'wrap' }, h('strong', null, i.name), i.note ? h('div', { className: 'muted small' }, i.note) : null),
              h('td', null, i.category),
              h('td', null, i.unit),
              h('td', null, i.standard || '—'),
              h('td', { className: 'mono small' }, i.code),
            ),
          ),
        ),
      );
    });
  };
  let form: HTMLFormElement | null = null;
  if (canGoods()) {
    const f = h(
      'form',
      { id: 'item-form', className: 'grid-form', novalidate: true },
      field('物资名称', h('input', { name: 'name', required: true, maxlength: 60, placeholder: '例如 隔离衣' })),
      field('代码', h('input', { name: 'code', required: true, maxlength: 63, placeholder: 'isolation-gown' }), '小写字母、数字和连字符'),
      field(
        '类别',
        h(
          'select',
          { name: 'category' },
          CATEGORIES.map((c) => h('option', { value: c }, c)),
        ),
      ),
      field('计量单位', h('input', { name: 'unit', required: true, maxlength: 8, placeholder: '件' })),
      field('医用标准（选填）', h('input', { name: 'standard', maxlength: 200, placeholder: '例如 YY/T 1499-2016' })),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '新增物资')),
    );
    f.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!valueOf(f, 'name') || !valueOf(f, 'code') || !valueOf(f, 'unit')) return say(msg, '请填写物资名称、代码和计量单位。');
      const body: NewItem = {
        code: valueOf(f, 'code'),
        name: valueOf(f, 'name'),
        // The select offers only the document's categories.
        category: valueOf(f, 'category') as NewItem['category'],
        unit: valueOf(f, 'unit'),
      };
      if (valueOf(f, 'standard')) body.standard = valueOf(f, 'standard');
      void busy(submitButton(f, 'button'), () =>
        api('POST', '/api/staff/in-kind/items', { body }).then(
          (item) => {
            say(msg, `已将「${item.name}」加入物资目录。`, 'ok');
            f.reset();
            void load();
          },
          (error: unknown) => {
            say(msg, errorText(error));
          },
        ),
      );
    });
    form = f;
  }
  load().catch((error: unknown) => {
    fill(list, alert(errorText(error)));
  });
  el.appendChild(
    panel(
      '物资目录',
      null,
      h('p', { className: 'muted' }, '每种物资按固定单位计数；医用标准是验收时判断是否合格的依据。'),
      form ? h('details', { className: 'add-box' }, h('summary', null, '新增物资'), form, msg) : null,
      list,
    ),
  );
}

export function registerGoods(): void {
  register('goods', {
    title: '物资',
    roles: ['warehouse', 'finance', 'auditor'],
    render(el, params) {
      const tab = tabOf(params.tab);
      const picker = campaignSelect(campaigns, 'campaignCode', false, params.campaign);
      picker.id = 'goods-campaign';
      picker.addEventListener('change', () => {
        location.hash = link('goods', { tab, campaign: picker.value });
      });
      fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '物资'),
          h('p', { className: 'muted' }, canGoods() ? '登记认捐、验收入库、发放物资。' : '只读：可查看认捐、库存和发放记录。'),
        ),
        h(
          'nav',
          { className: 'tabs', id: 'goods-tabs', 'aria-label': '物资' },
          TABS.map((t) =>
            h(
              'a',
              {
                className: `tab${t[0] === tab ? ' active' : ''}`,
                href: link('goods', { tab: t[0], campaign: params.campaign }),
                'aria-current': t[0] === tab ? 'page' : null,
                dataset: { tab: t[0] },
              },
              t[1],
            ),
          ),
        ),
        tab === 'catalogue' ? null : h('div', { className: 'toolbar' }, field('活动', picker)),
      );
      if (tab === 'catalogue') return cataloguePage(el);
      if (!params.campaign) {
        return campaigns().then((list) => {
          if (!shell.current()) return;
          if (list.length) location.replace(link('goods', { tab, campaign: list[0].code }));
          else el.appendChild(h('p', { className: 'empty' }, '还没有募捐活动。'));
        });
      }
      if (tab === 'stock') return stockPage(el, params.campaign, params);
      if (tab === 'distributions') return distributionsPage(el, params.campaign);
      return params.id ? pledgeDetail(el, params.campaign, params.id) : pledgeList(el, params.campaign, params);
    },
  });
}
