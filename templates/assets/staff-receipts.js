// Staff console: receipts — find by receipt or order number, download, void, reissue, re-send.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var RECEIPT_NO = /^[A-Z]{2,8}-\d{4}-\d{8}$/;

  /** A receipt number as typed, or the live receipt of an order number (public donation view). */
  function resolve(text) {
    var q = text.trim();
    if (RECEIPT_NO.test(q.toUpperCase())) return Promise.resolve(q.toUpperCase());
    return fetch('/api/donations/' + encodeURIComponent(q), { cache: 'no-store' }).then(function (res) {
      if (!res.ok) throw new Staff.ApiError(404, 'NOT_FOUND', '没有找到票据号或订单号“' + q + '”。');
      return res.json().then(function (d) {
        if (d.receipt && d.receipt.receiptNo) return d.receipt.receiptNo;
        var state = d.receipt ? '（票据申请状态：' + (Staff.STATUS[d.receipt.status] || d.receipt.status) + '）' : '（尚未申请票据）';
        throw new Staff.ApiError(404, 'NOT_FOUND', '订单 ' + d.orderNo + ' 还没有已开具的票据' + state + '。');
      });
    });
  }

  function details(r, reload) {
    var canWrite = Staff.canFinance();
    var message = h('div', { className: 'form-message', id: 'receipt-message' });
    var download = h('button', { type: 'button', className: 'btn btn-primary', id: 'download-pdf' }, '下载 PDF');
    download.addEventListener('click', function () {
      Staff.busy(download, function () {
        return Staff.fetchBlob('/api/staff/receipts/' + encodeURIComponent(r.receiptNo) + '/pdf').then(function (blob) {
          Staff.saveBlob(blob, r.receiptNo + '.pdf');
        });
      }).catch(function (error) {
        Staff.fill(message, Staff.alert(error.code === 'RECEIPT_NOT_READY' ? 'PDF 正在生成，请稍后再试。' : Staff.errorText(error)));
      });
    });

    var actions = [download, h('a', { className: 'btn btn-ghost', href: r.verifyUrl, target: '_blank', rel: 'noopener', id: 'verify-link' }, '打开核验页')];
    var panels = [];
    if (canWrite && r.status === 'issued') {
      var voidReason = h('input', { name: 'reason', maxlength: 500, placeholder: '作废原因（必填）', required: true });
      var voidForm = h('form', { className: 'inline-form', id: 'void-form', hidden: true }, voidReason, h('button', { type: 'submit', className: 'btn btn-danger' }, '确认作废'));
      var voidBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'void' }, '作废…');
      voidBtn.addEventListener('click', function () {
        voidForm.hidden = !voidForm.hidden;
        if (!voidForm.hidden) voidReason.focus();
      });
      voidForm.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!voidReason.value.trim()) return Staff.fill(message, Staff.alert('请填写作废原因。'));
        Staff.busy(voidForm.querySelector('button'), function () {
          return Staff.api('POST', '/api/staff/receipts/' + encodeURIComponent(r.receiptNo) + '/void', { reason: voidReason.value.trim() }).then(
            function () {
              Staff.toast('票据 ' + r.receiptNo + ' 已作废', 'ok');
              reload();
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
      actions.push(voidBtn);
      panels.push(voidForm);
    }
    if (canWrite && !r.replacedByReceiptNo) {
      var reissueForm = h(
        'form',
        { className: 'grid-form', id: 'reissue-form', hidden: true },
        Staff.field('捐赠人姓名（不改请留空）', h('input', { name: 'name', maxlength: 100, placeholder: r.donorName || '' })),
        Staff.field('票据抬头（不改请留空）', h('input', { name: 'invoiceTitle', maxlength: 100, placeholder: r.invoiceTitle || '' })),
        Staff.field('原因', h('input', { name: 'reason', maxlength: 500, placeholder: '例如：抬头有误，按捐赠人要求重开' })),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, r.status === 'issued' ? '作废并重新开具' : '重新开具')),
      );
      var reissueBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'reissue' }, '重新开具…');
      reissueBtn.addEventListener('click', function () {
        reissueForm.hidden = !reissueForm.hidden;
      });
      reissueForm.addEventListener('submit', function (event) {
        event.preventDefault();
        var body = {};
        ['name', 'invoiceTitle', 'reason'].forEach(function (k) {
          var v = reissueForm.elements[k].value.trim();
          if (v) body[k] = v;
        });
        Staff.busy(reissueForm.querySelector('button'), function () {
          return Staff.api('POST', '/api/staff/receipts/' + encodeURIComponent(r.receiptNo) + '/reissue', body).then(
            function () {
              Staff.fill(message, Staff.alert('已提交重新开具，新票据生成后会出现在下方“由…取代”。', 'ok'));
              waitForReplacement(r.receiptNo, reload);
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
      actions.push(reissueBtn);
      panels.push(reissueForm);
    }
    if (canWrite && r.status === 'issued' && r.requestId) {
      var resend = h('button', { type: 'button', className: 'btn btn-ghost', id: 'resend' }, '重发邮件');
      resend.addEventListener('click', function () {
        Staff.busy(resend, function () {
          return Staff.api('POST', '/api/receipt-requests/' + encodeURIComponent(r.requestId) + '/resend').then(
            function () {
              Staff.fill(message, Staff.alert('已安排重新发送票据邮件。', 'ok'));
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
      actions.push(resend);
    }

    var relation = function (no) {
      return no ? h('a', { href: Staff.link('receipts', { no: no }), className: 'mono' }, no) : null;
    };
    return h(
      'section',
      { className: 'panel receipt-card', id: 'receipt-details', dataset: { receiptNo: r.receiptNo, status: r.status } },
      h('h2', null, h('span', { className: 'mono' }, r.receiptNo), ' ', Staff.badge(r.status)),
      Staff.facts([
        ['活动', r.campaignTitle + '（' + r.campaignCode + '）'],
        ['订单号', r.orderNo, 'mono'],
        ['捐赠人', r.donorName],
        ['票据抬头', r.invoiceTitle],
        ['金额', Staff.yuan(r.amountFen), 'strong'],
        ['捐赠日期', Staff.time(r.donatedAt)],
        ['开具时间', Staff.time(r.issuedAt)],
        ['PDF', r.pdfReady ? '已生成' : '生成中'],
        ['邮件', r.emailedAt ? '已发送 ' + r.emailCount + ' 次，最近 ' + Staff.time(r.emailedAt) : '尚未发送'],
        ['作废时间', r.voidedAt ? Staff.time(r.voidedAt) : null],
        ['作废原因', r.voidReason],
        ['取代了', relation(r.replacesReceiptNo)],
        ['由…取代', relation(r.replacedByReceiptNo)],
        ['核验链接', h('a', { href: r.verifyUrl, target: '_blank', rel: 'noopener', className: 'mono small' }, r.verifyUrl)],
      ]),
      h('div', { className: 'actions' }, actions),
      panels,
      message,
    );
  }

  function waitForReplacement(receiptNo, reload) {
    var tries = 0;
    (function poll() {
      Staff.api('GET', '/api/staff/receipts/' + encodeURIComponent(receiptNo)).then(function (r) {
        if (r.replacedByReceiptNo || ++tries > 60) return reload();
        setTimeout(poll, 1500);
      }, function () {});
    })();
  }

  Staff.register('receipts', {
    title: '票据',
    roles: ['finance', 'auditor'],
    render: function (el, params) {
      var input = h('input', { name: 'q', type: 'search', required: true, maxlength: 64, value: params.no || '', placeholder: '票据号（如 WH-2020-00000001）或订单号', id: 'receipt-query' });
      var form = h('form', { className: 'toolbar search-form', id: 'receipt-search' }, Staff.field('查找票据', input), h('button', { type: 'submit', className: 'btn btn-primary' }, '查找'));
      var out = h('div', { id: 'receipt-out' });
      Staff.fill(el, h('header', { className: 'screen-head' }, h('h1', null, '票据'), h('p', { className: 'muted' }, '按票据号或订单号查找；作废的号码永久保留，重开会取得新号码。')), form, out);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!input.value.trim()) return;
        resolve(input.value).then(
          function (no) {
            if (params.no === no) load();
            else location.hash = Staff.link('receipts', { no: no });
          },
          function (error) {
            Staff.fill(out, Staff.alert(Staff.errorText(error)));
          },
        );
      });
      function load() {
        if (!params.no) return Promise.resolve();
        Staff.fill(out, h('p', { className: 'muted' }, '正在加载…'));
        return Staff.api('GET', '/api/staff/receipts/' + encodeURIComponent(params.no)).then(
          function (r) {
            if (Staff.current()) Staff.fill(out, details(r, load));
          },
          function (error) {
            if (Staff.current()) Staff.fill(out, Staff.alert(error.code === 'RECEIPT_NOT_FOUND' ? '没有找到票据 ' + params.no + '。' : Staff.errorText(error)));
          },
        );
      }
      return load();
    },
  });
})();
