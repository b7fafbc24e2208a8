// Staff console: goods, stock per item with the movements behind it and adjustments, and distributions
// with their delivery notes (helpers in staff-goods.js).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var G = Staff.goods;
  var canGoods = G.canGoods,
    items = G.items,
    newKey = G.newKey,
    send = G.send,
    problem = G.problem,
    qty = G.qty,
    wholeNumber = G.wholeNumber;
  var statusBadge = G.statusBadge,
    itemSelect = G.itemSelect,
    message = G.message,
    say = G.say,
    panel = G.panel;
  var PLEDGE_STATUS = G.PLEDGE_STATUS,
    DONOR_TYPE = G.DONOR_TYPE,
    MOVE_KIND = G.MOVE_KIND,
    REJECT_REASONS = G.REJECT_REASONS;
  // ---- stock ----
  function stockPage(el, code, params) {
    var table = h('div', { id: 'stock-table' }, h('p', { className: 'muted' }, '正在加载…'));
    var check = h('p', { id: 'stock-check', className: 'muted small' });
    var moves = h('div', { id: 'movement-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var base = '?campaignCode=' + encodeURIComponent(code);
    var adjust = null;
    function load() {
      Staff.api('GET', '/api/staff/in-kind/stock/reconciliation' + base).then(
        function (r) {
          check.textContent = r.consistent ? '✓ 库存与出入库流水逐项核对一致。' : '⚠ 库存与流水不一致，请联系管理员核查。';
          check.className = r.consistent ? 'small amount-ok' : 'small amount-bad';
        },
        function () {},
      );
      Staff.api('GET', '/api/staff/in-kind/stock/movements' + base + (params.item ? '&itemCode=' + encodeURIComponent(params.item) : '') + '&limit=200').then(
        function (res) {
          Staff.fill(
            moves,
            Staff.table(
              ['时间', '物资', '类型', '数量', '来源 / 原因', '操作人'],
              res.items.map(function (m) {
                var source =
                  m.kind === 'received' && m.inKindDonationId
                    ? h('a', { href: Staff.link('goods', { tab: 'pledges', campaign: code, id: m.inKindDonationId }) }, '查看认捐')
                    : m.kind === 'distributed'
                      ? '发往 ' + (m.recipient || '—')
                      : m.reason || '—';
                return h(
                  'tr',
                  { dataset: { kind: m.kind } },
                  h('td', null, Staff.time(m.createdAt)),
                  h('td', null, m.name),
                  h('td', null, MOVE_KIND[m.kind] || m.kind),
                  h('td', { className: 'num' }, (m.quantity > 0 ? '+' : '') + m.quantity + ' ' + m.unit),
                  h('td', { className: 'wrap' }, source),
                  h('td', { className: 'small' }, m.actorEmail || '—'),
                );
              }),
              '还没有出入库记录。',
            ),
          );
        },
        function (error) {
          Staff.fill(moves, Staff.alert(Staff.errorText(error)));
        },
      );
      return Staff.api('GET', '/api/staff/in-kind/stock' + base).then(
        function (res) {
          Staff.fill(
            table,
            Staff.table(
              ['物资', '类别', '验收入库', '已发放', '调整', '现有库存', ''],
              res.items.map(function (s) {
                return h(
                  'tr',
                  { dataset: { item: s.itemCode }, className: params.item === s.itemCode ? 'is-selected' : null },
                  h('td', null, h('strong', null, s.name)),
                  h('td', null, s.category),
                  h('td', { className: 'num' }, qty(s.receivedQuantity, s.unit)),
                  h('td', { className: 'num' }, qty(s.distributedQuantity, s.unit)),
                  h('td', { className: 'num' }, String(s.adjustedQuantity)),
                  h('td', { className: 'num on-hand' }, h('strong', null, qty(s.onHandQuantity, s.unit))),
                  h(
                    'td',
                    null,
                    h('a', { className: 'btn btn-ghost btn-small', href: Staff.link('goods', { tab: 'stock', campaign: code, item: s.itemCode }) }, '查看流水'),
                  ),
                );
              }),
              '还没有入库的物资。',
            ),
          );
        },
        function (error) {
          Staff.fill(table, Staff.alert(Staff.errorText(error)));
        },
      );
    }
    return items().then(function (c) {
      if (!Staff.current()) return;
      if (canGoods()) {
        var msg = message('adjust-message');
        msg.className += ' form-wide';
        adjust = h(
          'form',
          { id: 'adjust-form', className: 'grid-form', novalidate: true },
          Staff.field('物资', itemSelect(c.list, 'itemCode', params.item)),
          Staff.field('调整数量', h('input', { name: 'quantity', inputmode: 'numeric', autocomplete: 'off', placeholder: '盘亏填负数，如 -20' })),
          Staff.field('原因', h('input', { name: 'reason', maxlength: 200, placeholder: '例如 仓库盘点：20只受潮' })),
          h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记调整')),
          msg,
        );
        adjust.addEventListener('submit', function (event) {
          event.preventDefault();
          var f = adjust.elements;
          var n = /^[-+]?\d{1,9}$/.test(f.quantity.value.trim()) ? Number(f.quantity.value.trim()) : 0;
          if (!f.itemCode.value || !n) return say(msg, '请选择物资，并填写非零的整数调整数量。');
          if (!f.reason.value.trim()) return say(msg, '请填写调整原因。');
          Staff.busy(adjust.querySelector('button'), function () {
            return send('POST', '/api/staff/in-kind/adjustments', {
              campaignCode: code,
              itemCode: f.itemCode.value,
              quantity: n,
              reason: f.reason.value.trim(),
            }).then(
              function (s) {
                say(msg, '已调整：' + s.name + ' 现有 ' + qty(s.onHandQuantity, s.unit) + '。', 'ok');
                f.quantity.value = '';
                f.reason.value = '';
                load();
              },
              function (error) {
                say(msg, problem(error, c.byCode));
              },
            );
          });
        });
      }
      var title = params.item && c.byCode[params.item] ? '出入库流水：' + c.byCode[params.item].name : '出入库流水（全部物资）';
      el.appendChild(panel('库存', null, h('p', { className: 'muted' }, '库存由每一笔入库、发放和调整流水累计得出，可随时重算核对。'), table, check));
      if (adjust) el.appendChild(h('details', { className: 'add-box panel', id: 'adjust-box' }, h('summary', null, '库存调整（盘点、损耗）'), adjust));
      el.appendChild(
        panel(
          title,
          'movements-panel',
          params.item ? h('p', null, h('a', { href: Staff.link('goods', { tab: 'stock', campaign: code }) }, '显示全部物资')) : null,
          moves,
        ),
      );
      return load();
    });
  }

  // ---- distributions ----
  function distributionsPage(el, code) {
    var list = h('div', { id: 'distribution-list' }, h('p', { className: 'muted' }, '正在加载…'));
    function load() {
      return Staff.api('GET', '/api/staff/distributions?campaignCode=' + encodeURIComponent(code)).then(
        function (res) {
          Staff.fill(
            list,
            Staff.table(
              ['时间', '接收单位', '物资', '交接单'],
              res.items.map(function (d) {
                var download = h('button', { type: 'button', className: 'btn btn-ghost btn-small download-note' }, '下载交接单');
                download.addEventListener('click', function () {
                  Staff.busy(download, function () {
                    return Staff.fetchFile(d.deliveryNoteUrl, 'delivery-note.pdf').then(function (file) {
                      Staff.saveBlob(file.blob, file.filename);
                    });
                  }).catch(function (error) {
                    Staff.toast(Staff.errorText(error), 'bad');
                  });
                });
                return h(
                  'tr',
                  { dataset: { id: d.id } },
                  h('td', null, Staff.time(d.createdAt)),
                  h('td', { className: 'wrap' }, h('strong', null, d.recipient), d.note ? h('div', { className: 'muted small' }, d.note) : null),
                  h(
                    'td',
                    { className: 'wrap' },
                    d.items
                      .map(function (i) {
                        return i.name + ' ' + qty(i.quantity, i.unit);
                      })
                      .join('；'),
                  ),
                  h('td', null, download),
                );
              }),
              '还没有发放记录。',
            ),
          );
        },
        function (error) {
          Staff.fill(list, Staff.alert(Staff.errorText(error)));
        },
      );
    }
    return Promise.all([items(), Staff.api('GET', '/api/staff/in-kind/stock?campaignCode=' + encodeURIComponent(code))]).then(function (r) {
      if (!Staff.current()) return;
      var c = r[0];
      var inStock = r[1].items.filter(function (s) {
        return s.onHandQuantity > 0;
      });
      if (canGoods()) el.appendChild(distributionForm(code, inStock, c.byCode, load));
      el.appendChild(panel('发放记录', null, list));
      return load();
    });
  }

  function distributionForm(code, inStock, byCode, onDone) {
    var msg = message('distribution-message');
    var key = newKey();
    var rows = h('div', { className: 'goods-lines' });
    function addRow() {
      var select = h(
        'select',
        { name: 'itemCode' },
        h('option', { value: '' }, '请选择物资'),
        inStock.map(function (s) {
          return h('option', { value: s.itemCode }, s.name + '（现有 ' + s.onHandQuantity + ' ' + s.unit + '）');
        }),
      );
      rows.appendChild(
        h(
          'div',
          { className: 'goods-line' },
          Staff.field('物资', select),
          Staff.field('数量', h('input', { name: 'quantity', inputmode: 'numeric', autocomplete: 'off' })),
        ),
      );
    }
    addRow();
    /** After a distribution the pickers show what is left. */
    function refreshStock() {
      Staff.api('GET', '/api/staff/in-kind/stock?campaignCode=' + encodeURIComponent(code)).then(
        function (res) {
          inStock = res.items;
          Array.prototype.forEach.call(rows.querySelectorAll('select[name=itemCode] option[value]'), function (o) {
            var s = res.items.filter(function (x) {
              return x.itemCode === o.value;
            })[0];
            if (s) o.textContent = s.name + '（现有 ' + s.onHandQuantity + ' ' + s.unit + '）';
          });
        },
        function () {},
      );
    }
    var add = h('button', { type: 'button', className: 'btn btn-ghost', id: 'add-distribution-line' }, '添加物资');
    add.addEventListener('click', addRow);
    var form = h(
      'form',
      { id: 'distribution-form', className: 'grid-form', novalidate: true },
      Staff.field('接收单位', h('input', { name: 'recipient', maxlength: 200, placeholder: '例如 武汉市金银潭医院' })),
      Staff.field('备注（选填）', h('input', { name: 'note', maxlength: 500 })),
      h('div', { className: 'form-wide' }, rows, add),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '确认发放')),
    );
    form.addEventListener('input', function () {
      key = newKey();
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var f = form.elements;
      if (!f.recipient.value.trim()) return say(msg, '请填写接收单位。');
      var out = [];
      for (var i = 0; i < rows.children.length; i++) {
        var itemCode = rows.children[i].querySelector('[name=itemCode]').value;
        var n = wholeNumber(rows.children[i].querySelector('[name=quantity]').value);
        if (!itemCode && !n) continue;
        if (!itemCode || !n) return say(msg, '第 ' + (i + 1) + ' 行：请选择物资并填写正整数数量。');
        out.push({ itemCode: itemCode, quantity: n });
      }
      if (!out.length) return say(msg, '请至少填写一种物资。');
      var body = { campaignCode: code, recipient: f.recipient.value.trim(), items: out };
      if (f.note.value.trim()) body.note = f.note.value.trim();
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return send('POST', '/api/staff/distributions', body, key).then(
          function (d) {
            say(msg, '已发放给 ' + d.recipient + '，可在下方下载交接单。', 'ok');
            key = newKey();
            refreshStock();
            onDone();
          },
          function (error) {
            say(msg, problem(error, byCode));
          },
        );
      });
    });
    return panel('新建发放', 'distribution-panel', inStock.length ? null : h('p', { className: 'muted' }, '当前没有库存物资。'), form, msg);
  }

  G.pages.stock = stockPage;
  G.pages.distributions = distributionsPage;
})();
