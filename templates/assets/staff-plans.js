// Staff console: disbursement plans (逐级拨付逐级公布) on the 公示与拨付 screen: import a plan (CSV or XLSX,
// by amount or by tier), approve it (admin), pay each line with its bank reference and proof.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var MAX_BYTES = 5 * 1024 * 1024;
  var STATUS = { draft: '待审批', approved: '已审批' };

  /** "小型社区=50000" per line → [{ name, amountFen }]; null when a line is not such a pair. */
  function parseTiers(text) {
    var tiers = [];
    var lines = String(text || '')
      .split(/\n/)
      .map(function (l) {
        return l.trim();
      })
      .filter(Boolean);
    for (var i = 0; i < lines.length; i++) {
      var m = /^(.+?)\s*[=＝]\s*(.+)$/.exec(lines[i]);
      var fen = m ? Staff.parseYuan(m[2]) : null;
      if (!m || fen === null || fen < 1) return null;
      tiers.push({ name: m[1].trim(), amountFen: fen });
    }
    return tiers;
  }

  function lineErrors(error) {
    var errors = (error && error.details && error.details.errors) || [];
    if (!errors.length) return null;
    return h(
      'ul',
      { className: 'plan-errors' },
      errors.slice(0, 10).map(function (e) {
        return h('li', null, e.message);
      }),
    );
  }

  Staff.planPanel = function (code) {
    var message = h('div', { className: 'form-message', id: 'plan-message' });
    var list = h('div', { id: 'plan-list' }, h('p', { className: 'muted' }, '正在加载…'));

    function payForm(plan) {
      var unpaid = plan.lines.filter(function (l) {
        return !l.paid;
      });
      if (!unpaid.length) return h('p', { className: 'muted' }, '各行均已拨付。');
      var line = h(
        'select',
        { name: 'lineNo' },
        unpaid.map(function (l) {
          return h('option', { value: String(l.lineNo) }, l.lineNo + '. ' + l.recipient + ' ' + Staff.yuan(l.amountFen));
        }),
      );
      var file = h('input', { type: 'file', name: 'file', accept: 'application/pdf,image/png,image/jpeg' });
      var personal = h('input', { type: 'checkbox', name: 'personalData', value: 'true' });
      var form = h(
        'form',
        { className: 'grid-form plan-pay', 'data-plan': plan.id, novalidate: true },
        Staff.field('受助单位', line),
        Staff.field(
          '拨付日期',
          h('input', { name: 'date', type: 'date', required: true, value: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10) }),
        ),
        Staff.field('银行流水号', h('input', { name: 'bankReference', maxlength: 64, autocomplete: 'off' })),
        Staff.field('转账凭证（PDF/PNG/JPEG，5 MB 以内）', file),
        h('label', { className: 'check' }, personal, h('span', null, '凭证含个人信息（加密保存，不公开）')),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记拨付')),
      );
      var submit = function (confirmExceeding) {
        var f = form.elements;
        if (!f.date.value) return Staff.fill(message, Staff.alert('请填写拨付日期。'));
        var proof = file.files && file.files[0];
        if (proof && proof.size > MAX_BYTES) return Staff.fill(message, Staff.alert('凭证文件不能超过 5 MB。'));
        var data = new FormData();
        data.append('date', f.date.value);
        if (f.bankReference.value.trim()) data.append('bankReference', f.bankReference.value.trim());
        // As for a single disbursement: beyond what was received only with the person's explicit confirmation.
        data.append('confirmExceeding', confirmExceeding === true ? 'true' : 'false');
        if (personal.checked) data.append('personalData', 'true');
        if (proof) data.append('file', proof, proof.name);
        var path = '/api/staff/disbursement-plans/' + encodeURIComponent(plan.id) + '/lines/' + encodeURIComponent(line.value) + '/pay';
        Staff.busy(form.querySelector('button'), function () {
          return Staff.upload(path, data).then(
            function (d) {
              Staff.fill(
                message,
                h(
                  'div',
                  { className: 'alert alert-ok', id: 'plan-paid' },
                  h('p', null, '已拨付 ' + Staff.yuan(d.amountFen) + ' 给 ' + d.recipient + '。请将拨付通知单交受助单位，扫码确认到账：'),
                  h('p', { className: 'mono small wrap' }, d.confirmUrl),
                ),
              );
              load();
            },
            function (error) {
              if (error.code !== 'DISBURSEMENT_EXCEEDS_RECEIVED') return Staff.fill(message, Staff.alert(Staff.errorText(error)));
              var confirm = h('button', { type: 'button', className: 'btn btn-danger', id: 'plan-confirm-exceeding' }, '确认超额拨付并登记');
              confirm.addEventListener('click', function () {
                submit(true);
              });
              Staff.fill(message, h('div', { className: 'alert', role: 'alert' }, h('p', null, error.message), confirm));
            },
          );
        });
      };
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        submit(false);
      });
      return form;
    }

    function approveButton(plan) {
      var button = h('button', { type: 'button', className: 'btn btn-small btn-primary', 'data-approve-plan': plan.id }, '审批');
      button.addEventListener('click', function () {
        if (
          !window.confirm('审批“' + plan.title + '”（' + Staff.yuan(plan.totalFen) + '，' + plan.lines.length + ' 个受助单位）？审批后计划公开，可逐行拨付。')
        )
          return;
        Staff.busy(button, function () {
          return Staff.api('POST', '/api/staff/disbursement-plans/' + encodeURIComponent(plan.id) + '/approve').then(load, function (error) {
            Staff.fill(message, Staff.alert(Staff.errorText(error)));
          });
        });
      });
      return button;
    }

    function load() {
      return Staff.api('GET', '/api/staff/campaigns/' + encodeURIComponent(code) + '/disbursement-plans').then(
        function (res) {
          if (!res.items.length) return Staff.fill(list, h('p', { className: 'muted' }, '还没有拨付计划。'));
          Staff.fill(
            list,
            res.items.map(function (plan) {
              var tiers = (plan.tiers || [])
                .map(function (t) {
                  return t.name + ' ' + Staff.yuan(t.amountFen) + ' × ' + t.count;
                })
                .join('，');
              return h(
                'details',
                { className: 'plan', 'data-plan-id': plan.id, open: plan.status === 'approved' && plan.paidCount < plan.lines.length },
                h(
                  'summary',
                  null,
                  h('strong', null, plan.title),
                  ' · ' + (STATUS[plan.status] || plan.status) + ' · 计划 ' + Staff.yuan(plan.totalFen) + ' · 已拨付 ' + Staff.yuan(plan.paidFen),
                  '（' + plan.paidCount + '/' + plan.lines.length + '）',
                ),
                tiers ? h('p', { className: 'muted' }, '按档次：' + tiers) : null,
                plan.status === 'draft' && Staff.isAdmin() ? approveButton(plan) : null,
                plan.status === 'approved' && Staff.canFinance() ? payForm(plan) : null,
                Staff.table(
                  ['#', '受助单位', '档次', '金额', '用途', '状态'],
                  plan.lines.map(function (l) {
                    var state = l.paid
                      ? '已拨付 ' +
                        l.paidOn +
                        (l.bankReference ? '（' + l.bankReference + '）' : '') +
                        (l.proof ? '，有凭证' : '，无凭证') +
                        (l.confirmed ? '，已确认到账' : '，待确认到账')
                      : '待拨付';
                    return h(
                      'tr',
                      { 'data-line': String(l.lineNo) },
                      h('td', null, String(l.lineNo)),
                      h('td', { className: 'wrap' }, l.recipient),
                      h('td', null, l.tier || '—'),
                      h('td', { className: 'num' }, Staff.yuan(l.amountFen)),
                      h('td', { className: 'wrap' }, l.purpose),
                      h('td', { className: 'wrap' }, state),
                    );
                  }),
                  '',
                ),
              );
            }),
          );
        },
        function (error) {
          Staff.fill(list, Staff.alert(Staff.errorText(error)));
        },
      );
    }

    var form = null;
    if (Staff.canFinance()) {
      var file = h('input', {
        type: 'file',
        name: 'file',
        required: true,
        accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      form = h(
        'form',
        { id: 'plan-import', className: 'grid-form', novalidate: true },
        Staff.field('计划名称', h('input', { name: 'title', required: true, maxlength: 200, placeholder: '例如 朝阳区总工会专款' })),
        Staff.field('计划总额（元）', h('input', { name: 'totalYuan', required: true, inputmode: 'decimal', autocomplete: 'off' })),
        Staff.field(
          '档次（可选）',
          h('textarea', { name: 'tiers', rows: 3, placeholder: '每行一个：小型社区=50000' }),
          '文件有“档次”列时填写：名称=每个单位的金额（元）',
        ),
        Staff.field('计划文件（CSV 或 XLSX）', file, '表头：受助单位、金额（元）或 档次、用途；最多 5,000 行，5 MB'),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '导入计划')),
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var f = form.elements;
        var totalFen = Staff.parseYuan(f.totalYuan.value);
        var tiers = parseTiers(f.tiers.value);
        var chosen = file.files && file.files[0];
        if (!f.title.value.trim() || totalFen === null || totalFen < 1 || !chosen)
          return Staff.fill(message, Staff.alert('请填写计划名称、总额并选择计划文件。'));
        if (tiers === null) return Staff.fill(message, Staff.alert('档次每行须为“名称=金额（元）”。'));
        if (chosen.size > MAX_BYTES) return Staff.fill(message, Staff.alert('计划文件不能超过 5 MB。'));
        var data = new FormData();
        data.append('campaignCode', code);
        data.append('title', f.title.value.trim());
        data.append('totalFen', String(totalFen));
        if (tiers.length) data.append('tiers', JSON.stringify(tiers));
        data.append('file', chosen, chosen.name);
        Staff.busy(form.querySelector('button'), function () {
          return Staff.upload('/api/staff/disbursement-plans/import', data).then(
            function (plan) {
              Staff.fill(
                message,
                Staff.alert('已导入“' + plan.title + '”：' + plan.lines.length + ' 个受助单位，合计 ' + Staff.yuan(plan.totalFen) + '，待管理员审批。', 'ok'),
              );
              form.reset();
              load();
            },
            function (error) {
              Staff.fill(message, h('div', { className: 'alert', role: 'alert' }, h('p', null, Staff.errorText(error)), lineErrors(error)));
            },
          );
        });
      });
    }
    load();
    return h('section', { className: 'panel', id: 'plans-panel' }, h('h2', null, '拨付计划'), form, message, list);
  };
})();
