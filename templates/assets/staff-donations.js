// Staff console: donation search, and the flagged payments (amount mismatches, double payments).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;

  function row(d) {
    return h(
      'tr',
      { className: d.flaggedAt ? 'is-flagged' : '', dataset: { orderNo: d.orderNo } },
      h('td', { className: 'mono' }, d.orderNo),
      h('td', null, d.campaignCode),
      h('td', null, Staff.CHANNEL[d.channel] || d.channel),
      h('td', null, Staff.badge(d.status)),
      h('td', { className: 'num' }, Staff.yuan(d.amountFen)),
      h('td', null, d.donorName || '—'),
      h('td', { className: 'mono' }, d.phone || '—'),
      h('td', { className: 'mono' }, d.bankReference || '—'),
      h('td', null, Staff.time(d.paidAt || d.createdAt)),
      h(
        'td',
        { className: 'wrap' },
        d.flaggedAt
          ? [h('span', { className: 'tag tag-warn' }, '异常'), ' ', d.flagReason || '', h('div', null, h('a', { href: Staff.link('audit', { entity: 'donation', entityId: d.orderNo }) }, '操作记录'))]
          : '',
      ),
    );
  }

  Staff.register('donations', {
    title: '捐赠记录',
    roles: ['finance', 'auditor'],
    render: function (el, params) {
      var flaggedOnly = params.flagged === '1';
      var form = h(
        'form',
        { className: 'toolbar search-form', id: 'donation-search' },
        Staff.field('订单号', h('input', { name: 'orderNo', type: 'search', maxlength: 64, value: params.orderNo || '', placeholder: '例如 WN2020…' })),
        Staff.field('活动', Staff.campaignSelect('campaignCode', true, params.campaign)),
        Staff.field(
          '状态',
          h(
            'select',
            { name: 'status' },
            h('option', { value: '' }, '全部'),
            ['paid', 'pending', 'failed', 'refunded'].map(function (s) {
              return h('option', { value: s, selected: params.status === s }, Staff.STATUS[s]);
            }),
          ),
        ),
        h('label', { className: 'check' }, h('input', { type: 'checkbox', name: 'flagged', checked: flaggedOnly }), ' 只看异常'),
        h('button', { type: 'submit', className: 'btn btn-primary' }, '查询'),
      );
      var results = h('div', { id: 'donation-results' }, h('p', { className: 'muted' }, '正在加载…'));
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, flaggedOnly ? '异常到账待处理' : '捐赠记录'),
          h('p', { className: 'muted' }, flaggedOnly ? '支付金额与订单不符、重复支付等情况。核实后请按基金会流程处理（退款或补录），并在操作记录中留痕。' : '个人信息按接口返回的脱敏形式显示。'),
        ),
        h(
          'div',
          { className: 'tabs' },
          h('a', { href: Staff.link('donations', {}), className: 'tab' + (flaggedOnly ? '' : ' active') }, '全部'),
          h('a', { href: Staff.link('donations', { flagged: '1' }), className: 'tab' + (flaggedOnly ? ' active' : '') }, '异常待处理'),
        ),
        form,
        results,
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        location.hash = Staff.link('donations', {
          orderNo: form.elements.orderNo.value.trim(),
          campaign: form.elements.campaignCode.value,
          status: form.elements.status.value,
          flagged: form.elements.flagged.checked ? '1' : '',
        });
      });

      var q = ['limit=200'];
      if (params.orderNo) q.push('orderNo=' + encodeURIComponent(params.orderNo));
      if (params.campaign) q.push('campaignCode=' + encodeURIComponent(params.campaign));
      if (params.status) q.push('status=' + encodeURIComponent(params.status));
      if (flaggedOnly) q.push('flagged=true');
      return Staff.api('GET', '/api/staff/donations?' + q.join('&')).then(function (res) {
        if (!Staff.current()) return;
        var items = res.items || [];
        Staff.fill(
          results,
          h('p', { className: 'muted' }, '共 ' + items.length + ' 条' + (items.length >= 200 ? '（只显示最新 200 条，请缩小条件）' : '')),
          Staff.table(['订单号', '活动', '渠道', '状态', '金额', '捐赠人', '手机', '银行流水号', '时间', '异常'], items.map(row), flaggedOnly ? '没有待处理的异常到账。' : '没有符合条件的捐赠。'),
        );
      });
    },
  });
})();
