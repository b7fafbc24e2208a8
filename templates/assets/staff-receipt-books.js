// Staff console: paper receipt books (纸质公益事业捐赠票据) — register, report, spoil a form, close a book (核旧).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var STATE = { unused: '未用', used: '已用', spoiled: '作废' };
  var BOOK_STATUS = { open: '在用', closed: '已核销' };

  function bookRow(b) {
    return h(
      'tr',
      { dataset: { bookId: b.id } },
      h('td', null, h('a', { href: Staff.link('receipt-books', { id: b.id }), className: 'mono book-link' }, b.code)),
      h('td', { className: 'mono' }, b.firstNumber + '–' + b.lastNumber),
      h('td', null, BOOK_STATUS[b.status] || b.status),
      h('td', { className: 'num' }, String(b.used)),
      h('td', { className: 'num' }, String(b.spoiled)),
      h('td', { className: 'num' }, String(b.unused)),
    );
  }

  function registerForm(reload) {
    var message = h('div', { className: 'form-message', id: 'book-register-message' });
    var form = h(
      'form',
      { className: 'grid-form panel', id: 'book-register' },
      h('h2', null, '登记票据本'),
      Staff.field('票据代码', h('input', { name: 'code', required: true, pattern: '\\d{8}', maxlength: 8, inputmode: 'numeric' }), '8 位数字'),
      Staff.field('起始号码', h('input', { name: 'firstNumber', required: true, pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '10 位数字'),
      Staff.field('终止号码', h('input', { name: 'lastNumber', required: true, pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '一本最多 10000 张'),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记')),
      message,
    );
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = {
        code: form.elements.code.value.trim(),
        firstNumber: form.elements.firstNumber.value.trim(),
        lastNumber: form.elements.lastNumber.value.trim(),
      };
      Staff.busy(form.querySelector('button'), function () {
        return Staff.api('POST', '/api/staff/receipt-books', body).then(
          function (book) {
            Staff.toast('已登记票据本 ' + book.code + '（' + book.firstNumber + '–' + book.lastNumber + '）', 'ok');
            location.hash = Staff.link('receipt-books', { id: book.id });
            reload();
          },
          function (error) {
            Staff.fill(message, Staff.alert(Staff.errorText(error)));
          },
        );
      });
    });
    return form;
  }

  function report(el, id, changed) {
    var message = h('div', { className: 'form-message', id: 'book-message' });
    function reload() {
      Staff.clear(message);
      changed();
      return load();
    }
    function load() {
      return Staff.api('GET', '/api/staff/receipt-books/' + encodeURIComponent(id)).then(
        function (b) {
          if (!Staff.current()) return;
          var actions = [];
          var panels = [];
          if (Staff.canFinance() && b.status === 'open') {
            var spoil = h(
              'form',
              { className: 'inline-form', id: 'spoil-form' },
              h('input', { name: 'number', required: true, pattern: '\\d{10}', maxlength: 10, placeholder: '作废的票据号码', inputmode: 'numeric' }),
              h('input', { name: 'reason', required: true, maxlength: 500, placeholder: '作废原因（必填）' }),
              h('button', { type: 'submit', className: 'btn btn-danger' }, '登记作废'),
            );
            spoil.addEventListener('submit', function (event) {
              event.preventDefault();
              var body = { number: spoil.elements.number.value.trim(), reason: spoil.elements.reason.value.trim() };
              Staff.busy(spoil.querySelector('button'), function () {
                return Staff.api('POST', '/api/staff/receipt-books/' + encodeURIComponent(id) + '/spoil', body).then(
                  function () {
                    Staff.toast('已登记作废 ' + body.number, 'ok');
                    reload();
                  },
                  function (error) {
                    Staff.fill(message, Staff.alert(Staff.errorText(error)));
                  },
                );
              });
            });
            panels.push(spoil);
            var close = h('button', { type: 'button', className: 'btn btn-ghost', id: 'close-book' }, '核销本册');
            close.addEventListener('click', function () {
              Staff.busy(close, function () {
                return Staff.api('POST', '/api/staff/receipt-books/' + encodeURIComponent(id) + '/close').then(
                  function () {
                    Staff.toast('票据本已核销', 'ok');
                    reload();
                  },
                  function (error) {
                    Staff.fill(message, Staff.alert(Staff.errorText(error)));
                  },
                );
              });
            });
            actions.push(close);
          }
          Staff.fill(
            el,
            h(
              'section',
              { className: 'panel', id: 'book-report', dataset: { bookId: b.id, status: b.status } },
              h('h2', null, '票据本 ', h('span', { className: 'mono' }, b.code), ' ', BOOK_STATUS[b.status] || b.status),
              Staff.facts([
                ['号码段', b.firstNumber + '–' + b.lastNumber, 'mono'],
                ['张数', String(b.size)],
                ['已用', String(b.used) + (b.usedByVoidedReceipts ? '（其中 ' + b.usedByVoidedReceipts + ' 张对应的记录已作废）' : '')],
                ['作废', String(b.spoiled)],
                ['未用', String(b.unused)],
                [
                  '未用号码段',
                  (b.unusedRanges || [])
                    .map(function (r) {
                      return r[0] === r[1] ? r[0] : r[0] + '–' + r[1];
                    })
                    .join('，'),
                  'mono',
                ],
                ['核销时间', b.closedAt ? Staff.time(b.closedAt) : null],
              ]),
              h('div', { className: 'actions' }, actions),
              panels,
              message,
              Staff.table(
                ['号码', '状态', '记录', '原因', '登记时间'],
                (b.entries || []).map(function (e) {
                  return h(
                    'tr',
                    { dataset: { number: e.number, state: e.state } },
                    h('td', { className: 'mono' }, e.number),
                    h('td', null, STATE[e.state] || e.state),
                    h(
                      'td',
                      null,
                      e.receiptNo ? h('a', { href: Staff.link('receipts', { no: e.receiptNo }), className: 'mono' }, e.receiptNo) : null,
                      e.receiptStatus === 'voided' ? '（已作废）' : null,
                    ),
                    h('td', { className: 'wrap' }, e.reason),
                    h('td', null, e.recordedAt ? Staff.time(e.recordedAt) : ''),
                  );
                }),
                '本册尚无已用或作废的号码。',
              ),
            ),
          );
        },
        function (error) {
          if (Staff.current()) Staff.fill(el, Staff.alert(Staff.errorText(error)));
        },
      );
    }
    return load();
  }

  Staff.register('receipt-books', {
    title: '纸质票据本',
    roles: ['finance', 'auditor'],
    // Reached from the receipts screen, not the menu.
    nav: false,
    render: function (el, params) {
      var list = h('div', { id: 'book-list' });
      var detail = h('div', { id: 'book-detail' });
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '纸质票据本'),
          h(
            'p',
            { className: 'muted' },
            '登记领用的纸质公益事业捐赠票据，每个号码只会是未用、已用或作废之一；号码用完或作废后方可核销（核旧领新）。',
            h('a', { href: Staff.link('receipts', {}) }, '返回票据'),
          ),
        ),
        Staff.canFinance() ? registerForm(loadList) : null,
        detail,
        list,
      );
      function loadList() {
        return Staff.api('GET', '/api/staff/receipt-books').then(
          function (res) {
            if (!Staff.current()) return;
            Staff.fill(list, Staff.table(['票据代码', '号码段', '状态', '已用', '作废', '未用'], (res.items || []).map(bookRow), '尚未登记票据本。'));
          },
          function (error) {
            if (Staff.current()) Staff.fill(list, Staff.alert(Staff.errorText(error)));
          },
        );
      }
      if (params.id) report(detail, params.id, loadList);
      return loadList();
    },
  });
})();
