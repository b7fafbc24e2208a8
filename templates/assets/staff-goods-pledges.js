// Staff console: goods, pledges — list, new pledge with its lines, a pledge with inspection per line,
// edit and cancel of what is outstanding, and the goods receipt (helpers in staff-goods.js).
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
  // ---- pledges ----
  function lineEditor(list) {
    var rows = h('div', { className: 'goods-lines' });
    function addRow() {
      var remove = h('button', { type: 'button', className: 'btn btn-ghost btn-small' }, '删除此行');
      var row = h(
        'div',
        { className: 'goods-line' },
        Staff.field('物资', itemSelect(list)),
        Staff.field('数量', h('input', { name: 'quantity', inputmode: 'numeric', required: true, autocomplete: 'off' })),
        Staff.field('申报价值（元，选填）', h('input', { name: 'valuation', inputmode: 'decimal', autocomplete: 'off' })),
        Staff.field('规格（选填）', h('input', { name: 'spec', maxlength: 200 })),
        Staff.field('批号（选填）', h('input', { name: 'batch', maxlength: 64 })),
        Staff.field('有效期至（选填）', h('input', { name: 'expiresAt', type: 'date' })),
        h('div', { className: 'goods-line-actions' }, remove),
      );
      remove.addEventListener('click', function () {
        if (rows.children.length > 1) rows.removeChild(row);
      });
      rows.appendChild(row);
    }
    addRow();
    var add = h('button', { type: 'button', className: 'btn btn-ghost', id: 'add-line' }, '添加物资');
    add.addEventListener('click', addRow);
    return {
      el: h('div', { className: 'goods-lines-box' }, rows, add),
      /** The lines as the API wants them, or a message saying what is wrong. */
      read: function () {
        var out = [];
        for (var i = 0; i < rows.children.length; i++) {
          var q = function (n) {
            return rows.children[i].querySelector('[name=' + n + ']').value.trim();
          };
          if (!q('itemCode')) return '第 ' + (i + 1) + ' 行：请选择物资。';
          var quantity = wholeNumber(q('quantity'));
          if (!quantity) return '第 ' + (i + 1) + ' 行：数量须为正整数。';
          var line = { itemCode: q('itemCode'), quantity: quantity };
          if (q('valuation')) {
            var fen = Staff.parseYuan(q('valuation'));
            if (fen === null) return '第 ' + (i + 1) + ' 行：申报价值须为元金额，最多两位小数。';
            line.valuationFen = fen;
          }
          if (q('spec')) line.spec = q('spec');
          if (q('batch')) line.batch = q('batch');
          if (q('expiresAt')) line.expiresAt = q('expiresAt');
          out.push(line);
        }
        return out;
      },
    };
  }

  function pledgeForm(code, list, onDone) {
    var msg = message('pledge-message');
    var lines = lineEditor(list);
    var key = newKey();
    var form = h(
      'form',
      { id: 'pledge-form', className: 'grid-form', novalidate: true },
      Staff.field('捐赠方名称', h('input', { name: 'donorName', required: true, maxlength: 100, placeholder: '例如 武汉某医疗器械有限公司' })),
      Staff.field(
        '捐赠方类型',
        h('select', { name: 'donorType' }, h('option', { value: 'organization' }, '单位'), h('option', { value: 'individual' }, '个人')),
      ),
      Staff.field('联系电话（选填）', h('input', { name: 'phone', inputmode: 'tel', maxlength: 20, autocomplete: 'off' }), '加密保存，只显示部分号码'),
      Staff.field('备注（选填）', h('input', { name: 'note', maxlength: 500 })),
      h('div', { className: 'form-wide' }, h('h3', null, '认捐物资'), lines.el),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '提交认捐')),
    );
    form.addEventListener('input', function () {
      key = newKey(); // a changed form is a new request
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var f = form.elements;
      if (!f.donorName.value.trim()) return say(msg, '请填写捐赠方名称。');
      var read = lines.read();
      if (typeof read === 'string') return say(msg, read);
      var body = { campaignCode: code, donor: { name: f.donorName.value.trim(), donorType: f.donorType.value }, items: read };
      if (f.phone.value.trim()) body.donor.phone = f.phone.value.trim();
      if (f.note.value.trim()) body.note = f.note.value.trim();
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return send('POST', '/api/staff/in-kind-donations', body, key).then(
          function (p) {
            Staff.toast('已登记认捐：' + p.donor.name, 'ok');
            onDone(p);
          },
          function (error) {
            say(msg, problem(error));
          },
        );
      });
    });
    return h('details', { className: 'add-box', id: 'pledge-new' }, h('summary', null, '登记认捐'), form, msg);
  }

  function pledgeList(el, code, params) {
    var filter = h(
      'select',
      { name: 'filter', id: 'pledge-filter' },
      [
        ['', '全部'],
        ['open', '尚有待到货'],
        ['pledged', '待到货'],
        ['received', '已到货'],
        ['cancelled', '已取消'],
      ].map(function (o) {
        return h('option', { value: o[0], selected: (params.filter || '') === o[0] }, o[1]);
      }),
    );
    filter.addEventListener('change', function () {
      location.hash = Staff.link('goods', { tab: 'pledges', campaign: code, filter: filter.value });
    });
    var list = h('div', { id: 'pledge-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var query =
      '?campaignCode=' +
      encodeURIComponent(code) +
      (params.filter === 'open' ? '&outstanding=true' : params.filter ? '&status=' + encodeURIComponent(params.filter) : '');
    return items().then(function (c) {
      if (!Staff.current()) return;
      if (canGoods()) {
        el.appendChild(
          pledgeForm(code, c.list, function (p) {
            location.hash = Staff.link('goods', { tab: 'pledges', campaign: code, id: p.id });
          }),
        );
      }
      el.appendChild(panel('认捐记录', null, h('div', { className: 'toolbar' }, Staff.field('状态', filter)), list));
      return Staff.api('GET', '/api/staff/in-kind-donations' + query).then(function (res) {
        Staff.fill(
          list,
          Staff.table(
            ['登记时间', '捐赠方', '物资', '认捐', '待到货', '状态', ''],
            (res.items || []).map(function (p) {
              return h(
                'tr',
                { dataset: { id: p.id } },
                h('td', null, Staff.time(p.createdAt)),
                h(
                  'td',
                  { className: 'wrap' },
                  h('strong', null, p.donor.name),
                  h('div', { className: 'muted small' }, DONOR_TYPE[p.donor.donorType] + (p.donor.phone ? ' · ' + p.donor.phone : '')),
                ),
                h(
                  'td',
                  { className: 'wrap' },
                  p.items
                    .map(function (l) {
                      return l.name;
                    })
                    .join('、'),
                ),
                h(
                  'td',
                  { className: 'wrap' },
                  p.items
                    .map(function (l) {
                      return l.name + ' ' + qty(l.quantity, l.unit);
                    })
                    .join('；'),
                ),
                h('td', { className: 'num' }, p.outstandingQuantity ? h('strong', null, String(p.outstandingQuantity)) : '0'),
                h('td', null, statusBadge(p)),
                h(
                  'td',
                  null,
                  h('a', { className: 'btn btn-ghost btn-small', href: Staff.link('goods', { tab: 'pledges', campaign: code, id: p.id }) }, '查看'),
                ),
              );
            }),
            '还没有认捐记录。',
          ),
        );
      });
    });
  }

  function inspectForm(p, reload) {
    var msg = message('inspect-message');
    var key = newKey();
    var open = p.items.filter(function (l) {
      return l.outstandingQuantity > 0;
    });
    var reasons = h(
      'datalist',
      { id: 'reject-reasons' },
      REJECT_REASONS.map(function (r) {
        return h('option', { value: r });
      }),
    );
    var rows = open.map(function (l) {
      return h(
        'div',
        { className: 'goods-line', dataset: { item: l.itemCode } },
        h(
          'div',
          { className: 'goods-line-title' },
          h('strong', null, l.name),
          h('span', { className: 'muted small' }, '待到货 ' + qty(l.outstandingQuantity, l.unit)),
          l.expired ? h('span', { className: 'tag tag-warn' }, '已过有效期') : null,
        ),
        Staff.field('合格入库', h('input', { name: 'accepted', inputmode: 'numeric', autocomplete: 'off', placeholder: '0' })),
        Staff.field('不合格', h('input', { name: 'rejected', inputmode: 'numeric', autocomplete: 'off', placeholder: '0' })),
        Staff.field('不合格原因', h('input', { name: 'reason', list: 'reject-reasons', maxlength: 200, placeholder: '例如 包装破损' })),
      );
    });
    var form = h(
      'form',
      { id: 'inspect-form', novalidate: true },
      reasons,
      h('div', { className: 'goods-lines' }, rows),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '提交验收')),
    );
    form.addEventListener('input', function () {
      key = newKey();
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var out = [];
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var l = open[i];
        var a = row.querySelector('[name=accepted]').value.trim();
        var r = row.querySelector('[name=rejected]').value.trim();
        var reason = row.querySelector('[name=reason]').value.trim();
        if (!a && !r) continue;
        var accepted = a ? wholeNumber(a) : 0;
        var rejected = r ? wholeNumber(r) : 0;
        if (accepted === null || rejected === null) return say(msg, l.name + '：数量须为整数。');
        if (accepted + rejected === 0) continue;
        if (accepted + rejected > l.outstandingQuantity)
          return say(msg, l.name + '：合格与不合格合计 ' + (accepted + rejected) + '，超过待到货 ' + l.outstandingQuantity + '。');
        if (rejected > 0 && !reason) return say(msg, l.name + '：请填写不合格原因。');
        var item = { itemCode: l.itemCode, acceptedQuantity: accepted, rejectedQuantity: rejected };
        if (reason) item.reason = reason;
        out.push(item);
      }
      if (!out.length) return say(msg, '请至少填写一种物资的验收数量。');
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return send('POST', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id) + '/inspections', { items: out }, key).then(
          function () {
            Staff.toast('验收已记录，合格物资已入库', 'ok');
            reload();
          },
          function (error) {
            say(msg, problem(error));
          },
        );
      });
    });
    return panel(
      '验收到货',
      'inspect-panel',
      h('p', { className: 'muted' }, '按本次实际到货填写；分批到货可多次验收。只有合格数量计入库存和公示。'),
      form,
      msg,
    );
  }

  function editForm(p, reload) {
    var msg = message('edit-message');
    var open = p.items.filter(function (l) {
      return l.outstandingQuantity > 0;
    });
    var rows = open.map(function (l) {
      var inspected = l.acceptedQuantity + l.rejectedQuantity;
      return h(
        'div',
        { className: 'goods-line', dataset: { item: l.itemCode } },
        h(
          'div',
          { className: 'goods-line-title' },
          h('strong', null, l.name),
          inspected ? h('span', { className: 'muted small' }, '已验收 ' + qty(inspected, l.unit)) : null,
        ),
        Staff.field('认捐数量', h('input', { name: 'quantity', inputmode: 'numeric', value: String(l.quantity), autocomplete: 'off' })),
        Staff.field(
          '申报价值（元）',
          h('input', {
            name: 'valuation',
            inputmode: 'decimal',
            value: l.valuationFen === null ? '' : Staff.yuan(l.valuationFen).replace(/[¥,]/g, ''),
            autocomplete: 'off',
          }),
        ),
        Staff.field('规格', h('input', { name: 'spec', maxlength: 200, value: l.spec || '' })),
        Staff.field('批号', h('input', { name: 'batch', maxlength: 64, value: l.batch || '' })),
        Staff.field('有效期至', h('input', { name: 'expiresAt', type: 'date', value: l.expiresAt || '' })),
      );
    });
    var reason = h('input', { name: 'reason', maxlength: 200, placeholder: '修改原因（选填）', className: 'reason-input' });
    var form = h(
      'form',
      { id: 'edit-form', novalidate: true },
      h('div', { className: 'goods-lines' }, rows),
      h('div', { className: 'inline-form' }, reason, h('button', { type: 'submit', className: 'btn btn-primary' }, '保存修改')),
    );
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var changes = [];
      for (var i = 0; i < rows.length; i++) {
        var l = open[i];
        var v = function (n) {
          return rows[i].querySelector('[name=' + n + ']').value.trim();
        };
        var c = { itemCode: l.itemCode };
        var quantity = wholeNumber(v('quantity'));
        if (!quantity) return say(msg, l.name + '：认捐数量须为正整数。');
        if (quantity < l.acceptedQuantity + l.rejectedQuantity)
          return say(msg, l.name + '：认捐数量不能少于已验收的 ' + (l.acceptedQuantity + l.rejectedQuantity) + '。');
        if (quantity !== l.quantity) c.quantity = quantity;
        var fen = v('valuation') ? Staff.parseYuan(v('valuation')) : null;
        if (v('valuation') && fen === null) return say(msg, l.name + '：申报价值须为元金额，最多两位小数。');
        if (fen !== l.valuationFen) c.valuationFen = fen;
        [
          ['spec', 'spec'],
          ['batch', 'batch'],
          ['expiresAt', 'expiresAt'],
        ].forEach(function (k) {
          var now = v(k[0]) || null;
          if (now !== (l[k[1]] || null)) c[k[0]] = now;
        });
        if (Object.keys(c).length > 1) changes.push(c);
      }
      if (!changes.length) return say(msg, '没有需要保存的修改。');
      var body = { items: changes };
      if (reason.value.trim()) body.reason = reason.value.trim();
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return send('PATCH', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id), body).then(
          function () {
            Staff.toast('认捐已修改', 'ok');
            reload();
          },
          function (error) {
            say(msg, problem(error));
          },
        );
      });
    });
    return h('details', { className: 'add-box', id: 'edit-box' }, h('summary', null, '修改认捐'), form, msg);
  }

  function cancelForm(p, reload) {
    var msg = message('cancel-message');
    var reason = h('input', { name: 'reason', maxlength: 200, required: true, placeholder: '取消原因（必填）', className: 'reason-input' });
    var form = h(
      'form',
      { id: 'cancel-form', className: 'inline-form', novalidate: true },
      reason,
      h('button', { type: 'submit', className: 'btn btn-danger' }, '确认取消剩余'),
    );
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!reason.value.trim()) return say(msg, '请填写取消原因。');
      Staff.busy(form.querySelector('button'), function () {
        return send('POST', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id) + '/cancel', { reason: reason.value.trim() }).then(
          function () {
            Staff.toast('已取消未到货部分', 'ok');
            reload();
          },
          function (error) {
            say(msg, problem(error));
          },
        );
      });
    });
    var note =
      p.status === 'pledged' ? '尚无物资到货：取消后整笔认捐作废。' : '已到货的合格物资保留在库存中，只取消尚未到货的 ' + p.outstandingQuantity + ' 件。';
    return h('details', { className: 'add-box', id: 'cancel-box' }, h('summary', null, '取消剩余认捐'), h('p', { className: 'muted' }, note), form, msg);
  }

  function receiptForm(p) {
    var msg = message('receipt-message');
    var form = h(
      'form',
      { id: 'goods-receipt-form', className: 'grid-form', novalidate: true },
      Staff.field(
        '捐赠方类型',
        h(
          'select',
          { name: 'donorType' },
          h('option', { value: 'organization', selected: p.donor.donorType === 'organization' }, '单位'),
          h('option', { value: 'individual', selected: p.donor.donorType === 'individual' }, '个人'),
        ),
      ),
      Staff.field('捐赠方名称', h('input', { name: 'name', maxlength: 100, value: p.donor.name })),
      Staff.field('统一社会信用代码 / 身份证号', h('input', { name: 'idCode', maxlength: 32, autocomplete: 'off' })),
      Staff.field('票据抬头', h('input', { name: 'invoiceTitle', maxlength: 100, value: p.donor.name })),
      Staff.field('手机号', h('input', { name: 'phone', inputmode: 'tel', maxlength: 20, autocomplete: 'off' })),
      Staff.field('电子邮箱', h('input', { name: 'email', type: 'email', maxlength: 254, autocomplete: 'off' })),
      Staff.field('邮寄地址（选填）', h('input', { name: 'mailingAddress', maxlength: 300, autocomplete: 'off' })),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '申请捐赠证明/票据')),
    );
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var f = form.elements;
      var body = {
        donorType: f.donorType.value,
        name: f.name.value.trim(),
        invoiceTitle: f.invoiceTitle.value.trim(),
        phone: f.phone.value.trim(),
        email: f.email.value.trim(),
      };
      if (f.idCode.value.trim()) body[body.donorType === 'organization' ? 'creditCode' : 'idNumber'] = f.idCode.value.trim();
      if (f.mailingAddress.value.trim()) body.mailingAddress = f.mailingAddress.value.trim();
      if (!body.name || !body.invoiceTitle || !body.phone || !body.email) return say(msg, '请填写名称、票据抬头、手机号和邮箱。');
      Staff.busy(form.querySelector('button'), function () {
        return send('POST', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id) + '/receipt-requests', body).then(
          function (r) {
            say(msg, '已提交票据申请（' + Staff.yuan(r.amountFen) + '），开具后将发送至 ' + body.email.replace(/^(.).*(@.*)$/, '$1***$2') + '。', 'ok');
            form.hidden = true;
          },
          function (error) {
            say(msg, problem(error));
          },
        );
      });
    });
    return panel(
      '捐赠证明/票据',
      'goods-receipt-panel',
      h('p', { className: 'muted' }, '按合格物资的申报价值 ' + p.acceptedValueYuan + ' 元开具，与现金捐赠同一编号序列。'),
      form,
      msg,
    );
  }

  function pledgeDetail(el, code, id) {
    var box = h('div', { id: 'pledge-detail' }, h('p', { className: 'muted' }, '正在加载…'));
    el.appendChild(h('p', null, h('a', { href: Staff.link('goods', { tab: 'pledges', campaign: code }) }, '← 返回认捐列表')));
    el.appendChild(box);
    function reload() {
      return Staff.api('GET', '/api/staff/in-kind-donations/' + encodeURIComponent(id)).then(function (p) {
        if (!Staff.current()) return;
        box.dataset.status = p.status;
        var facts = Staff.facts([
          ['捐赠方', p.donor.name + '（' + DONOR_TYPE[p.donor.donorType] + '）'],
          ['联系电话', p.donor.phone],
          ['状态', statusBadge(p)],
          ['登记时间', Staff.time(p.createdAt)],
          ['首次到货', p.firstReceivedAt ? Staff.time(p.firstReceivedAt) : null],
          ['合格物资价值', p.acceptedValueFen ? Staff.yuan(p.acceptedValueFen) : null],
          ['取消', p.cancelled ? Staff.time(p.cancelled.at) + '：' + p.cancelled.reason : null],
          ['备注', p.note],
        ]);
        var lines = Staff.table(
          ['物资', '规格 / 批号', '有效期', '认捐', '合格', '不合格', '已取消', '待到货', '申报价值'],
          p.items.map(function (l) {
            return h(
              'tr',
              { dataset: { item: l.itemCode } },
              h('td', null, h('strong', null, l.name)),
              h('td', { className: 'wrap' }, [l.spec, l.batch ? '批号 ' + l.batch : null].filter(Boolean).join(' · ') || '—'),
              h('td', null, l.expiresAt || '—', l.expired ? h('span', { className: 'tag tag-warn' }, '已过期') : null),
              h('td', { className: 'num' }, qty(l.quantity, l.unit)),
              h('td', { className: 'num' }, String(l.acceptedQuantity)),
              h('td', { className: 'num' }, String(l.rejectedQuantity)),
              h('td', { className: 'num' }, String(l.cancelledQuantity)),
              h('td', { className: 'num outstanding' }, String(l.outstandingQuantity)),
              h('td', { className: 'num' }, l.valuationFen === null ? '—' : Staff.yuan(l.valuationFen)),
            );
          }),
        );
        var history = Staff.table(
          ['验收时间', '物资', '合格', '不合格', '原因'],
          [].concat.apply(
            [],
            p.inspections.map(function (i) {
              return i.items.map(function (l) {
                var item = p.items.filter(function (x) {
                  return x.itemCode === l.itemCode;
                })[0];
                return h(
                  'tr',
                  null,
                  h('td', null, Staff.time(i.inspectedAt)),
                  h('td', null, item ? item.name : l.itemCode),
                  h('td', { className: 'num' }, String(l.acceptedQuantity)),
                  h('td', { className: 'num' }, String(l.rejectedQuantity)),
                  h('td', { className: 'wrap' }, l.reason || '—'),
                );
              });
            }),
          ),
          '还没有验收记录。',
        );
        var writable = canGoods() && !p.cancelled && p.outstandingQuantity > 0;
        Staff.fill(
          box,
          panel('认捐详情', null, facts, lines, writable ? h('div', { className: 'actions' }, editForm(p, reload), cancelForm(p, reload)) : null),
          writable ? inspectForm(p, reload) : null,
          p.receiptEligible && (Staff.canFinance() || canGoods()) ? receiptForm(p) : null,
          panel('验收记录', 'inspection-history', history),
        );
      });
    }
    return reload();
  }

  G.pages.pledgeList = pledgeList;
  G.pages.pledgeDetail = pledgeDetail;
})();
