// Staff console: donation search, refunds (finance and admin), the flagged payments (amount
// mismatches, double payments) and the providers' reconciliation differences to resolve, and the
// ledger export.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var PAGE = 200;

  /** "2020-02-01" (Beijing date) → the instant that day starts, with its offset. */
  function dayStart(date) {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date + 'T00:00:00+08:00' : '';
  }
  /** The day after "2020-02-01", for an inclusive "to" date. */
  function nextDay(date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return '';
    var d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10) + 'T00:00:00+08:00';
  }

  /** Resolving a flag: a note, a confirmation, then the row shows who may look it up in the audit log. */
  function resolveControl(d, cell, row) {
    var note = h('input', { type: 'text', name: 'note', maxlength: 500, placeholder: '处理说明（必填，如：已原路退款）', className: 'note-input' });
    var confirm = h('button', { type: 'button', className: 'btn btn-primary btn-small confirm-resolve' }, '确认已处理');
    var box = h('div', { className: 'inline-form resolve-box', hidden: true }, note, confirm);
    var open = h('button', { type: 'button', className: 'btn btn-ghost btn-small resolve' }, '标记已处理…');
    open.addEventListener('click', function () {
      box.hidden = !box.hidden;
      if (!box.hidden) note.focus();
    });
    confirm.addEventListener('click', function () {
      var text = note.value.trim();
      if (!text) return Staff.toast('请填写处理说明。', 'warn');
      Staff.busy(confirm, function () {
        return Staff.api('POST', '/api/staff/donations/' + encodeURIComponent(d.orderNo) + '/resolve', { note: text }).then(function () {
          row.classList.remove('is-flagged');
          row.classList.add('is-resolved');
          Staff.fill(
            cell,
            h('span', { className: 'tag tag-ok' }, '已处理'),
            ' ',
            text,
            h('div', null, h('a', { href: Staff.link('audit', { entity: 'donation', entityId: d.orderNo }) }, '操作记录')),
          );
          Staff.toast('已标记为已处理，并记入操作日志。', 'ok');
        });
      }).catch(function (error) {
        Staff.toast(Staff.errorText(error), 'bad');
      });
    });
    return [open, box];
  }

  /**
   * The donor's message, and for finance/admin a control to hide it from the public wall (with a
   * reason, audited) or to show it again. The wall follows at once.
   */
  function messageCell(d) {
    var cell = h('td', { className: 'wrap message-cell' });
    function draw(hidden, reason) {
      var parts = [h('span', { className: hidden ? 'donor-message muted' : 'donor-message' }, d.message)];
      if (hidden)
        parts.push(' ', h('span', { className: 'tag tag-warn' }, '已隐藏'), reason ? h('div', { className: 'muted small' }, '原因：' + reason) : null);
      else if (!d.showOnWall) parts.push(' ', h('span', { className: 'muted small' }, '（未同意上墙）'));
      if (Staff.canFinance()) parts.push(h('div', null, hidden ? showControl() : hideControl()));
      Staff.fill.apply(null, [cell].concat(parts));
    }
    function send(body, done) {
      return Staff.api('POST', '/api/staff/donations/' + encodeURIComponent(d.orderNo) + '/message/hide', body).then(function (res) {
        draw(res.messageHidden, res.messageHiddenReason);
        Staff.toast(done, 'ok');
      });
    }
    function hideControl() {
      var reason = h('input', { type: 'text', name: 'reason', maxlength: 200, placeholder: '隐藏原因（必填）', className: 'note-input' });
      var confirm = h('button', { type: 'button', className: 'btn btn-primary btn-small confirm-hide-message' }, '确认隐藏');
      var box = h('div', { className: 'inline-form hide-message-box', hidden: true }, reason, confirm);
      var open = h('button', { type: 'button', className: 'btn btn-ghost btn-small hide-message' }, '隐藏留言…');
      open.addEventListener('click', function () {
        box.hidden = !box.hidden;
        if (!box.hidden) reason.focus();
      });
      confirm.addEventListener('click', function () {
        var text = reason.value.trim();
        if (!text) return Staff.toast('请填写隐藏原因。', 'warn');
        Staff.busy(confirm, function () {
          return send({ reason: text }, '留言已从爱心墙隐藏，并记入操作日志。');
        }).catch(function (error) {
          Staff.toast(Staff.errorText(error), 'bad');
        });
      });
      return h('div', null, open, box);
    }
    function showControl() {
      var button = h('button', { type: 'button', className: 'btn btn-ghost btn-small show-message' }, '恢复展示');
      button.addEventListener('click', function () {
        Staff.busy(button, function () {
          return send({ hidden: false }, '留言已恢复在爱心墙展示，并记入操作日志。');
        }).catch(function (error) {
          Staff.toast(Staff.errorText(error), 'bad');
        });
      });
      return button;
    }
    if (d.message) draw(d.messageHidden, d.messageHiddenReason);
    else cell.textContent = '—';
    return cell;
  }

  var DIFFERENCE = {
    UNKNOWN_ORDER: '账本中无此订单',
    AMOUNT_MISMATCH: '金额不一致',
    NOT_IN_STATEMENT: '渠道账单中没有',
    UNKNOWN_REFUND: '账本中无此退款',
  };
  var REFUND_STATUS = { processing: '退款处理中', succeeded: '已退款', failed: '退款失败' };

  /** POST with an Idempotency-Key (Staff.api sends none): the same key on a retry or a double click is one refund. */
  function postRefund(orderNo, body, key) {
    var headers = Staff.authHeader();
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = key;
    return fetch('/api/staff/donations/' + encodeURIComponent(orderNo) + '/refund', {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(body),
      cache: 'no-store',
    }).then(
      function (res) {
        return res.text().then(function (text) {
          var json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch (e) {
            json = null;
          }
          if (!res.ok) throw Staff.refused(res.status, json);
          return json;
        });
      },
      function () {
        throw Staff.refused(0, { code: 'NETWORK', message: '网络连接失败；退款结果未知，请稍后用同一窗口重试（不会重复退款）。' });
      },
    );
  }

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return (
      'refund-' +
      Array.prototype.map
        .call(bytes, function (b) {
          return (b < 16 ? '0' : '') + b.toString(16);
        })
        .join('')
    );
  }

  /** The refund state of a row: status of its latest refund, and why a failed one failed. */
  function refundNote(refund) {
    if (!refund || refund.status === 'succeeded') return null;
    return h(
      'div',
      { className: 'refund-note' },
      h('span', { className: 'tag tag-warn' }, REFUND_STATUS[refund.status] || refund.status),
      refund.status === 'failed' && refund.failureReason ? ' ' + refund.failureReason : '',
    );
  }

  /** Refunding: a reason, then an explicit confirmation naming the amount; one key per opened form. */
  function refundControl(d, cell, tr) {
    var key = newKey();
    var reason = h('input', { type: 'text', name: 'reason', maxlength: 200, placeholder: '退款原因（必填）', className: 'note-input' });
    var confirm = h('button', { type: 'button', className: 'btn btn-danger btn-small confirm-refund' }, '确认退款 ' + Staff.yuan(d.amountFen));
    var warning = h(
      'p',
      { className: 'small muted' },
      '全额原路退回 ' + Staff.yuan(d.amountFen) + '；退款成功后该笔捐赠不再计入公示总额，已开具的票据自动作废。',
    );
    var box = h('div', { className: 'inline-form refund-box', hidden: true }, reason, warning, confirm);
    var open = h('button', { type: 'button', className: 'btn btn-ghost btn-small refund' }, '退款…');
    open.addEventListener('click', function () {
      box.hidden = !box.hidden;
      if (!box.hidden) reason.focus();
    });
    confirm.addEventListener('click', function () {
      var text = reason.value.trim();
      if (!text) return Staff.toast('请填写退款原因。', 'warn');
      Staff.busy(confirm, function () {
        return postRefund(d.orderNo, { reason: text, amountFen: d.amountFen }, key).then(function (res) {
          if (res.status === 'succeeded') {
            Staff.fill(tr.querySelector('.status-cell'), Staff.badge('refunded'));
            Staff.fill(cell, h('span', { className: 'tag tag-ok' }, '已退款'), ' ', text);
            Staff.toast('已退款，公示总额已扣减，票据已作废。', 'ok');
          } else {
            Staff.fill(cell, refundNote(res));
            Staff.toast('已提交退款，等待支付渠道确认。', 'ok');
          }
        });
      }).catch(function (error) {
        Staff.toast(Staff.errorText(error), 'bad');
      });
    });
    return [open, box];
  }

  function row(d) {
    var flagCell = h('td', { className: 'wrap flag-cell' });
    var actionCell = h('td', { className: 'wrap action-cell' });
    var tr = h(
      'tr',
      { className: d.flaggedAt ? 'is-flagged' : '', dataset: { orderNo: d.orderNo } },
      h('td', { className: 'mono' }, d.orderNo),
      h('td', null, d.campaignCode),
      h('td', null, Staff.CHANNEL[d.channel] || d.channel),
      h('td', { className: 'status-cell' }, Staff.badge(d.status)),
      h('td', { className: 'num' }, Staff.yuan(d.amountFen)),
      h('td', null, d.donorName || '—'),
      messageCell(d),
      h('td', { className: 'mono' }, d.phone || '—'),
      h('td', { className: 'mono' }, d.bankReference || '—'),
      h('td', null, Staff.time(d.paidAt || d.createdAt)),
      flagCell,
      actionCell,
    );
    if (d.refund && d.refund.status !== 'succeeded') Staff.fill(actionCell, refundNote(d.refund));
    if (d.status === 'refunded' && d.refund) Staff.fill(actionCell, h('span', { className: 'muted small' }, '退款原因：' + d.refund.reason));
    if (d.status === 'paid' && Staff.canFinance() && !(d.refund && d.refund.status === 'processing')) {
      actionCell.appendChild(h('div', null, refundControl(d, actionCell, tr)));
    }
    if (d.flaggedAt) {
      Staff.fill(
        flagCell,
        h('span', { className: 'tag tag-warn' }, '异常'),
        ' ',
        d.flagReason || '',
        h('div', null, h('a', { href: Staff.link('audit', { entity: 'donation', entityId: d.orderNo }) }, '操作记录')),
        Staff.canFinance() ? resolveControl(d, flagCell, tr) : null,
      );
    }
    return tr;
  }

  /** A reconciliation difference resolved with a note (audited), like a flagged donation. */
  function differenceResolve(diff, cell) {
    var note = h('input', { type: 'text', maxlength: 500, placeholder: '处理说明（必填）', className: 'note-input' });
    var confirm = h('button', { type: 'button', className: 'btn btn-primary btn-small' }, '确认已处理');
    var box = h('div', { className: 'inline-form', hidden: true }, note, confirm);
    var open = h('button', { type: 'button', className: 'btn btn-ghost btn-small' }, '标记已处理…');
    open.addEventListener('click', function () {
      box.hidden = !box.hidden;
    });
    confirm.addEventListener('click', function () {
      var text = note.value.trim();
      if (!text) return Staff.toast('请填写处理说明。', 'warn');
      Staff.busy(confirm, function () {
        return Staff.api('POST', '/api/staff/payments/reconciliation-differences/' + encodeURIComponent(diff.id) + '/resolve', { note: text }).then(
          function () {
            Staff.fill(cell, h('span', { className: 'tag tag-ok' }, '已处理'), ' ', text);
            Staff.toast('已标记为已处理，并记入操作日志。', 'ok');
          },
        );
      }).catch(function (error) {
        Staff.toast(Staff.errorText(error), 'bad');
      });
    });
    return [open, box];
  }

  /** The providers' statements against the ledger: what only the provider knows, for staff. */
  function differences(into) {
    var section = h(
      'section',
      { id: 'reconciliation-differences' },
      h('h2', null, '对账差异'),
      h('p', { className: 'muted' }, '每日对账时渠道账单与账本不一致之处：账本中没有的付款或退款、金额不一致、账本有而账单没有的付款。'),
    );
    into.appendChild(section);
    return Staff.api('GET', '/api/staff/payments/reconciliation-differences?status=open&limit=200').then(function (res) {
      if (!Staff.current()) return;
      var rows = (res.items || []).map(function (diff) {
        var cell = h('td', { className: 'wrap' }, '—');
        if (Staff.canFinance()) Staff.fill(cell, differenceResolve(diff, cell));
        return h(
          'tr',
          { className: 'is-flagged', dataset: { differenceId: diff.id } },
          h('td', null, diff.statementDate),
          h('td', null, Staff.CHANNEL[diff.provider] || diff.provider),
          h('td', null, h('span', { className: 'tag tag-warn' }, DIFFERENCE[diff.kind] || diff.kind)),
          h('td', { className: 'mono' }, diff.orderNo || '—'),
          h('td', { className: 'num' }, diff.providerAmountFen === null ? '—' : Staff.yuan(diff.providerAmountFen)),
          h('td', { className: 'num' }, diff.ledgerAmountFen === null ? '—' : Staff.yuan(diff.ledgerAmountFen)),
          h('td', { className: 'wrap' }, diff.detail),
          cell,
        );
      });
      section.appendChild(Staff.table(['账单日期', '渠道', '差异', '订单号', '渠道金额', '账本金额', '说明', '处理'], rows, '没有待处理的对账差异。'));
    });
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
        Staff.field('银行流水号', h('input', { name: 'bankReference', type: 'search', maxlength: 64, value: params.ref || '' })),
        Staff.field('捐赠人', h('input', { name: 'q', type: 'search', maxlength: 50, value: params.q || '', placeholder: '姓名中的字' })),
        Staff.field(
          '金额（元）',
          h('input', {
            name: 'amountYuan',
            inputmode: 'decimal',
            maxlength: 16,
            value: params.amount ? Staff.yuan(Number(params.amount)).replace(/^¥/, '') : '',
          }),
        ),
        Staff.field('活动', Staff.campaignSelect('campaignCode', true, params.campaign)),
        Staff.field(
          '渠道',
          h(
            'select',
            { name: 'channel' },
            h('option', { value: '' }, '全部'),
            ['wechatpay', 'alipay', 'bank_transfer', 'sandbox'].map(function (c) {
              return h('option', { value: c, selected: params.channel === c }, Staff.CHANNEL[c]);
            }),
          ),
        ),
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
        Staff.field('下单日期从', h('input', { name: 'from', type: 'date', value: params.from || '' })),
        Staff.field('至', h('input', { name: 'to', type: 'date', value: params.to || '' })),
        h('label', { className: 'check' }, h('input', { type: 'checkbox', name: 'flagged', checked: flaggedOnly }), ' 只看异常'),
        h('button', { type: 'submit', className: 'btn btn-primary' }, '查询'),
      );
      var message = h('div', { className: 'form-message' });
      var results = h('div', { id: 'donation-results' }, h('p', { className: 'muted' }, '正在加载…'));
      var exports = Staff.exportButtons('donations', function () {
        return { campaignCode: params.campaign || '', status: params.status || '' };
      });
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, flaggedOnly ? '异常到账待处理' : '捐赠记录'),
          h(
            'p',
            { className: 'muted' },
            flaggedOnly
              ? '支付金额与订单不符、重复支付、对账差异等情况。核实并处理（退款或补录）后，写明处理说明标记为已处理；记录保留在操作日志中。'
              : '个人信息按接口返回的脱敏形式显示。导出文件同样脱敏，并记入操作日志。',
          ),
        ),
        h(
          'div',
          { className: 'tabs' },
          h('a', { href: Staff.link('donations', {}), className: 'tab' + (flaggedOnly ? '' : ' active') }, '全部'),
          h('a', { href: Staff.link('donations', { flagged: '1' }), className: 'tab' + (flaggedOnly ? ' active' : '') }, '异常待处理'),
        ),
        form,
        message,
        h(
          'div',
          { className: 'toolbar export-bar' },
          h(
            'span',
            { className: 'muted small' },
            '导出' + (params.campaign ? '本活动' : '全部活动') + (params.status ? '（' + Staff.STATUS[params.status] + '）' : '') + '的捐赠记录：',
          ),
          exports,
        ),
        results,
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var f = form.elements;
        var amount = f.amountYuan.value.trim();
        var amountFen = amount ? Staff.parseYuan(amount) : null;
        if (amount && (amountFen === null || amountFen < 1)) return Staff.fill(message, Staff.alert('金额须为大于 0 的元金额，最多两位小数。'));
        if (f.from.value && f.to.value && f.to.value < f.from.value) return Staff.fill(message, Staff.alert('结束日期不能早于开始日期。'));
        location.hash = Staff.link('donations', {
          orderNo: f.orderNo.value.trim(),
          ref: f.bankReference.value.trim(),
          q: f.q.value.trim(),
          amount: amountFen ? String(amountFen) : '',
          campaign: f.campaignCode.value,
          channel: f.channel.value,
          status: f.status.value,
          from: f.from.value,
          to: f.to.value,
          flagged: f.flagged.checked ? '1' : '',
        });
      });

      var q = ['limit=' + PAGE];
      if (params.orderNo) q.push('orderNo=' + encodeURIComponent(params.orderNo));
      if (params.ref) q.push('bankReference=' + encodeURIComponent(params.ref));
      if (params.q) q.push('q=' + encodeURIComponent(params.q));
      if (/^\d+$/.test(params.amount || '')) q.push('amountFen=' + params.amount);
      if (params.campaign) q.push('campaignCode=' + encodeURIComponent(params.campaign));
      if (params.channel) q.push('channel=' + encodeURIComponent(params.channel));
      if (params.status) q.push('status=' + encodeURIComponent(params.status));
      if (dayStart(params.from)) q.push('from=' + encodeURIComponent(dayStart(params.from)));
      if (nextDay(params.to)) q.push('to=' + encodeURIComponent(nextDay(params.to)));
      if (flaggedOnly) q.push('flagged=true');
      return Staff.api('GET', '/api/staff/donations?' + q.join('&')).then(function (res) {
        if (!Staff.current()) return;
        var items = res.items || [];
        var total = typeof res.total === 'number' ? res.total : items.length;
        Staff.fill(
          results,
          h(
            'p',
            { className: 'muted', id: 'donation-total' },
            '共 ' + total + ' 条' + (total > items.length ? '（显示最新 ' + items.length + ' 条，请缩小条件或导出全部）' : ''),
          ),
          Staff.table(
            ['订单号', '活动', '渠道', '状态', '金额', '捐赠人', '留言', '手机', '银行流水号', '时间', '异常', '退款'],
            items.map(row),
            flaggedOnly ? '没有待处理的异常到账。' : '没有符合条件的捐赠。',
          ),
        );
        if (flaggedOnly) return differences(results);
      });
    },
  });
})();
