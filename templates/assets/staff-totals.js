// Staff console: disbursements (where the money went) and publications (frozen public snapshots).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;

  function publicJson(path) {
    return fetch(path, { cache: 'no-store' }).then(function (res) {
      return res.json().then(
        function (body) {
          if (!res.ok) throw new Staff.ApiError(res.status, body && body.code, (body && body.message) || '请求失败');
          return body;
        },
        function () {
          throw new Staff.ApiError(res.status, 'HTTP_' + res.status, '请求失败（' + res.status + '）');
        },
      );
    });
  }

  function disbursements(code) {
    var list = h('div', { id: 'disbursement-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var message = h('div', { className: 'form-message' });
    function load() {
      return publicJson('/api/campaigns/' + encodeURIComponent(code) + '/disbursements').then(
        function (res) {
          Staff.fill(
            list,
            Staff.table(
              ['日期', '受助方', '用途', '金额'],
              (res.items || []).map(function (d) {
                return h(
                  'tr',
                  null,
                  h('td', null, d.date),
                  h('td', { className: 'wrap' }, d.recipient),
                  h('td', { className: 'wrap' }, d.purpose),
                  h('td', { className: 'num' }, Staff.yuan(d.amountFen)),
                );
              }),
              '还没有拨付记录。',
            ),
          );
        },
        function (error) {
          Staff.fill(list, Staff.alert(Staff.errorText(error)));
        },
      );
    }
    var form = null;
    if (Staff.canFinance()) {
      form = h(
        'form',
        { id: 'disbursement-form', className: 'grid-form', novalidate: true },
        Staff.field('金额（元）', h('input', { name: 'amountYuan', required: true, inputmode: 'decimal', autocomplete: 'off' })),
        Staff.field('受助方', h('input', { name: 'recipient', required: true, maxlength: 200, placeholder: '例如 武汉市金银潭医院' })),
        Staff.field('用途', h('input', { name: 'purpose', required: true, maxlength: 500, placeholder: '例如 采购医用防护服' })),
        Staff.field(
          '拨付日期',
          h('input', { name: 'date', type: 'date', required: true, value: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10) }),
        ),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记拨付')),
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var f = form.elements;
        var amountFen = Staff.parseYuan(f.amountYuan.value);
        if (amountFen === null || amountFen < 1) return Staff.fill(message, Staff.alert('金额须为大于 0 的元金额，最多两位小数。'));
        if (!f.recipient.value.trim() || !f.purpose.value.trim() || !f.date.value) return Staff.fill(message, Staff.alert('请填写受助方、用途和日期。'));
        Staff.busy(form.querySelector('button'), function () {
          return Staff.api('POST', '/api/staff/disbursements', {
            campaignCode: code,
            amountFen: amountFen,
            recipient: f.recipient.value.trim(),
            purpose: f.purpose.value.trim(),
            date: f.date.value,
          }).then(
            function (d) {
              Staff.fill(message, Staff.alert('已登记拨付 ' + Staff.yuan(d.amountFen) + ' 给 ' + d.recipient + '，已计入公示的已拨付金额。', 'ok'));
              f.amountYuan.value = '';
              f.recipient.value = '';
              f.purpose.value = '';
              load();
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
    }
    load();
    return h('section', { className: 'panel' }, h('h2', null, '拨付记录'), form, message, list);
  }

  function publications(code) {
    var list = h('div', { id: 'publication-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var message = h('div', { className: 'form-message' });
    var base = '/api/campaigns/' + encodeURIComponent(code) + '/publications';
    function load() {
      return publicJson(base).then(
        function (res) {
          Staff.fill(
            list,
            Staff.table(
              ['截至', '已筹', '已拨付', 'SHA-256', ''],
              (res.items || []).map(function (p) {
                var totals = p.totals || {};
                return h(
                  'tr',
                  null,
                  h('td', null, Staff.time(p.asOf)),
                  h('td', { className: 'num' }, Staff.yuan(totals.amountFen)),
                  h('td', { className: 'num' }, Staff.yuan(totals.disbursedFen)),
                  h('td', { className: 'mono small' }, String(p.sha256 || '').slice(0, 16) + '…'),
                  h('td', null, h('a', { href: base + '/' + encodeURIComponent(p.id) + '.csv', download: true }, '下载 CSV')),
                );
              }),
              '还没有发布过公示。',
            ),
          );
        },
        function (error) {
          var missing = error.status === 404 && error.code !== 'CAMPAIGN_NOT_FOUND';
          if (missing && publish) publish.hidden = true;
          Staff.fill(list, missing ? h('p', { className: 'muted' }, '公示功能尚未上线。') : Staff.alert(Staff.errorText(error)));
        },
      );
    }
    var publish = null;
    if (Staff.canFinance()) {
      publish = h('button', { type: 'button', className: 'btn btn-primary', id: 'publish' }, '生成公示快照');
      publish.addEventListener('click', function () {
        Staff.busy(publish, function () {
          return Staff.api('POST', '/api/staff/campaigns/' + encodeURIComponent(code) + '/publications', {}).then(
            function (p) {
              Staff.fill(message, Staff.alert('已生成公示快照（截至 ' + Staff.time(p.asOf) + '），内容不可更改。', 'ok'));
              load();
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
    }
    load();
    return h(
      'section',
      { className: 'panel' },
      h('h2', null, '公示快照'),
      h('p', { className: 'muted' }, '快照冻结当时的总额与明细，发布后不可修改，可供公众下载核对。'),
      publish,
      message,
      list,
    );
  }

  Staff.register('totals', {
    title: '公示与拨付',
    roles: ['finance', 'auditor'],
    render: function (el, params) {
      var picker = Staff.campaignSelect('campaignCode', false, params.campaign);
      picker.addEventListener('change', function () {
        location.hash = Staff.link('totals', { campaign: picker.value });
      });
      Staff.fill(
        el,
        h('header', { className: 'screen-head' }, h('h1', null, '公示与拨付'), h('p', { className: 'muted' }, '登记善款去向，生成对外公示的快照。')),
        h('div', { className: 'toolbar' }, Staff.field('活动', picker)),
      );
      if (!params.campaign) {
        return Staff.campaigns().then(function (items) {
          if (!Staff.current()) return;
          if (items.length) location.replace(Staff.link('totals', { campaign: items[0].code }));
          else el.appendChild(h('p', { className: 'empty' }, '还没有募捐活动。'));
        });
      }
      el.appendChild(disbursements(params.campaign));
      el.appendChild(publications(params.campaign));
    },
  });
})();
