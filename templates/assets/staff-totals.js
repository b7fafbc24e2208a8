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
    var funds = h('select', { name: 'fundCode' }, h('option', { value: '' }, '不指定（本活动统筹）'));
    var fundField = Staff.field('专项基金', funds);
    fundField.hidden = true;
    publicJson('/api/campaigns/' + encodeURIComponent(code)).then(
      function (campaign) {
        (campaign.funds || []).forEach(function (f) {
          funds.appendChild(h('option', { value: f.code }, f.name));
        });
        fundField.hidden = !(campaign.funds || []).length;
      },
      function () {},
    );

    // A correction is a void with a reason: the row stays listed publicly, no longer counted.
    function voidButton(d) {
      var button = h('button', { type: 'button', className: 'btn btn-small btn-secondary', 'data-void': d.id }, '作废');
      button.addEventListener('click', function () {
        var reason = window.prompt('作废这笔拨付（' + Staff.yuan(d.amountFen) + ' 给 ' + d.recipient + '）的原因：作废后不计入已拨付，但仍公开列为更正记录。');
        if (!reason || !reason.trim()) return;
        Staff.busy(button, function () {
          return Staff.api('POST', '/api/staff/disbursements/' + encodeURIComponent(d.id) + '/void', { reason: reason.trim() }).then(
            function () {
              Staff.fill(message, Staff.alert('已作废，公示页将其列为更正记录。如需更正，请重新登记正确的拨付。', 'ok'));
              load();
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
      return button;
    }

    // A disbursement recorded beyond what was received without the confirmation (a plain API client) shows
    // publicly as 超出已收款，待确认 until finance confirms it here.
    function confirmExceedingButton(d) {
      var button = h('button', { type: 'button', className: 'btn btn-small btn-danger', 'data-confirm-exceeding': d.id }, '确认超额');
      button.addEventListener('click', function () {
        if (
          !window.confirm(
            '这笔拨付（' +
              Staff.yuan(d.amountFen) +
              ' 给 ' +
              d.recipient +
              '）超出了已收到的金额。确认金额无误？确认后公示页显示“已经工作人员确认”；如有误请作废。',
          )
        )
          return;
        Staff.busy(button, function () {
          return Staff.api('POST', '/api/staff/disbursements/' + encodeURIComponent(d.id) + '/confirm-exceeding').then(
            function () {
              Staff.fill(message, Staff.alert('已确认超额拨付，公示页不再显示“待确认”。', 'ok'));
              load();
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
      return button;
    }

    // The payment notice (PDF) carries the QR code where the recipient unit confirms the money arrived.
    function noticeButton(d) {
      var button = h('button', { type: 'button', className: 'btn btn-ghost btn-small', 'data-payment-notice': d.id }, '下载拨付通知单');
      button.addEventListener('click', function () {
        Staff.busy(button, function () {
          return Staff.fetchFile('/api/staff/disbursements/' + encodeURIComponent(d.id) + '/payment-notice.pdf', 'payment-notice.pdf').then(function (file) {
            Staff.saveBlob(file.blob, file.filename);
          });
        }).catch(function (error) {
          Staff.toast(Staff.errorText(error), 'bad');
        });
      });
      return button;
    }

    function status(d) {
      if (d.voided) return '已作废：' + (d.voidReason || '');
      var text = d.exceeding === 'pending' ? '超额（待确认）' : d.exceeding === 'confirmed' ? '超额（已确认）' : '有效';
      return text + (d.confirmation ? '；受助单位已确认到账 ' + Staff.yuan(d.confirmation.amountReceivedFen) : '；待受助单位确认到账');
    }

    function load() {
      return publicJson('/api/campaigns/' + encodeURIComponent(code) + '/disbursements').then(
        function (res) {
          Staff.fill(
            list,
            Staff.table(
              ['日期', '受助方', '用途', '基金', '金额', '状态'],
              (res.items || []).map(function (d) {
                return h(
                  'tr',
                  { className: d.voided ? 'is-resolved' : '', 'data-disbursement-id': d.id },
                  h('td', null, d.date),
                  h('td', { className: 'wrap' }, d.recipient),
                  h('td', { className: 'wrap' }, d.purpose),
                  h('td', null, d.fundName || '—'),
                  h('td', { className: 'num' }, Staff.yuan(d.amountFen)),
                  h(
                    'td',
                    { className: 'wrap' },
                    status(d),
                    !d.voided && d.exceeding === 'pending' && Staff.canFinance() ? confirmExceedingButton(d) : null,
                    !d.voided && Staff.canFinance() ? voidButton(d) : null,
                    !d.voided ? noticeButton(d) : null,
                  ),
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
        fundField,
        Staff.field(
          '拨付日期',
          h('input', { name: 'date', type: 'date', required: true, value: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10) }),
        ),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记拨付')),
      );
      var submit = function (confirmExceeding) {
        var f = form.elements;
        var amountFen = Staff.parseYuan(f.amountYuan.value);
        if (amountFen === null || amountFen < 1) return Staff.fill(message, Staff.alert('金额须为大于 0 的元金额，最多两位小数。'));
        if (!f.recipient.value.trim() || !f.purpose.value.trim() || !f.date.value) return Staff.fill(message, Staff.alert('请填写受助方、用途和日期。'));
        var body = {
          campaignCode: code,
          amountFen: amountFen,
          recipient: f.recipient.value.trim(),
          purpose: f.purpose.value.trim(),
          date: f.date.value,
        };
        if (funds.value) body.fundCode = funds.value;
        // false: stop if it would show more disbursed than received, so the person is asked first.
        body.confirmExceeding = confirmExceeding === true;
        Staff.busy(form.querySelector('button'), function () {
          return Staff.api('POST', '/api/staff/disbursements', body).then(
            function (d) {
              Staff.fill(message, Staff.alert('已登记拨付 ' + Staff.yuan(d.amountFen) + ' 给 ' + d.recipient + '，已计入公示的已拨付金额。', 'ok'));
              f.amountYuan.value = '';
              f.recipient.value = '';
              f.purpose.value = '';
              load();
            },
            function (error) {
              if (error.code !== 'DISBURSEMENT_EXCEEDS_RECEIVED') return Staff.fill(message, Staff.alert(Staff.errorText(error)));
              // More disbursed than received would show publicly: only with an explicit, recorded confirmation.
              var confirm = h('button', { type: 'button', className: 'btn btn-danger', id: 'confirm-exceeding' }, '确认超额拨付并登记');
              confirm.addEventListener('click', function () {
                submit(true);
              });
              Staff.fill(message, h('div', { className: 'alert', role: 'alert', id: 'exceeding-warning' }, h('p', null, error.message), confirm));
            },
          );
        });
      };
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        submit(false);
      });
    }
    load();
    return h('section', { className: 'panel' }, h('h2', null, '拨付记录'), form, message, list);
  }

  function publications(code) {
    var list = h('div', { id: 'publication-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var message = h('div', { className: 'form-message' });
    var base = '/api/campaigns/' + encodeURIComponent(code) + '/publications';
    var schedule = h('div', { id: 'disclosure-schedule' });
    function loadSchedule() {
      return publicJson('/api/campaigns/' + encodeURIComponent(code) + '/disclosure-schedule').then(
        function (s) {
          var text =
            '至少每 ' +
            s.intervalDays +
            ' 天公示一次；' +
            (s.nextDueAt ? (s.nextKind === 'final' ? '结项公示' : '下次公示') + '应于 ' + Staff.time(s.nextDueAt) + ' 前发布' : '结项公示已发布');
          Staff.fill(
            schedule,
            s.overdue ? Staff.alert('公示已逾期：' + text + '。系统将自动生成，也可立即手动生成。') : h('p', { className: 'muted' }, text + '。'),
          );
        },
        function () {},
      );
    }
    loadSchedule();
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
        // A publication is frozen for good: ask before making one.
        if (!window.confirm('生成公示快照后内容永久冻结、公开可查，且不可修改或删除。确认生成？')) return;
        Staff.busy(publish, function () {
          return Staff.api('POST', '/api/staff/campaigns/' + encodeURIComponent(code) + '/publications', {}).then(
            function (p) {
              Staff.fill(message, Staff.alert('已生成公示快照（截至 ' + Staff.time(p.asOf) + '），内容不可更改。', 'ok'));
              load();
              loadSchedule();
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
      schedule,
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
      if (Staff.planPanel) el.appendChild(Staff.planPanel(params.campaign));
      el.appendChild(publications(params.campaign));
    },
  });
})();
