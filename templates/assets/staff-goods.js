// Staff console: goods — the screen with its tabs, the catalogue, and the helpers the other goods files
// share (pledges: staff-goods-pledges.js; stock and distributions: staff-goods-stock.js). Warehouse and
// admin change things; finance and auditors read (finance and warehouse may ask for a goods receipt).
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
      catalogue = Staff.api('GET', '/api/in-kind/items').then(
        function (res) {
          var byCode = {};
          (res.items || []).forEach(function (i) {
            byCode[i.code] = i;
          });
          return { list: res.items || [], byCode: byCode };
        },
        function (error) {
          catalogue = null;
          throw error;
        },
      );
    }
    return catalogue;
  }

  /** A key for one form: a retry or a double click of the same submission writes once. */
  function newKey() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return (
      'console-' +
      Array.prototype.map
        .call(bytes, function (b) {
          return (b < 16 ? '0' : '') + b.toString(16);
        })
        .join('')
    );
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
          try {
            json = text ? JSON.parse(text) : null;
          } catch (e) {
            json = null;
          }
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
      return (
        '库存不足：' +
        name +
        ' 需要 ' +
        d.requestedQuantity +
        (item ? item.unit : '') +
        '，现有 ' +
        d.availableQuantity +
        (item ? item.unit : '') +
        '。本次发放未执行，没有任何物资出库，请调整数量后再提交。'
      );
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
    return h(
      'select',
      { name: name || 'itemCode', required: true },
      h('option', { value: '' }, '请选择物资'),
      list.map(function (i) {
        return h('option', { value: i.code, selected: i.code === selected }, i.name + '（' + i.unit + '）');
      }),
    );
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
        Staff.fill(
          list,
          Staff.table(
            ['物资', '类别', '单位', '医用标准', '代码'],
            c.list.map(function (i) {
              return h(
                'tr',
                null,
                h('td', { className: 'wrap' }, h('strong', null, i.name), i.note ? h('div', { className: 'muted small' }, i.note) : null),
                h('td', null, i.category),
                h('td', null, i.unit),
                h('td', null, i.standard || '—'),
                h('td', { className: 'mono small' }, i.code),
              );
            }),
          ),
        );
      });
    }
    var form = null;
    if (canGoods()) {
      form = h(
        'form',
        { id: 'item-form', className: 'grid-form', novalidate: true },
        Staff.field('物资名称', h('input', { name: 'name', required: true, maxlength: 60, placeholder: '例如 隔离衣' })),
        Staff.field('代码', h('input', { name: 'code', required: true, maxlength: 63, placeholder: 'isolation-gown' }), '小写字母、数字和连字符'),
        Staff.field(
          '类别',
          h(
            'select',
            { name: 'category' },
            ['防护类', '消毒类', '诊断类', '其他'].map(function (c) {
              return h('option', { value: c }, c);
            }),
          ),
        ),
        Staff.field('计量单位', h('input', { name: 'unit', required: true, maxlength: 8, placeholder: '件' })),
        Staff.field('医用标准（选填）', h('input', { name: 'standard', maxlength: 200, placeholder: '例如 YY/T 1499-2016' })),
        h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '新增物资')),
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var f = form.elements;
        if (!f.name.value.trim() || !f.code.value.trim() || !f.unit.value.trim()) return say(msg, '请填写物资名称、代码和计量单位。');
        var body = { code: f.code.value.trim(), name: f.name.value.trim(), category: f.category.value, unit: f.unit.value.trim() };
        if (f.standard.value.trim()) body.standard = f.standard.value.trim();
        Staff.busy(form.querySelector('button'), function () {
          return send('POST', '/api/staff/in-kind/items', body).then(
            function (item) {
              say(msg, '已将「' + item.name + '」加入物资目录。', 'ok');
              form.reset();
              load();
            },
            function (error) {
              say(msg, Staff.errorText(error));
            },
          );
        });
      });
    }
    load().catch(function (error) {
      Staff.fill(list, Staff.alert(Staff.errorText(error)));
    });
    el.appendChild(
      panel(
        '物资目录',
        null,
        h('p', { className: 'muted' }, '每种物资按固定单位计数；医用标准是验收时判断是否合格的依据。'),
        form ? h('details', { className: 'add-box' }, h('summary', null, '新增物资'), form, msg) : null,
        list,
      ),
    );
  }

  /** Shared with staff-goods-pledges.js and staff-goods-stock.js, which add their pages to `pages`. */
  Staff.goods = {
    canGoods: canGoods,
    items: items,
    newKey: newKey,
    send: send,
    problem: problem,
    qty: qty,
    wholeNumber: wholeNumber,
    statusBadge: statusBadge,
    itemSelect: itemSelect,
    message: message,
    say: say,
    panel: panel,
    PLEDGE_STATUS: PLEDGE_STATUS,
    DONOR_TYPE: DONOR_TYPE,
    MOVE_KIND: MOVE_KIND,
    REJECT_REASONS: REJECT_REASONS,
    pages: {},
  };
  var pages = Staff.goods.pages;

  Staff.register('goods', {
    title: '物资',
    roles: ['warehouse', 'finance', 'auditor'],
    render: function (el, params) {
      var tab = TABS.some(function (t) {
        return t[0] === params.tab;
      })
        ? params.tab
        : 'pledges';
      var picker = Staff.campaignSelect('campaignCode', false, params.campaign);
      picker.id = 'goods-campaign';
      picker.addEventListener('change', function () {
        location.hash = Staff.link('goods', { tab: tab, campaign: picker.value });
      });
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '物资'),
          h('p', { className: 'muted' }, canGoods() ? '登记认捐、验收入库、发放物资。' : '只读：可查看认捐、库存和发放记录。'),
        ),
        h(
          'nav',
          { className: 'tabs', id: 'goods-tabs', 'aria-label': '物资' },
          TABS.map(function (t) {
            return h(
              'a',
              {
                className: 'tab' + (t[0] === tab ? ' active' : ''),
                href: Staff.link('goods', { tab: t[0], campaign: params.campaign }),
                'aria-current': t[0] === tab ? 'page' : null,
                dataset: { tab: t[0] },
              },
              t[1],
            );
          }),
        ),
        tab === 'catalogue' ? null : h('div', { className: 'toolbar' }, Staff.field('活动', picker)),
      );
      if (tab === 'catalogue') return cataloguePage(el);
      if (!params.campaign) {
        return Staff.campaigns().then(function (list) {
          if (!Staff.current()) return;
          if (list.length) location.replace(Staff.link('goods', { tab: tab, campaign: list[0].code }));
          else el.appendChild(h('p', { className: 'empty' }, '还没有募捐活动。'));
        });
      }
      if (tab === 'stock') return pages.stock(el, params.campaign, params);
      if (tab === 'distributions') return pages.distributions(el, params.campaign);
      return params.id ? pages.pledgeDetail(el, params.campaign, params.id) : pages.pledgeList(el, params.campaign, params);
    },
  });
})();
