// Staff console: receipts — find (number, order number, name), download, void, reissue, re-send, export.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var RECEIPT_NO = /^[A-Z]{2,8}-\d{4}-\d{8}$/;

  function receiptCard(r, reload) {
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
      var voidForm = h(
        'form',
        { className: 'inline-form', id: 'void-form', hidden: true },
        voidReason,
        h('button', { type: 'submit', className: 'btn btn-danger' }, '确认作废'),
      );
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
        h(
          'div',
          { className: 'form-actions' },
          h('button', { type: 'submit', className: 'btn btn-primary' }, r.status === 'issued' ? '作废并重新开具' : '重新开具'),
        ),
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
    if (canWrite && r.status === 'issued' && r.pdfReady) {
      var resend = h('button', { type: 'button', className: 'btn btn-ghost', id: 'resend' }, '重发邮件');
      resend.addEventListener('click', function () {
        Staff.busy(resend, function () {
          // The staff re-send: audited under this account (the donor's own re-send link is not).
          return Staff.api('POST', '/api/staff/receipts/' + encodeURIComponent(r.receiptNo) + '/resend').then(
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

    if (canWrite && r.status === 'issued' && !r.official) {
      var officialBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'attach-official' }, '关联公益事业捐赠票据…');
      var officialPanel = officialForms(r, message, reload);
      officialBtn.addEventListener('click', function () {
        officialPanel.hidden = !officialPanel.hidden;
      });
      actions.push(officialBtn);
      panels.push(officialPanel);
    }
    if (canWrite) {
      // The record in the official form's order, to print onto a paper 票据 or key into the portal.
      var formBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'official-form' }, '票据版式');
      var formPanel = h('div', { id: 'official-form-panel', hidden: true });
      formBtn.addEventListener('click', function () {
        formPanel.hidden = !formPanel.hidden;
        if (!formPanel.hidden) showForm(r.receiptNo, formPanel);
      });
      actions.push(formBtn);
      panels.push(formPanel);
    }

    var relation = function (no) {
      return no ? h('a', { href: Staff.link('receipts', { no: no }), className: 'mono' }, no) : null;
    };
    return h(
      'section',
      { className: 'panel receipt-card', id: 'receipt-details', dataset: { receiptNo: r.receiptNo, status: r.status } },
      h('h2', null, h('span', { className: 'mono' }, r.receiptNo), ' ', Staff.badge(r.status)),
      Staff.facts([
        ['类型', r.official ? '捐赠票据（已关联公益事业捐赠票据）' : '捐赠证明（未关联公益事业捐赠票据）'],
        ['公益事业捐赠票据', r.official ? officialText(r.official) : null, 'mono'],
        ['活动', r.campaignTitle + '（' + r.campaignCode + '）'],
        ['订单号', r.orderNo, 'mono'],
        ['合并开具', r.aggregate ? giftList(r.gifts) : null],
        ['捐赠人', r.donorName],
        ['交款人（抬头）', r.invoiceTitle],
        ['统一社会信用代码', r.payerCreditCode, 'mono'],
        ['复核人', r.reviewer],
        ['收款人', r.payee],
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

  function officialText(o) {
    var kind = o.kind === 'paper' ? '纸质' : o.source === 'platform' ? '财政电子（平台）' : '财政电子（手工录入）';
    return kind + ' 代码 ' + o.code + ' 号码 ' + o.number + (o.checkCode ? ' 校验码 ' + o.checkCode : '') + (o.voided ? '（随记录作废）' : '');
  }

  function giftList(gifts) {
    return h(
      'ol',
      { className: 'gift-list', id: 'receipt-gifts' },
      (gifts || []).map(function (g) {
        return h('li', null, h('span', { className: 'mono' }, g.orderNo), ' ', Staff.yuan(g.amountFen), ' ', Staff.time(g.donatedAt));
      }),
    );
  }

  /** Attach the official receipt: a number entered from the 财政电子票据 portal, or the next (or a given) paper number of a book. */
  function officialForms(r, message, reload) {
    var base = '/api/staff/receipts/' + encodeURIComponent(r.receiptNo);
    var done = function (res) {
      Staff.toast('已关联公益事业捐赠票据 ' + res.official.code + ' ' + res.official.number + '，PDF 将重新生成为捐赠票据', 'ok');
      reload();
    };
    var failed = function (error) {
      Staff.fill(message, Staff.alert(Staff.errorText(error)));
    };
    var fiscal = h(
      'form',
      { className: 'grid-form', id: 'fiscal-form' },
      h('h3', null, '财政电子票据（在财政票据平台开具后录入）'),
      Staff.field('票据代码', h('input', { name: 'code', required: true, pattern: '\\d{8}', maxlength: 8, inputmode: 'numeric' }), '8 位数字'),
      Staff.field('票据号码', h('input', { name: 'number', required: true, pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '10 位数字'),
      Staff.field('校验码', h('input', { name: 'checkCode', required: true, maxlength: 64 })),
      Staff.field('开票日期', h('input', { name: 'issuedOn', type: 'date', required: true })),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '录入财政电子票据')),
    );
    fiscal.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = {
        code: fiscal.elements.code.value.trim(),
        number: fiscal.elements.number.value.trim(),
        checkCode: fiscal.elements.checkCode.value.trim(),
        issuedAt: fiscal.elements.issuedOn.value + 'T12:00:00+08:00',
      };
      Staff.busy(fiscal.querySelector('button'), function () {
        return Staff.api('POST', base + '/fiscal', body).then(done, failed);
      });
    });
    var books = h('select', { name: 'bookId', required: true }, h('option', { value: '' }, '请选择票据本'));
    Staff.api('GET', '/api/staff/receipt-books').then(
      function (res) {
        (res.items || [])
          .filter(function (b) {
            return b.status === 'open' && b.unused > 0;
          })
          .forEach(function (b) {
            books.appendChild(h('option', { value: b.id }, b.code + '：' + b.firstNumber + '–' + b.lastNumber + '（余 ' + b.unused + ' 张）'));
          });
      },
      function () {},
    );
    var paper = h(
      'form',
      { className: 'grid-form', id: 'paper-form' },
      h('h3', null, '纸质票据（从已登记的票据本取号）'),
      Staff.field('票据本', books),
      Staff.field('票据号码', h('input', { name: 'number', pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '留空则取本中最小的未用号码'),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '关联纸质票据')),
    );
    paper.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = { bookId: books.value };
      var number = paper.elements.number.value.trim();
      if (number) body.number = number;
      Staff.busy(paper.querySelector('button'), function () {
        return Staff.api('POST', base + '/paper', body).then(done, failed);
      });
    });
    return h('div', { className: 'panel official-forms', id: 'official-forms', hidden: true }, fiscal, paper);
  }

  /** The record in the field order of the official form (Art. 6), to print onto a paper 票据 or key into the portal. */
  function showForm(receiptNo, panel) {
    Staff.fill(panel, h('p', { className: 'muted' }, '正在加载…'));
    Staff.api('GET', '/api/staff/receipts/' + encodeURIComponent(receiptNo) + '/form').then(
      function (form) {
        var print = h('button', { type: 'button', className: 'btn btn-ghost', id: 'print-form' }, '打印');
        print.addEventListener('click', function () {
          window.print();
        });
        Staff.fill(
          panel,
          h('h3', null, '公益事业捐赠票据版式（第六条各项）'),
          Staff.facts(
            form.fields.map(function (f) {
              // 收款人 not configured: signed by hand; other empty fields do not apply (an individual has no credit code).
              return [f.label, f.value !== null ? f.value : f.key === 'payee' ? '（手写）' : '—'];
            }),
            'official-form',
          ),
          form.gifts && form.gifts.length
            ? Staff.table(
                ['序号', '捐赠日期', '订单号', '金额'],
                form.gifts.map(function (g, i) {
                  return h(
                    'tr',
                    null,
                    h('td', null, String(i + 1)),
                    h('td', null, g.donatedOn),
                    h('td', { className: 'mono' }, g.orderNo),
                    h('td', { className: 'num' }, g.amountFigures),
                  );
                }),
              )
            : null,
          h('div', { className: 'actions' }, print),
        );
      },
      function (error) {
        Staff.fill(panel, Staff.alert(Staff.errorText(error)));
      },
    );
  }

  function waitForReplacement(receiptNo, reload) {
    var tries = 0;
    (function poll() {
      Staff.api('GET', '/api/staff/receipts/' + encodeURIComponent(receiptNo)).then(
        function (r) {
          if (r.replacedByReceiptNo || ++tries > 60) return reload();
          setTimeout(poll, 1500);
        },
        function () {},
      );
    })();
  }

  function resultRow(r) {
    return h(
      'tr',
      { dataset: { receiptNo: r.receiptNo } },
      h('td', null, h('a', { href: Staff.link('receipts', { no: r.receiptNo }), className: 'mono receipt-row-link' }, r.receiptNo)),
      h('td', null, Staff.badge(r.status)),
      h('td', null, r.campaignCode),
      h('td', { className: 'mono' }, r.orderNo),
      h('td', null, r.donorName),
      h('td', { className: 'wrap' }, r.invoiceTitle),
      h('td', { className: 'num' }, Staff.yuan(r.amountFen)),
      h('td', null, Staff.time(r.issuedAt)),
      h('td', null, r.emailedAt ? Staff.time(r.emailedAt) : '未发送'),
    );
  }

  Staff.register('receipts', {
    title: '票据',
    roles: ['finance', 'auditor'],
    render: function (el, params) {
      var input = h('input', {
        name: 'q',
        type: 'search',
        maxlength: 100,
        value: params.q || params.no || '',
        placeholder: '票据号、订单号，或捐赠人 / 抬头中的字',
        id: 'receipt-query',
      });
      var status = h(
        'select',
        { name: 'status' },
        h('option', { value: '' }, '全部'),
        ['issued', 'voided'].map(function (s) {
          return h('option', { value: s, selected: params.status === s }, Staff.STATUS[s]);
        }),
      );
      var form = h(
        'form',
        { className: 'toolbar search-form', id: 'receipt-search' },
        Staff.field('查找票据', input),
        Staff.field('活动', Staff.campaignSelect('campaignCode', true, params.campaign)),
        Staff.field('状态', status),
        h('button', { type: 'submit', className: 'btn btn-primary' }, '查找'),
      );
      var exports = Staff.exportButtons('receipts', function () {
        return { campaignCode: form.elements.campaignCode.value, status: status.value };
      });
      var out = h('div', { id: 'receipt-out' });
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '票据'),
          h(
            'p',
            { className: 'muted' },
            '按记录编号、订单号或姓名查找；作废的号码永久保留，重开会取得新号码。未关联公益事业捐赠票据的记录是捐赠证明。',
            h('a', { href: Staff.link('receipt-books', {}), id: 'receipt-books-link' }, '纸质票据本'),
          ),
        ),
        form,
        h('div', { className: 'toolbar export-bar' }, h('span', { className: 'muted small' }, '按所选活动和状态导出票据：'), exports),
        out,
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var target = Staff.link('receipts', { q: input.value.trim(), campaign: form.elements.campaignCode.value, status: status.value });
        if (location.hash === target) render();
        else location.hash = target;
      });

      function load() {
        Staff.fill(out, h('p', { className: 'muted' }, '正在加载…'));
        return Staff.api('GET', '/api/staff/receipts/' + encodeURIComponent(params.no)).then(
          function (r) {
            if (Staff.current()) Staff.fill(out, receiptCard(r, load));
          },
          function (error) {
            if (Staff.current()) Staff.fill(out, Staff.alert(error.code === 'RECEIPT_NOT_FOUND' ? '没有找到票据 ' + params.no + '。' : Staff.errorText(error)));
          },
        );
      }
      return render();

      function render() {
        if (params.no) return load();
        if (params.q && RECEIPT_NO.test(params.q.toUpperCase())) return location.replace(Staff.link('receipts', { no: params.q.toUpperCase() }));
        var q = [];
        if (params.q) q.push('q=' + encodeURIComponent(params.q));
        if (params.campaign) q.push('campaignCode=' + encodeURIComponent(params.campaign));
        if (params.status) q.push('status=' + encodeURIComponent(params.status));
        Staff.fill(out, h('p', { className: 'muted' }, '正在加载…'));
        return Staff.api('GET', '/api/staff/receipts' + (q.length ? '?' + q.join('&') : '')).then(
          function (res) {
            if (!Staff.current()) return;
            var items = res.items || [];
            // A receipt or order number typed in full opens that receipt.
            var exact = params.q && items.length === 1 && (items[0].receiptNo === params.q.toUpperCase() || items[0].orderNo === params.q) ? items[0] : null;
            if (exact) return location.replace(Staff.link('receipts', { no: exact.receiptNo }));
            Staff.fill(
              out,
              h(
                'p',
                { className: 'muted', id: 'receipt-count' },
                items.length >= 200 ? '显示最新 200 张，请缩小条件或导出全部。' : '共 ' + items.length + ' 张',
              ),
              Staff.table(['票据号', '状态', '活动', '订单号', '捐赠人', '抬头', '金额', '开具时间', '邮件'], items.map(resultRow), '没有符合条件的票据。'),
            );
          },
          function (error) {
            if (Staff.current()) Staff.fill(out, Staff.alert(Staff.errorText(error)));
          },
        );
      }
    },
  });
})();
