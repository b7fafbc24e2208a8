// Staff console: goods — catalogue, pledges (inspection, edit, cancel, goods receipt), stock with its
// movements and adjustments, distributions with delivery notes. Warehouse and admin change things;
// finance and auditors see the same pages read-only (finance and warehouse may ask for a goods receipt).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var TABS = [
    ['pledges', '认捐与验收'],
    ['stock', '库存'],
    ['distributions', '发放'],
    ['catalogue', '物资目录'],
  ];
  var PLEDGE_STATUS = { pledged: '待到货', received: '已到货', cancelled: '已取消' };
  var DONOR_TYPE = { organization: '单位', individual: '个人' };
  var MOVE_KIND = { received: '验收入库', distributed: '发放出库', adjusted: '库存调整' };
  var REJECT_REASONS = ['不符合医用标准', '包装破损', '已过期', '非医用级', '规格不符'];
  var catalogue = null;

  function canGoods() {
    return !!Staff.me && (Staff.me.role === 'admin' || Staff.me.role === 'warehouse');
  }

  /** The catalogue, fetched once per page: code → item. */
  function items() {
    if (!catalogue) {
      catalogue = Staff.api('GET', '/api/in-kind/items').then(function (res) {
        var byCode = {};
        (res.items || []).forEach(function (i) { byCode[i.code] = i; });
        return { list: res.items || [], byCode: byCode };
      }, function (error) {
        catalogue = null;
        throw error;
      });
    }
    return catalogue;
  }

  /** A key for one form: a retry or a double click of the same submission writes once. */
  function newKey() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return 'console-' + Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  /** Like Staff.api, with an optional Idempotency-Key, and the error's details kept for the message. */
  function send(method, path, body, key) {
    var headers = Staff.authHeader();
    headers['Content-Type'] = 'application/json';
    if (key) headers['Idempotency-Key'] = key;
    return fetch(path, { method: method, headers: headers, body: JSON.stringify(body), cache: 'no-store' }).then(
      function (res) {
        return res.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          if (!res.ok) {
            var error = Staff.refused(res.status, json);
            error.details = json && json.details;
            throw error;
          }
          return json;
        });
      },
      function () {
        throw new Staff.ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
      },
    );
  }

  function problem(error, byCode) {
    var d = error && error.details;
    var item = d && d.itemCode && byCode && byCode[d.itemCode];
    var name = item ? item.name : d && d.itemCode;
    if (error && error.code === 'INSUFFICIENT_STOCK' && d) {
      return '库存不足：' + name + ' 需要 ' + d.requestedQuantity + (item ? item.unit : '') + '，现有 ' + d.availableQuantity + (item ? item.unit : '') + '。本次发放未执行，没有任何物资出库，请调整数量后再提交。';
    }
    if (error && error.code === 'QUANTITY_BELOW_INSPECTED' && d) return name + ' 已验收 ' + d.inspectedQuantity + '，认捐数量不能少于已验收数量。';
    if (error && error.code === 'RECEIPT_ALREADY_REQUESTED') return error.message || '该捐赠已申请过票据。';
    return Staff.errorText(error);
  }

  function qty(n, unit) {
    return (typeof n === 'number' ? n.toLocaleString('zh-CN') : '—') + (unit ? ' ' + unit : '');
  }
  function wholeNumber(text) {
    var t = String(text || '').trim();
    return /^\d{1,9}$/.test(t) ? Number(t) : null;
  }
  function statusBadge(p) {
    var cls = p.status === 'cancelled' ? 'badge-voided' : p.status === 'received' && p.complete ? 'badge-paid' : 'badge-pending';
    var text = PLEDGE_STATUS[p.status] || p.status;
    if (p.status === 'received' && !p.complete) text = '部分到货';
    if (p.status === 'received' && p.cancelled) text = '已到货（余量取消）';
    return h('span', { className: 'badge ' + cls }, text);
  }
  function itemSelect(list, name, selected) {
    return h('select', { name: name || 'itemCode', required: true }, h('option', { value: '' }, '请选择物资'), list.map(function (i) {
      return h('option', { value: i.code, selected: i.code === selected }, i.name + '（' + i.unit + '）');
    }));
  }
  function message(id) {
    return h('div', { className: 'form-message', id: id });
  }
  function say(el, text, kind) {
    Staff.fill(el, Staff.alert(text, kind));
  }
  function panel(title, id) {
    var rest = Array.prototype.slice.call(arguments, 2);
    return h('section', { className: 'panel', id: id || null }, h('h2', null, title), rest);
  }

  // ---- catalogue ----
  function cataloguePage(el) {
    var list = h('div', { id: 'catalogue-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var msg = message('item-message');
    function load() {
      catalogue = null;
      return items().then(function (c) {
        Staff.fill(list, Staff.table(['物资', '类别', '单位', '医用标准', '代码'], c.list.map(function (i) {
          return h('tr', null, h('td', { className: 'wrap' }, h('strong', null, i.name), i.note ? h('div', { className: 'muted small' }, i.note) : null), h('td', null, i.category), h('td', null, i.unit), h('td', null, i.standard || '—'), h('td', { className: 'mono small' }, i.code));
        })));
      });
    }
    var form = null;
    if (canGoods()) {
      form = h('form', { id: 'item-form', className: 'grid-form', novalidate: true },
        Staff.field('物资名称', h('input', { name: 'name', required: true, maxlength: 60, placeholder: '例如 隔离衣' })),
        Staff.field('代码', h('input', { name: 'code', required: true, maxlength: 63, placeholder: 'isolation-gown' }), '小写字母、数字和连字符'),
        Staff.field('类别', h('select', { name: 'category' }, ['防护类', '消毒类', '诊断类', '其他'].map(function (c) { return h('option', { value: c }, c); }))),
        Staff.field('计量单位', h('input', { name: 'unit', required: true, maxlength: 8, placeholder: '件' })),
        Staff.field('医用标准（选填）', h('input', { name: 'standard', maxlength: 200, placeholder: '例如 YY/T 1499-2016' })),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '新增物资')));
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var f = form.elements;
        if (!f.name.value.trim() || !f.code.value.trim() || !f.unit.value.trim()) return say(msg, '请填写物资名称、代码和计量单位。');
        var body = { code: f.code.value.trim(), name: f.name.value.trim(), category: f.category.value, unit: f.unit.value.trim() };
        if (f.standard.value.trim()) body.standard = f.standard.value.trim();
        Staff.busy(form.querySelector('button'), function () {
          return send('POST', '/api/staff/in-kind/items', body).then(function (item) {
            say(msg, '已将「' + item.name + '」加入物资目录。', 'ok');
            form.reset();
            load();
          }, function (error) {
            say(msg, Staff.errorText(error));
          });
        });
      });
    }
    load().catch(function (error) { Staff.fill(list, Staff.alert(Staff.errorText(error))); });
    el.appendChild(panel('物资目录', null, h('p', { className: 'muted' }, '每种物资按固定单位计数；医用标准是验收时判断是否合格的依据。'), form ? h('details', { className: 'add-box' }, h('summary', null, '新增物资'), form, msg) : null, list));
  }

  // ---- pledges ----
  function lineEditor(list) {
    var rows = h('div', { className: 'goods-lines' });
    function addRow() {
      var remove = h('button', { type: 'button', className: 'btn btn-ghost btn-small' }, '删除此行');
      var row = h('div', { className: 'goods-line' },
        Staff.field('物资', itemSelect(list)),
        Staff.field('数量', h('input', { name: 'quantity', inputmode: 'numeric', required: true, autocomplete: 'off' })),
        Staff.field('申报价值（元，选填）', h('input', { name: 'valuation', inputmode: 'decimal', autocomplete: 'off' })),
        Staff.field('规格（选填）', h('input', { name: 'spec', maxlength: 200 })),
        Staff.field('批号（选填）', h('input', { name: 'batch', maxlength: 64 })),
        Staff.field('有效期至（选填）', h('input', { name: 'expiresAt', type: 'date' })),
        h('div', { className: 'goods-line-actions' }, remove));
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
          var q = function (n) { return rows.children[i].querySelector('[name=' + n + ']').value.trim(); };
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
    var form = h('form', { id: 'pledge-form', className: 'grid-form', novalidate: true },
      Staff.field('捐赠方名称', h('input', { name: 'donorName', required: true, maxlength: 100, placeholder: '例如 武汉某医疗器械有限公司' })),
      Staff.field('捐赠方类型', h('select', { name: 'donorType' }, h('option', { value: 'organization' }, '单位'), h('option', { value: 'individual' }, '个人'))),
      Staff.field('联系电话（选填）', h('input', { name: 'phone', inputmode: 'tel', maxlength: 20, autocomplete: 'off' }), '加密保存，只显示部分号码'),
      Staff.field('备注（选填）', h('input', { name: 'note', maxlength: 500 })),
      h('div', { className: 'form-wide' }, h('h3', null, '认捐物资'), lines.el),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '提交认捐')));
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
        return send('POST', '/api/staff/in-kind-donations', body, key).then(function (p) {
          Staff.toast('已登记认捐：' + p.donor.name, 'ok');
          onDone(p);
        }, function (error) {
          say(msg, problem(error));
        });
      });
    });
    return h('details', { className: 'add-box', id: 'pledge-new' }, h('summary', null, '登记认捐'), form, msg);
  }

  function pledgeList(el, code, params) {
    var filter = h('select', { name: 'filter', id: 'pledge-filter' },
      [['', '全部'], ['open', '尚有待到货'], ['pledged', '待到货'], ['received', '已到货'], ['cancelled', '已取消']].map(function (o) {
        return h('option', { value: o[0], selected: (params.filter || '') === o[0] }, o[1]);
      }));
    filter.addEventListener('change', function () {
      location.hash = Staff.link('goods', { tab: 'pledges', campaign: code, filter: filter.value });
    });
    var list = h('div', { id: 'pledge-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var query = '?campaignCode=' + encodeURIComponent(code) + (params.filter === 'open' ? '&outstanding=true' : params.filter ? '&status=' + encodeURIComponent(params.filter) : '');
    return items().then(function (c) {
      if (!Staff.current()) return;
      if (canGoods()) {
        el.appendChild(pledgeForm(code, c.list, function (p) {
          location.hash = Staff.link('goods', { tab: 'pledges', campaign: code, id: p.id });
        }));
      }
      el.appendChild(panel('认捐记录', null, h('div', { className: 'toolbar' }, Staff.field('状态', filter)), list));
      return Staff.api('GET', '/api/staff/in-kind-donations' + query).then(function (res) {
        Staff.fill(list, Staff.table(['登记时间', '捐赠方', '物资', '认捐', '待到货', '状态', ''], (res.items || []).map(function (p) {
          return h('tr', { dataset: { id: p.id } },
            h('td', null, Staff.time(p.createdAt)),
            h('td', { className: 'wrap' }, h('strong', null, p.donor.name), h('div', { className: 'muted small' }, DONOR_TYPE[p.donor.donorType] + (p.donor.phone ? ' · ' + p.donor.phone : ''))),
            h('td', { className: 'wrap' }, p.items.map(function (l) { return l.name; }).join('、')),
            h('td', { className: 'wrap' }, p.items.map(function (l) { return l.name + ' ' + qty(l.quantity, l.unit); }).join('；')),
            h('td', { className: 'num' }, p.outstandingQuantity ? h('strong', null, String(p.outstandingQuantity)) : '0'),
            h('td', null, statusBadge(p)),
            h('td', null, h('a', { className: 'btn btn-ghost btn-small', href: Staff.link('goods', { tab: 'pledges', campaign: code, id: p.id }) }, '查看')));
        }), '还没有认捐记录。'));
      });
    });
  }

  function inspectForm(p, reload) {
    var msg = message('inspect-message');
    var key = newKey();
    var open = p.items.filter(function (l) { return l.outstandingQuantity > 0; });
    var reasons = h('datalist', { id: 'reject-reasons' }, REJECT_REASONS.map(function (r) { return h('option', { value: r }); }));
    var rows = open.map(function (l) {
      return h('div', { className: 'goods-line', dataset: { item: l.itemCode } },
        h('div', { className: 'goods-line-title' }, h('strong', null, l.name), h('span', { className: 'muted small' }, '待到货 ' + qty(l.outstandingQuantity, l.unit)), l.expired ? h('span', { className: 'tag tag-warn' }, '已过有效期') : null),
        Staff.field('合格入库', h('input', { name: 'accepted', inputmode: 'numeric', autocomplete: 'off', placeholder: '0' })),
        Staff.field('不合格', h('input', { name: 'rejected', inputmode: 'numeric', autocomplete: 'off', placeholder: '0' })),
        Staff.field('不合格原因', h('input', { name: 'reason', list: 'reject-reasons', maxlength: 200, placeholder: '例如 包装破损' })));
    });
    var form = h('form', { id: 'inspect-form', novalidate: true }, reasons, h('div', { className: 'goods-lines' }, rows), h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '提交验收')));
    form.addEventListener('input', function () { key = newKey(); });
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
        if (accepted + rejected > l.outstandingQuantity) return say(msg, l.name + '：合格与不合格合计 ' + (accepted + rejected) + '，超过待到货 ' + l.outstandingQuantity + '。');
        if (rejected > 0 && !reason) return say(msg, l.name + '：请填写不合格原因。');
        var item = { itemCode: l.itemCode, acceptedQuantity: accepted, rejectedQuantity: rejected };
        if (reason) item.reason = reason;
        out.push(item);
      }
      if (!out.length) return say(msg, '请至少填写一种物资的验收数量。');
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return send('POST', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id) + '/inspections', { items: out }, key).then(function () {
          Staff.toast('验收已记录，合格物资已入库', 'ok');
          reload();
        }, function (error) {
          say(msg, problem(error));
        });
      });
    });
    return panel('验收到货', 'inspect-panel', h('p', { className: 'muted' }, '按本次实际到货填写；分批到货可多次验收。只有合格数量计入库存和公示。'), form, msg);
  }

  function editForm(p, reload) {
    var msg = message('edit-message');
    var open = p.items.filter(function (l) { return l.outstandingQuantity > 0; });
    var rows = open.map(function (l) {
      var inspected = l.acceptedQuantity + l.rejectedQuantity;
      return h('div', { className: 'goods-line', dataset: { item: l.itemCode } },
        h('div', { className: 'goods-line-title' }, h('strong', null, l.name), inspected ? h('span', { className: 'muted small' }, '已验收 ' + qty(inspected, l.unit)) : null),
        Staff.field('认捐数量', h('input', { name: 'quantity', inputmode: 'numeric', value: String(l.quantity), autocomplete: 'off' })),
        Staff.field('申报价值（元）', h('input', { name: 'valuation', inputmode: 'decimal', value: l.valuationFen === null ? '' : Staff.yuan(l.valuationFen).replace(/[¥,]/g, ''), autocomplete: 'off' })),
        Staff.field('规格', h('input', { name: 'spec', maxlength: 200, value: l.spec || '' })),
        Staff.field('批号', h('input', { name: 'batch', maxlength: 64, value: l.batch || '' })),
        Staff.field('有效期至', h('input', { name: 'expiresAt', type: 'date', value: l.expiresAt || '' })));
    });
    var reason = h('input', { name: 'reason', maxlength: 200, placeholder: '修改原因（选填）', className: 'reason-input' });
    var form = h('form', { id: 'edit-form', novalidate: true }, h('div', { className: 'goods-lines' }, rows), h('div', { className: 'inline-form' }, reason, h('button', { type: 'submit', className: 'btn btn-primary' }, '保存修改')));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var changes = [];
      for (var i = 0; i < rows.length; i++) {
        var l = open[i];
        var v = function (n) { return rows[i].querySelector('[name=' + n + ']').value.trim(); };
        var c = { itemCode: l.itemCode };
        var quantity = wholeNumber(v('quantity'));
        if (!quantity) return say(msg, l.name + '：认捐数量须为正整数。');
        if (quantity < l.acceptedQuantity + l.rejectedQuantity) return say(msg, l.name + '：认捐数量不能少于已验收的 ' + (l.acceptedQuantity + l.rejectedQuantity) + '。');
        if (quantity !== l.quantity) c.quantity = quantity;
        var fen = v('valuation') ? Staff.parseYuan(v('valuation')) : null;
        if (v('valuation') && fen === null) return say(msg, l.name + '：申报价值须为元金额，最多两位小数。');
        if (fen !== l.valuationFen) c.valuationFen = fen;
        [['spec', 'spec'], ['batch', 'batch'], ['expiresAt', 'expiresAt']].forEach(function (k) {
          var now = v(k[0]) || null;
          if (now !== (l[k[1]] || null)) c[k[0]] = now;
        });
        if (Object.keys(c).length > 1) changes.push(c);
      }
      if (!changes.length) return say(msg, '没有需要保存的修改。');
      var body = { items: changes };
      if (reason.value.trim()) body.reason = reason.value.trim();
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return send('PATCH', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id), body).then(function () {
          Staff.toast('认捐已修改', 'ok');
          reload();
        }, function (error) {
          say(msg, problem(error));
        });
      });
    });
    return h('details', { className: 'add-box', id: 'edit-box' }, h('summary', null, '修改认捐'), form, msg);
  }

  function cancelForm(p, reload) {
    var msg = message('cancel-message');
    var reason = h('input', { name: 'reason', maxlength: 200, required: true, placeholder: '取消原因（必填）', className: 'reason-input' });
    var form = h('form', { id: 'cancel-form', className: 'inline-form', novalidate: true }, reason, h('button', { type: 'submit', className: 'btn btn-danger' }, '确认取消剩余'));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!reason.value.trim()) return say(msg, '请填写取消原因。');
      Staff.busy(form.querySelector('button'), function () {
        return send('POST', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id) + '/cancel', { reason: reason.value.trim() }).then(function () {
          Staff.toast('已取消未到货部分', 'ok');
          reload();
        }, function (error) {
          say(msg, problem(error));
        });
      });
    });
    var note = p.status === 'pledged' ? '尚无物资到货：取消后整笔认捐作废。' : '已到货的合格物资保留在库存中，只取消尚未到货的 ' + p.outstandingQuantity + ' 件。';
    return h('details', { className: 'add-box', id: 'cancel-box' }, h('summary', null, '取消剩余认捐'), h('p', { className: 'muted' }, note), form, msg);
  }

  function receiptForm(p) {
    var msg = message('receipt-message');
    var form = h('form', { id: 'goods-receipt-form', className: 'grid-form', novalidate: true },
      Staff.field('捐赠方类型', h('select', { name: 'donorType' }, h('option', { value: 'organization', selected: p.donor.donorType === 'organization' }, '单位'), h('option', { value: 'individual', selected: p.donor.donorType === 'individual' }, '个人'))),
      Staff.field('捐赠方名称', h('input', { name: 'name', maxlength: 100, value: p.donor.name })),
      Staff.field('统一社会信用代码 / 身份证号', h('input', { name: 'idCode', maxlength: 32, autocomplete: 'off' })),
      Staff.field('票据抬头', h('input', { name: 'invoiceTitle', maxlength: 100, value: p.donor.name })),
      Staff.field('手机号', h('input', { name: 'phone', inputmode: 'tel', maxlength: 20, autocomplete: 'off' })),
      Staff.field('电子邮箱', h('input', { name: 'email', type: 'email', maxlength: 254, autocomplete: 'off' })),
      Staff.field('邮寄地址（选填）', h('input', { name: 'mailingAddress', maxlength: 300, autocomplete: 'off' })),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '申请捐赠票据')));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var f = form.elements;
      var body = { donorType: f.donorType.value, name: f.name.value.trim(), invoiceTitle: f.invoiceTitle.value.trim(), phone: f.phone.value.trim(), email: f.email.value.trim() };
      if (f.idCode.value.trim()) body[body.donorType === 'organization' ? 'creditCode' : 'idNumber'] = f.idCode.value.trim();
      if (f.mailingAddress.value.trim()) body.mailingAddress = f.mailingAddress.value.trim();
      if (!body.name || !body.invoiceTitle || !body.phone || !body.email) return say(msg, '请填写名称、票据抬头、手机号和邮箱。');
      Staff.busy(form.querySelector('button'), function () {
        return send('POST', '/api/staff/in-kind-donations/' + encodeURIComponent(p.id) + '/receipt-requests', body).then(function (r) {
          say(msg, '已提交票据申请（' + Staff.yuan(r.amountFen) + '），开具后将发送至 ' + body.email.replace(/^(.).*(@.*)$/, '$1***$2') + '。', 'ok');
          form.hidden = true;
        }, function (error) {
          say(msg, problem(error));
        });
      });
    });
    return panel('捐赠票据', 'goods-receipt-panel', h('p', { className: 'muted' }, '按合格物资的申报价值 ' + p.acceptedValueYuan + ' 元开具，与现金捐赠同一编号序列。'), form, msg);
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
        var lines = Staff.table(['物资', '规格 / 批号', '有效期', '认捐', '合格', '不合格', '已取消', '待到货', '申报价值'], p.items.map(function (l) {
          return h('tr', { dataset: { item: l.itemCode } },
            h('td', null, h('strong', null, l.name)),
            h('td', { className: 'wrap' }, [l.spec, l.batch ? '批号 ' + l.batch : null].filter(Boolean).join(' · ') || '—'),
            h('td', null, l.expiresAt || '—', l.expired ? h('span', { className: 'tag tag-warn' }, '已过期') : null),
            h('td', { className: 'num' }, qty(l.quantity, l.unit)),
            h('td', { className: 'num' }, String(l.acceptedQuantity)),
            h('td', { className: 'num' }, String(l.rejectedQuantity)),
            h('td', { className: 'num' }, String(l.cancelledQuantity)),
            h('td', { className: 'num outstanding' }, String(l.outstandingQuantity)),
            h('td', { className: 'num' }, l.valuationFen === null ? '—' : Staff.yuan(l.valuationFen)));
        }));
        var history = Staff.table(['验收时间', '物资', '合格', '不合格', '原因'], [].concat.apply([], p.inspections.map(function (i) {
          return i.items.map(function (l) {
            var item = p.items.filter(function (x) { return x.itemCode === l.itemCode; })[0];
            return h('tr', null, h('td', null, Staff.time(i.inspectedAt)), h('td', null, item ? item.name : l.itemCode), h('td', { className: 'num' }, String(l.acceptedQuantity)), h('td', { className: 'num' }, String(l.rejectedQuantity)), h('td', { className: 'wrap' }, l.reason || '—'));
          });
        })), '还没有验收记录。');
        var writable = canGoods() && !p.cancelled && p.outstandingQuantity > 0;
        Staff.fill(box,
          panel('认捐详情', null, facts, lines, writable ? h('div', { className: 'actions' }, editForm(p, reload), cancelForm(p, reload)) : null),
          writable ? inspectForm(p, reload) : null,
          p.receiptEligible && (Staff.canFinance() || canGoods()) ? receiptForm(p) : null,
          panel('验收记录', 'inspection-history', history));
      });
    }
    return reload();
  }

  // ---- stock ----
  function stockPage(el, code, params) {
    var table = h('div', { id: 'stock-table' }, h('p', { className: 'muted' }, '正在加载…'));
    var check = h('p', { id: 'stock-check', className: 'muted small' });
    var moves = h('div', { id: 'movement-list' }, h('p', { className: 'muted' }, '正在加载…'));
    var base = '?campaignCode=' + encodeURIComponent(code);
    var adjust = null;
    function load() {
      Staff.api('GET', '/api/staff/in-kind/stock/reconciliation' + base).then(function (r) {
        check.textContent = r.consistent ? '✓ 库存与出入库流水逐项核对一致。' : '⚠ 库存与流水不一致，请联系管理员核查。';
        check.className = r.consistent ? 'small amount-ok' : 'small amount-bad';
      }, function () {});
      Staff.api('GET', '/api/staff/in-kind/stock/movements' + base + (params.item ? '&itemCode=' + encodeURIComponent(params.item) : '') + '&limit=200').then(function (res) {
        Staff.fill(moves, Staff.table(['时间', '物资', '类型', '数量', '来源 / 原因', '操作人'], res.items.map(function (m) {
          var source = m.kind === 'received' && m.inKindDonationId ? h('a', { href: Staff.link('goods', { tab: 'pledges', campaign: code, id: m.inKindDonationId }) }, '查看认捐') : m.kind === 'distributed' ? '发往 ' + (m.recipient || '—') : m.reason || '—';
          return h('tr', { dataset: { kind: m.kind } }, h('td', null, Staff.time(m.createdAt)), h('td', null, m.name), h('td', null, MOVE_KIND[m.kind] || m.kind), h('td', { className: 'num' }, (m.quantity > 0 ? '+' : '') + m.quantity + ' ' + m.unit), h('td', { className: 'wrap' }, source), h('td', { className: 'small' }, m.actorEmail || '—'));
        }), '还没有出入库记录。'));
      }, function (error) { Staff.fill(moves, Staff.alert(Staff.errorText(error))); });
      return Staff.api('GET', '/api/staff/in-kind/stock' + base).then(function (res) {
        Staff.fill(table, Staff.table(['物资', '类别', '验收入库', '已发放', '调整', '现有库存', ''], res.items.map(function (s) {
          return h('tr', { dataset: { item: s.itemCode }, className: params.item === s.itemCode ? 'is-selected' : null },
            h('td', null, h('strong', null, s.name)), h('td', null, s.category), h('td', { className: 'num' }, qty(s.receivedQuantity, s.unit)), h('td', { className: 'num' }, qty(s.distributedQuantity, s.unit)), h('td', { className: 'num' }, String(s.adjustedQuantity)),
            h('td', { className: 'num on-hand' }, h('strong', null, qty(s.onHandQuantity, s.unit))),
            h('td', null, h('a', { className: 'btn btn-ghost btn-small', href: Staff.link('goods', { tab: 'stock', campaign: code, item: s.itemCode }) }, '查看流水')));
        }), '还没有入库的物资。'));
      }, function (error) { Staff.fill(table, Staff.alert(Staff.errorText(error))); });
    }
    return items().then(function (c) {
      if (!Staff.current()) return;
      if (canGoods()) {
        var msg = message('adjust-message');
        msg.className += ' form-wide';
        adjust = h('form', { id: 'adjust-form', className: 'grid-form', novalidate: true },
          Staff.field('物资', itemSelect(c.list, 'itemCode', params.item)),
          Staff.field('调整数量', h('input', { name: 'quantity', inputmode: 'numeric', autocomplete: 'off', placeholder: '盘亏填负数，如 -20' })),
          Staff.field('原因', h('input', { name: 'reason', maxlength: 200, placeholder: '例如 仓库盘点：20只受潮' })),
          h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记调整')), msg);
        adjust.addEventListener('submit', function (event) {
          event.preventDefault();
          var f = adjust.elements;
          var n = /^[-+]?\d{1,9}$/.test(f.quantity.value.trim()) ? Number(f.quantity.value.trim()) : 0;
          if (!f.itemCode.value || !n) return say(msg, '请选择物资，并填写非零的整数调整数量。');
          if (!f.reason.value.trim()) return say(msg, '请填写调整原因。');
          Staff.busy(adjust.querySelector('button'), function () {
            return send('POST', '/api/staff/in-kind/adjustments', { campaignCode: code, itemCode: f.itemCode.value, quantity: n, reason: f.reason.value.trim() }).then(function (s) {
              say(msg, '已调整：' + s.name + ' 现有 ' + qty(s.onHandQuantity, s.unit) + '。', 'ok');
              f.quantity.value = '';
              f.reason.value = '';
              load();
            }, function (error) { say(msg, problem(error, c.byCode)); });
          });
        });
      }
      var title = params.item && c.byCode[params.item] ? '出入库流水：' + c.byCode[params.item].name : '出入库流水（全部物资）';
      el.appendChild(panel('库存', null, h('p', { className: 'muted' }, '库存由每一笔入库、发放和调整流水累计得出，可随时重算核对。'), table, check));
      if (adjust) el.appendChild(h('details', { className: 'add-box panel', id: 'adjust-box' }, h('summary', null, '库存调整（盘点、损耗）'), adjust));
      el.appendChild(panel(title, 'movements-panel', params.item ? h('p', null, h('a', { href: Staff.link('goods', { tab: 'stock', campaign: code }) }, '显示全部物资')) : null, moves));
      return load();
    });
  }

  // ---- distributions ----
  function distributionsPage(el, code) {
    var list = h('div', { id: 'distribution-list' }, h('p', { className: 'muted' }, '正在加载…'));
    function load() {
      return Staff.api('GET', '/api/staff/distributions?campaignCode=' + encodeURIComponent(code)).then(function (res) {
        Staff.fill(list, Staff.table(['时间', '接收单位', '物资', '交接单'], res.items.map(function (d) {
          var download = h('button', { type: 'button', className: 'btn btn-ghost btn-small download-note' }, '下载交接单');
          download.addEventListener('click', function () {
            Staff.busy(download, function () {
              return Staff.fetchFile(d.deliveryNoteUrl, 'delivery-note.pdf').then(function (file) { Staff.saveBlob(file.blob, file.filename); });
            }).catch(function (error) { Staff.toast(Staff.errorText(error), 'bad'); });
          });
          return h('tr', { dataset: { id: d.id } }, h('td', null, Staff.time(d.createdAt)), h('td', { className: 'wrap' }, h('strong', null, d.recipient), d.note ? h('div', { className: 'muted small' }, d.note) : null), h('td', { className: 'wrap' }, d.items.map(function (i) { return i.name + ' ' + qty(i.quantity, i.unit); }).join('；')), h('td', null, download));
        }), '还没有发放记录。'));
      }, function (error) { Staff.fill(list, Staff.alert(Staff.errorText(error))); });
    }
    return Promise.all([items(), Staff.api('GET', '/api/staff/in-kind/stock?campaignCode=' + encodeURIComponent(code))]).then(function (r) {
      if (!Staff.current()) return;
      var c = r[0];
      var inStock = r[1].items.filter(function (s) { return s.onHandQuantity > 0; });
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
      var select = h('select', { name: 'itemCode' }, h('option', { value: '' }, '请选择物资'), inStock.map(function (s) {
        return h('option', { value: s.itemCode }, s.name + '（现有 ' + s.onHandQuantity + ' ' + s.unit + '）');
      }));
      rows.appendChild(h('div', { className: 'goods-line' }, Staff.field('物资', select), Staff.field('数量', h('input', { name: 'quantity', inputmode: 'numeric', autocomplete: 'off' }))));
    }
    addRow();
    /** After a distribution the pickers show what is left. */
    function refreshStock() {
      Staff.api('GET', '/api/staff/in-kind/stock?campaignCode=' + encodeURIComponent(code)).then(function (res) {
        inStock = res.items;
        Array.prototype.forEach.call(rows.querySelectorAll('select[name=itemCode] option[value]'), function (o) {
          var s = res.items.filter(function (x) { return x.itemCode === o.value; })[0];
          if (s) o.textContent = s.name + '（现有 ' + s.onHandQuantity + ' ' + s.unit + '）';
        });
      }, function () {});
    }
    var add = h('button', { type: 'button', className: 'btn btn-ghost', id: 'add-distribution-line' }, '添加物资');
    add.addEventListener('click', addRow);
    var form = h('form', { id: 'distribution-form', className: 'grid-form', novalidate: true },
      Staff.field('接收单位', h('input', { name: 'recipient', maxlength: 200, placeholder: '例如 武汉市金银潭医院' })),
      Staff.field('备注（选填）', h('input', { name: 'note', maxlength: 500 })),
      h('div', { className: 'form-wide' }, rows, add),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '确认发放')));
    form.addEventListener('input', function () { key = newKey(); });
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
        return send('POST', '/api/staff/distributions', body, key).then(function (d) {
          say(msg, '已发放给 ' + d.recipient + '，可在下方下载交接单。', 'ok');
          key = newKey();
          refreshStock();
          onDone();
        }, function (error) {
          say(msg, problem(error, byCode));
        });
      });
    });
    return panel('新建发放', 'distribution-panel', inStock.length ? null : h('p', { className: 'muted' }, '当前没有库存物资。'), form, msg);
  }

  Staff.register('goods', {
    title: '物资',
    roles: ['warehouse', 'finance', 'auditor'],
    render: function (el, params) {
      var tab = TABS.some(function (t) { return t[0] === params.tab; }) ? params.tab : 'pledges';
      var picker = Staff.campaignSelect('campaignCode', false, params.campaign);
      picker.id = 'goods-campaign';
      picker.addEventListener('change', function () {
        location.hash = Staff.link('goods', { tab: tab, campaign: picker.value });
      });
      Staff.fill(el,
        h('header', { className: 'screen-head' }, h('h1', null, '物资'), h('p', { className: 'muted' }, canGoods() ? '登记认捐、验收入库、发放物资。' : '只读：可查看认捐、库存和发放记录。')),
        h('nav', { className: 'tabs', id: 'goods-tabs', 'aria-label': '物资' }, TABS.map(function (t) {
          return h('a', { className: 'tab' + (t[0] === tab ? ' active' : ''), href: Staff.link('goods', { tab: t[0], campaign: params.campaign }), 'aria-current': t[0] === tab ? 'page' : null, dataset: { tab: t[0] } }, t[1]);
        })),
        tab === 'catalogue' ? null : h('div', { className: 'toolbar' }, Staff.field('活动', picker)));
      if (tab === 'catalogue') return cataloguePage(el);
      if (!params.campaign) {
        return Staff.campaigns().then(function (list) {
          if (!Staff.current()) return;
          if (list.length) location.replace(Staff.link('goods', { tab: tab, campaign: list[0].code }));
          else el.appendChild(h('p', { className: 'empty' }, '还没有募捐活动。'));
        });
      }
      if (tab === 'stock') return stockPage(el, params.campaign, params);
      if (tab === 'distributions') return distributionsPage(el, params.campaign);
      return params.id ? pledgeDetail(el, params.campaign, params.id) : pledgeList(el, params.campaign, params);
    },
  });
})();
