// The overview: campaigns with their public totals, and what is waiting.
import { api } from '../api';
import { fill, h, table } from '../dom';
import { CAMPAIGN_STATUS, roleLabel, yuan } from '../format';
import { campaigns, register, shell } from '../shell';

/** How many a list answer counts: its `total`, else the items it holds. */
export function countOf(res: { total?: number; items?: unknown[] }): number {
  return typeof res.total === 'number' ? res.total : (res.items || []).length;
}

export function registerHome(): void {
  register('home', {
    title: '概览',
    roles: ['finance', 'warehouse', 'auditor'],
    render(el) {
      const me = shell.me;
      if (!me) return;
      const waiting = h('div', { className: 'stat-row' });
      const list = h('div', null, h('p', { className: 'muted' }, '正在加载…'));
      fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '概览'),
          h('p', { className: 'muted' }, `您好，${me.name || me.email}（${roleLabel(me.role)}）`),
        ),
        waiting,
        h('section', { className: 'panel' }, h('h2', null, '募捐活动'), list),
      );
      if (me.role !== 'warehouse') {
        void api('GET', '/api/staff/receipt-requests', { query: { status: 'pending_review' } }).then((res) => {
          const n = countOf(res);
          shell.setCount('queue', n);
          waiting.appendChild(
            h(
              'a',
              { className: 'stat stat-link', href: '#/queue' },
              h('span', { className: 'stat-value', id: 'home-waiting' }, String(n)),
              h('span', { className: 'stat-label' }, '份票据申请待审核'),
            ),
          );
        });
        void api('GET', '/api/staff/donations', { query: { flagged: 'true', limit: 1 } }).then((res) => {
          const n = countOf(res);
          waiting.appendChild(
            h(
              'a',
              { className: `stat stat-link${n ? ' stat-warn' : ''}`, href: '#/donations?flagged=1' },
              h('span', { className: 'stat-value' }, String(n)),
              h('span', { className: 'stat-label' }, '笔异常到账待处理'),
            ),
          );
        });
      }
      return campaigns(true).then((items) => {
        if (!shell.current()) return;
        if (!items.length) return fill(list, h('p', { className: 'empty' }, '还没有募捐活动。'));
        const rows = items.map((c) => {
          const amount = h('td', { className: 'num' }, '…');
          const donors = h('td', { className: 'num' }, '…');
          const disbursed = h('td', { className: 'num' }, '…');
          api('GET', '/api/campaigns/{code}/totals', { params: { code: c.code } }).then(
            (t) => {
              amount.textContent = yuan(t.amountFen);
              donors.textContent = String(t.donorCount);
              disbursed.textContent = yuan(t.disbursedFen);
            },
            () => undefined,
          );
          return h(
            'tr',
            null,
            h('td', { className: 'wrap' }, h('strong', null, c.title), h('div', { className: 'muted mono small' }, c.code)),
            h('td', null, CAMPAIGN_STATUS[c.status] || c.status),
            amount,
            donors,
            disbursed,
            h('td', null, c.autoApproveReceipts ? '自动开票' : '人工审核'),
            h('td', null, h('a', { href: `/donate/${encodeURIComponent(c.code)}`, target: '_blank', rel: 'noopener' }, '捐赠页')),
          );
        });
        fill(list, table(['活动', '状态', '已筹', '捐赠人数', '已拨付', '票据', ''], rows));
      });
    },
  });
}
