// Staff console: the overview — campaigns with their public totals, and what is waiting.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;

  Staff.register('home', {
    title: '概览',
    roles: ['finance', 'warehouse', 'auditor'],
    render: function (el) {
      var waiting = h('div', { className: 'stat-row' });
      var list = h('div', null, h('p', { className: 'muted' }, '正在加载…'));
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '概览'),
          h('p', { className: 'muted' }, '您好，' + (Staff.me.name || Staff.me.email) + '（' + Staff.roleLabel(Staff.me.role) + '）'),
        ),
        waiting,
        h('section', { className: 'panel' }, h('h2', null, '募捐活动'), list),
      );
      if (Staff.me.role !== 'warehouse') {
        Staff.api('GET', '/api/staff/receipt-requests?status=pending_review').then(function (res) {
          var n = typeof res.total === 'number' ? res.total : (res.items || []).length;
          Staff.setCount('queue', n);
          waiting.appendChild(
            h(
              'a',
              { className: 'stat stat-link', href: '#/queue' },
              h('span', { className: 'stat-value', id: 'home-waiting' }, String(n)),
              h('span', { className: 'stat-label' }, '份票据申请待审核'),
            ),
          );
        });
        Staff.api('GET', '/api/staff/donations?flagged=true&limit=1').then(function (res) {
          var n = typeof res.total === 'number' ? res.total : (res.items || []).length;
          waiting.appendChild(
            h(
              'a',
              { className: 'stat stat-link' + (n ? ' stat-warn' : ''), href: '#/donations?flagged=1' },
              h('span', { className: 'stat-value' }, String(n)),
              h('span', { className: 'stat-label' }, '笔异常到账待处理'),
            ),
          );
        });
      }
      return Staff.campaigns(true).then(function (campaigns) {
        if (!Staff.current()) return;
        if (!campaigns.length) return Staff.fill(list, h('p', { className: 'empty' }, '还没有募捐活动。'));
        var rows = campaigns.map(function (c) {
          var amount = h('td', { className: 'num' }, '…');
          var donors = h('td', { className: 'num' }, '…');
          var disbursed = h('td', { className: 'num' }, '…');
          fetch('/api/campaigns/' + encodeURIComponent(c.code) + '/totals')
            .then(function (res) {
              return res.ok ? res.json() : null;
            })
            .then(function (t) {
              if (!t) return;
              amount.textContent = Staff.yuan(t.amountFen);
              donors.textContent = String(t.donorCount);
              disbursed.textContent = Staff.yuan(t.disbursedFen);
            })
            .catch(function () {});
          return h(
            'tr',
            null,
            h('td', { className: 'wrap' }, h('strong', null, c.title), h('div', { className: 'muted mono small' }, c.code)),
            h('td', null, c.status === 'active' ? '进行中' : c.status === 'ended' ? '已结束' : c.status === 'upcoming' ? '未开始' : c.status),
            amount,
            donors,
            disbursed,
            h('td', null, c.autoApproveReceipts ? '自动开票' : '人工审核'),
            h('td', null, h('a', { href: '/donate/' + encodeURIComponent(c.code), target: '_blank', rel: 'noopener' }, '捐赠页')),
          );
        });
        Staff.fill(list, Staff.table(['活动', '状态', '已筹', '捐赠人数', '已拨付', '票据', ''], rows));
      });
    },
  });
})();
