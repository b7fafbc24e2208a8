// Staff console: campaigns. Finance and auditors see the list and a campaign's settings,
// disclosure and funds; only admins create, edit, add or rename funds and close one
// (the server refuses the rest with 403 and audits every change under the admin's name).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;

  var STATUS = { upcoming: '未开始', active: '进行中', ended: '已结束' };
  var STATUS_BADGE = { upcoming: 'badge-pending', active: 'badge-paid', ended: 'badge-voided' };
  var DISCLOSURE_FIELDS = [
    ['organizationName', '募捐组织', 100, '北京市温暖基金会'],
    ['organizationCreditCode', '统一社会信用代码', 18, '18 位，如 53110000500000000G'],
    ['fundraisingQualification', '公开募捐资格证书', 200, '证书编号或文字'],
    ['filingNumber', '慈善中国备案编号', 100, '募捐方案的备案编号'],
    ['contact', '联系方式', 200, '公开的电话或地址'],
  ];

  /**
   * What each field takes, in Chinese: shown under the field when the server refuses it with
   * 400 VALIDATION_FAILED (its messages name the field in English).
   */
  var RULES = {
    code: '活动代码须为 2-63 位小写字母、数字或短横线（用于链接，创建后不能修改）。',
    title: '请填写活动名称（1-200 个字，不含控制字符）。',
    receiptPrefix: '票据编号前缀须为 2-8 位大写英文字母，如 WH。',
    goalFen: '目标金额须为大于 0 的金额（元，最多两位小数）。',
    receiptThresholdFen: '开票门槛须为大于 0 的金额（元，最多两位小数）。',
    startsAt: '请填写有效的开始时间。',
    endsAt: '请填写有效的结束时间。',
    autoApproveReceipts: '请选择是否自动批准票据申请。',
    receiptPayee: '收款人最多 100 个字，不含控制字符。',
    disclosureIntervalDays: '信息公开周期须为 1-90 天的整数（法规要求至少每三个月公开一次）。',
    organisation: '开票单位须为 2-100 个字。',
    'disclosure.organizationName': '募捐组织最多 100 个字，不含控制字符。',
    'disclosure.organizationCreditCode': '统一社会信用代码为 18 位。',
    'disclosure.fundraisingQualification': '公开募捐资格证书最多 200 个字，不含控制字符。',
    'disclosure.filingNumber': '备案编号最多 100 个字，不含控制字符。',
    'disclosure.contact': '联系方式最多 200 个字，不含控制字符。',
    fundCode: '基金代码须为 1-63 位小写字母、数字或短横线，在本活动内不能重复。',
    fundName: '请填写基金名称（1-100 个字，不含控制字符）。',
  };
  /** The field a refusal with a stable code is about; its message (Chinese, from the server) shows there. */
  var CODE_FIELDS = {
    CAMPAIGN_EXISTS: 'code',
    INVALID_CAMPAIGN_DATES: 'endsAt',
    INVALID_CREDIT_CODE: 'disclosure.organizationCreditCode',
    FUND_EXISTS: 'fundCode',
    FUND_NOT_FOUND: 'fundCode',
  };

  Staff.CAMPAIGN_STATUS = STATUS;

  function statusBadge(status) {
    return h('span', { className: 'badge ' + (STATUS_BADGE[status] || ''), dataset: { status: status } }, STATUS[status] || status);
  }

  /** An ISO time as the value of a datetime-local input, in Beijing time ("2020-02-01T10:30"). */
  function toLocalInput(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    return new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
  }
  /** A datetime-local value, read as Beijing time, as an ISO timestamp with its offset; '' → null. */
  function fromLocalInput(value) {
    if (!value) return null;
    return (value.length === 16 ? value + ':00' : value.slice(0, 19)) + '+08:00';
  }
  function yuanInput(fen) {
    return typeof fen === 'number' ? Staff.yuan(fen).replace(/^¥/, '').replace(/,/g, '') : '';
  }

  // ---- fields with their own error line ----
  /** A labelled input whose refusal shows under it: `errors.show(key, text)` finds it by `key`. */
  function errField(key, label, input, hint) {
    input.setAttribute('aria-describedby', 'err-' + key.replace(/\./g, '-'));
    var error = h('small', { className: 'field-error', id: 'err-' + key.replace(/\./g, '-'), dataset: { errorFor: key }, hidden: true });
    var el = h(
      'label',
      { className: 'field', dataset: { field: key } },
      h('span', null, label),
      input,
      hint ? h('small', { className: 'hint' }, hint) : null,
      error,
    );
    el.input = input;
    el.error = error;
    return el;
  }

  /** The error lines of one form and the message above its button. */
  function errorsOf(form, message) {
    function fields() {
      return Array.prototype.slice.call(form.querySelectorAll('[data-field]'));
    }
    var api = {
      clear: function () {
        Staff.clear(message);
        fields().forEach(function (f) {
          f.error.hidden = true;
          f.error.textContent = '';
          f.input.removeAttribute('aria-invalid');
        });
      },
      show: function (key, text) {
        var f = form.querySelector('[data-field="' + key + '"]');
        if (!f) return false;
        f.error.textContent = text;
        f.error.hidden = false;
        f.input.setAttribute('aria-invalid', 'true');
        return true;
      },
      /** Puts a refusal of the API under the fields it names; what names no field goes above the button. */
      fromApi: function (error, prefix) {
        api.clear();
        var shown = 0;
        var list = error && error.details && error.details.errors;
        if (error && error.code === 'VALIDATION_FAILED' && Array.isArray(list)) {
          list.forEach(function (line) {
            // "title must …", "disclosure.contact must …", "fund code must …", "funds.0.fund name must …".
            var text = String(line);
            var fund = /^(?:funds\.\d+\.)?fund (code|name)\b/.exec(text);
            var key = fund ? (fund[1] === 'code' ? 'fundCode' : 'fundName') : text.split(' ')[0];
            if (prefix && key === 'code') key = prefix + 'Code';
            if (prefix && key === 'name') key = prefix + 'Name';
            if (RULES[key] && api.show(key, RULES[key])) shown++;
          });
        } else if (error && CODE_FIELDS[error.code] && api.show(CODE_FIELDS[error.code], error.message)) {
          shown++;
        }
        Staff.fill(message, Staff.alert(shown ? '请按提示修改标出的内容后再提交。' : Staff.errorText(error)));
        var first = form.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
      },
    };
    return api;
  }

  /** The settings fields, for a new campaign (`c` null) or an existing one. */
  function settingsFields(c) {
    var isNew = !c;
    c = c || {};
    return [
      isNew
        ? errField(
            'code',
            '活动代码',
            h('input', { name: 'code', required: true, maxlength: 63, autocomplete: 'off', placeholder: 'warm-wuhan' }),
            '小写字母、数字和短横线，用于捐赠链接',
          )
        : null,
      errField('title', '活动名称', h('input', { name: 'title', required: true, maxlength: 200, value: c.title || '' })),
      isNew
        ? errField(
            'receiptPrefix',
            '票据编号前缀',
            h('input', { name: 'receiptPrefix', required: true, maxlength: 8, placeholder: 'WH' }),
            '2-8 位大写字母，如 WH',
          )
        : null,
      errField('goalFen', '目标金额（元）', h('input', { name: 'goalFen', inputmode: 'decimal', value: yuanInput(c.goalFen) }), '可不填'),
      errField(
        'receiptThresholdFen',
        '开票门槛（元）',
        h('input', { name: 'receiptThresholdFen', inputmode: 'decimal', value: isNew ? '100.00' : yuanInput(c.receiptThresholdFen) }),
        '达到此金额的捐赠可申请票据',
      ),
      errField('startsAt', '开始时间（北京时间）', h('input', { name: 'startsAt', type: 'datetime-local', value: toLocalInput(c.startsAt) }), '可不填'),
      errField('endsAt', '结束时间（北京时间）', h('input', { name: 'endsAt', type: 'datetime-local', value: toLocalInput(c.endsAt) }), '可不填'),
      errField('receiptPayee', '票据收款人', h('input', { name: 'receiptPayee', maxlength: 100, value: c.receiptPayee || '' }), '可不填，不填则手写签名'),
      errField(
        'disclosureIntervalDays',
        '信息公开周期（天）',
        h('input', { name: 'disclosureIntervalDays', type: 'number', min: 1, max: 90, step: 1, value: String(c.disclosureIntervalDays || 90) }),
        '1-90 天',
      ),
      errField(
        'autoApproveReceipts',
        '票据申请',
        h(
          'select',
          { name: 'autoApproveReceipts' },
          h('option', { value: 'true', selected: isNew || c.autoApproveReceipts }, '核验通过后自动批准'),
          h('option', { value: 'false', selected: !isNew && !c.autoApproveReceipts }, '全部人工审核'),
        ),
      ),
    ];
  }

  /** Reads the settings form into a request body; amounts refused here show under their field. */
  function readSettings(form, errors) {
    var f = form.elements;
    var body = {};
    var bad = false;
    if (f.code) body.code = f.code.value.trim();
    body.title = f.title.value.trim();
    if (f.receiptPrefix) body.receiptPrefix = f.receiptPrefix.value.trim();
    [
      ['goalFen', true],
      ['receiptThresholdFen', false],
    ].forEach(function (pair) {
      var text = f[pair[0]].value.trim();
      if (!text && pair[1]) return (body[pair[0]] = null);
      var fen = Staff.parseYuan(text);
      if (fen === null || fen <= 0) {
        errors.show(pair[0], RULES[pair[0]]);
        bad = true;
      } else body[pair[0]] = fen;
    });
    body.startsAt = fromLocalInput(f.startsAt.value);
    body.endsAt = fromLocalInput(f.endsAt.value);
    body.receiptPayee = f.receiptPayee.value.trim() || null;
    body.disclosureIntervalDays = Number(f.disclosureIntervalDays.value);
    body.autoApproveReceipts = f.autoApproveReceipts.value === 'true';
    if (!body.title) {
      errors.show('title', RULES.title);
      bad = true;
    }
    return bad ? null : body;
  }

  function createForm() {
    var message = h('div', { className: 'form-message', id: 'campaign-create-message' });
    var form = h(
      'form',
      { id: 'campaign-create', className: 'grid-form', novalidate: true },
      settingsFields(null),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '创建活动')),
    );
    var errors = errorsOf(form, message);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      errors.clear();
      var body = readSettings(form, errors);
      if (!body) return Staff.fill(message, Staff.alert('请按提示修改标出的内容后再提交。'));
      // A new campaign leaves out what is not set (the server's defaults apply).
      Object.keys(body).forEach(function (k) {
        if (body[k] === null) delete body[k];
      });
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return Staff.api('POST', '/api/staff/campaigns', body).then(
          function (c) {
            Staff.campaigns(true);
            Staff.toast('已创建活动：' + c.title, 'ok');
            location.hash = Staff.link('campaigns', { code: c.code });
          },
          function (error) {
            errors.fromApi(error);
          },
        );
      });
    });
    return h('details', { className: 'panel add-box', id: 'campaign-new' }, h('summary', null, '新建活动'), form, message);
  }

  // ---- the list ----
  function renderList(el) {
    var admin = Staff.isAdmin();
    var list = h('div', { id: 'campaign-list' }, h('p', { className: 'muted' }, '正在加载…'));
    Staff.fill(
      el,
      h(
        'header',
        { className: 'screen-head' },
        h('h1', null, '活动管理'),
        h('p', { className: 'muted' }, admin ? '新建、修改和结束募捐活动，设置公开信息与定向基金；每项修改都记入操作日志。' : '募捐活动及其设置（只读）。'),
      ),
      admin ? createForm() : null,
      h('section', { className: 'panel' }, h('h2', null, '全部活动'), list),
    );
    return Staff.campaigns(true).then(function (items) {
      if (!Staff.current()) return;
      Staff.fill(
        list,
        Staff.table(
          ['活动', '状态', '目标金额', '开始', '结束', '定向基金', ''],
          items.map(function (c) {
            return h(
              'tr',
              { dataset: { code: c.code } },
              h('td', null, h('a', { href: Staff.link('campaigns', { code: c.code }) }, c.title), h('div', { className: 'muted small mono' }, c.code)),
              h('td', null, statusBadge(c.status)),
              h('td', { className: 'num' }, c.goalFen === null ? '—' : Staff.yuan(c.goalFen)),
              h('td', { className: 'nowrap' }, Staff.time(c.startsAt)),
              h('td', { className: 'nowrap' }, Staff.time(c.endsAt)),
              h('td', { className: 'num' }, String((c.funds || []).length)),
              h('td', null, h('a', { className: 'btn btn-small btn-ghost', href: Staff.link('campaigns', { code: c.code }) }, admin ? '管理' : '查看')),
            );
          }),
          '还没有活动',
        ),
      );
    });
  }

  // ---- one campaign ----
  function settingsPanel(c, reload) {
    var facts = Staff.facts([
      ['活动代码', c.code, 'mono'],
      ['状态', statusBadge(c.status)],
      ['活动名称', c.title],
      ['目标金额', c.goalFen === null ? '未设' : Staff.yuan(c.goalFen)],
      ['开票门槛', Staff.yuan(c.receiptThresholdFen)],
      ['票据编号前缀', c.receiptPrefix, 'mono'],
      ['票据申请', c.autoApproveReceipts ? '核验通过后自动批准' : '全部人工审核'],
      ['开票单位', c.organisation],
      ['票据收款人', c.receiptPayee || '未设（手写签名）'],
      ['开始时间', Staff.time(c.startsAt)],
      ['结束时间', Staff.time(c.endsAt)],
      ['信息公开周期', c.disclosureIntervalDays + ' 天'],
      ['捐赠链接', h('a', { href: c.donateUrl, target: '_blank', rel: 'noopener' }, c.donateUrl)],
    ]);
    facts.id = 'campaign-facts';
    if (!Staff.isAdmin()) return h('section', { className: 'panel' }, h('h2', null, '基本信息'), facts);

    var message = h('div', { className: 'form-message', id: 'campaign-edit-message' });
    var form = h(
      'form',
      { id: 'campaign-edit', className: 'grid-form', novalidate: true },
      settingsFields(c),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '保存修改')),
    );
    var errors = errorsOf(form, message);
    var initial = null;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      errors.clear();
      var body = readSettings(form, errors);
      if (!body) return Staff.fill(message, Staff.alert('请按提示修改标出的内容后再提交。'));
      // Only what changed is sent: a time shown to the minute keeps its seconds when left alone.
      var changed = {};
      Object.keys(body).forEach(function (k) {
        if (JSON.stringify(body[k]) !== JSON.stringify(initial[k])) changed[k] = body[k];
      });
      if (!Object.keys(changed).length) return Staff.fill(message, Staff.alert('没有修改。'));
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return Staff.api('PATCH', '/api/staff/campaigns/' + encodeURIComponent(c.code), changed).then(
          function (updated) {
            Staff.campaigns(true);
            Staff.toast('已保存：' + updated.title, 'ok');
            return reload();
          },
          function (error) {
            errors.fromApi(error);
          },
        );
      });
    });
    initial = readSettings(form, { show: function () {} }) || {};
    return h(
      'section',
      { className: 'panel' },
      h('h2', null, '基本信息'),
      facts,
      h('details', { className: 'add-box', id: 'campaign-edit-box' }, h('summary', null, '修改基本信息'), form, message),
    );
  }

  function disclosurePanel(c, reload) {
    var d = c.disclosure || {};
    var facts = Staff.facts(
      DISCLOSURE_FIELDS.map(function (f) {
        return [f[1], d[f[0]] || null];
      }),
    );
    facts.id = 'disclosure-facts';
    var none = c.disclosure ? null : h('p', { className: 'muted', id: 'disclosure-none' }, '尚未设置公开信息：捐赠页不显示募捐组织与备案信息。');
    if (!Staff.isAdmin()) return h('section', { className: 'panel', id: 'disclosure' }, h('h2', null, '公开信息'), none, facts);

    var message = h('div', { className: 'form-message', id: 'disclosure-message' });
    var form = h(
      'form',
      { id: 'disclosure-form', className: 'grid-form', novalidate: true },
      DISCLOSURE_FIELDS.map(function (f) {
        return errField('disclosure.' + f[0], f[1], h('input', { name: f[0], maxlength: f[2], value: d[f[0]] || '', placeholder: f[3] }));
      }),
      h(
        'div',
        { className: 'form-actions' },
        h('button', { type: 'submit', className: 'btn btn-primary' }, '保存公开信息'),
        h('span', { className: 'muted small' }, '全部留空即清除公开信息'),
      ),
    );
    var errors = errorsOf(form, message);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      errors.clear();
      var disclosure = {};
      DISCLOSURE_FIELDS.forEach(function (f) {
        var v = form.elements[f[0]].value.trim();
        if (v) disclosure[f[0]] = v;
      });
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return Staff.api('PATCH', '/api/staff/campaigns/' + encodeURIComponent(c.code), {
          disclosure: Object.keys(disclosure).length ? disclosure : null,
        }).then(
          function () {
            Staff.toast('已保存公开信息', 'ok');
            return reload();
          },
          function (error) {
            errors.fromApi(error);
          },
        );
      });
    });
    return h(
      'section',
      { className: 'panel', id: 'disclosure' },
      h('h2', null, '公开信息'),
      h('p', { className: 'muted small' }, '《慈善组织信息公开办法》要求募捐页面公开的信息，显示在捐赠页与活动页。'),
      none,
      facts,
      h('details', { className: 'add-box', id: 'disclosure-box' }, h('summary', null, '修改公开信息'), form, message),
    );
  }

  function fundsPanel(c, reload) {
    var admin = Staff.isAdmin();
    var base = '/api/staff/campaigns/' + encodeURIComponent(c.code) + '/funds';
    function renameRow(fund, cell) {
      var message = h('div', { className: 'form-message' });
      var form = h(
        'form',
        { className: 'inline-form fund-rename', novalidate: true },
        errField('fundName', '新名称', h('input', { name: 'name', required: true, maxlength: 100, value: fund.name })),
        h('button', { type: 'submit', className: 'btn btn-small btn-primary' }, '保存'),
        h('button', { type: 'button', className: 'btn btn-small btn-ghost fund-cancel' }, '取消'),
      );
      var errors = errorsOf(form, message);
      form.querySelector('.fund-cancel').addEventListener('click', function () {
        return reload();
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        errors.clear();
        var name = form.elements.name.value.trim();
        if (!name) return errors.show('fundName', RULES.fundName);
        Staff.busy(form.querySelector('button[type=submit]'), function () {
          return Staff.api('PATCH', base + '/' + encodeURIComponent(fund.code), { name: name }).then(
            function () {
              Staff.toast('已修改基金名称：' + name, 'ok');
              return reload();
            },
            function (error) {
              errors.fromApi(error, 'fund');
            },
          );
        });
      });
      Staff.fill(cell, form, message);
      form.elements.name.focus();
    }
    var rows = (c.funds || []).map(function (fund) {
      var actions = h('td', null);
      if (admin) {
        var b = h('button', { type: 'button', className: 'btn btn-small btn-ghost fund-rename-open' }, '改名…');
        b.addEventListener('click', function () {
          renameRow(fund, actions);
        });
        actions.appendChild(b);
      }
      return h(
        'tr',
        { dataset: { fund: fund.code } },
        h('td', { className: 'mono' }, fund.code),
        h('td', { className: 'fund-name' }, fund.name),
        admin ? actions : null,
      );
    });
    var list = h('div', { id: 'fund-list' }, Staff.table(['基金代码', '名称'].concat(admin ? ['操作'] : []), rows, '未设定向基金：捐赠不指定用途。'));
    if (!admin) return h('section', { className: 'panel', id: 'funds' }, h('h2', null, '定向基金'), list);

    var message = h('div', { className: 'form-message', id: 'fund-message' });
    var form = h(
      'form',
      { id: 'fund-add', className: 'grid-form', novalidate: true },
      errField(
        'fundCode',
        '基金代码',
        h('input', { name: 'code', required: true, maxlength: 63, autocomplete: 'off', placeholder: 'medical' }),
        '小写字母、数字和短横线；添加后不能修改',
      ),
      errField('fundName', '基金名称', h('input', { name: 'name', required: true, maxlength: 100, placeholder: '医疗救治' })),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '添加基金')),
    );
    var errors = errorsOf(form, message);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      errors.clear();
      var body = { code: form.elements.code.value.trim(), name: form.elements.name.value.trim() };
      if (!body.code) errors.show('fundCode', RULES.fundCode);
      if (!body.name) errors.show('fundName', RULES.fundName);
      if (!body.code || !body.name) return Staff.fill(message, Staff.alert('请按提示修改标出的内容后再提交。'));
      Staff.busy(form.querySelector('button[type=submit]'), function () {
        return Staff.api('POST', base, body).then(
          function () {
            Staff.toast('已添加定向基金：' + body.name, 'ok');
            return reload();
          },
          function (error) {
            errors.fromApi(error, 'fund');
          },
        );
      });
    });
    return h(
      'section',
      { className: 'panel', id: 'funds' },
      h('h2', null, '定向基金'),
      h('p', { className: 'muted small' }, '捐赠人可指定捐给某个基金（定向捐赠）；基金一经使用便不能删除，只能改名。'),
      list,
      h('details', { className: 'add-box', id: 'fund-add-box' }, h('summary', null, '添加定向基金'), form, message),
    );
  }

  function closePanel(c, reload) {
    if (!Staff.isAdmin() || c.status === 'ended') return null;
    var message = h('div', { className: 'form-message', id: 'close-message' });
    var panel = h('div', { className: 'user-panel', hidden: true, id: 'close-confirm' });
    var open = h('button', { type: 'button', className: 'btn btn-danger', id: 'campaign-close' }, '结束活动…');
    open.addEventListener('click', function () {
      var confirm = h('button', { type: 'submit', className: 'btn btn-danger confirm-action' }, '确认结束');
      var cancel = h('button', { type: 'button', className: 'btn btn-ghost' }, '取消');
      var form = h(
        'form',
        { className: 'inline-form', novalidate: true },
        h('p', null, '结束后「' + c.title + '」立即停止接受捐赠，且不能重新开始；已有的捐赠、票据与公示不受影响。此操作记入操作日志。'),
        confirm,
        cancel,
      );
      cancel.addEventListener('click', function () {
        panel.hidden = true;
        Staff.clear(panel);
        open.hidden = false;
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        Staff.busy(confirm, function () {
          return Staff.api('POST', '/api/staff/campaigns/' + encodeURIComponent(c.code) + '/close', {}).then(
            function () {
              Staff.campaigns(true);
              Staff.toast('已结束活动：' + c.title, 'ok');
              return reload();
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
      Staff.fill(panel, form);
      panel.hidden = false;
      open.hidden = true;
      confirm.focus();
    });
    return h('section', { className: 'panel', id: 'close' }, h('h2', null, '结束活动'), open, panel, message);
  }

  function renderOne(el, code) {
    var body = h('div', { id: 'campaign-detail' }, h('p', { className: 'muted' }, '正在加载…'));
    Staff.fill(el, h('p', null, h('a', { href: Staff.link('campaigns') }, '← 全部活动')), body);
    function load() {
      // The staff list carries every setting (the public view of a campaign does not).
      return Staff.campaigns(true).then(function (items) {
        if (!Staff.current()) return;
        var c = items.filter(function (x) {
          return x.code === code;
        })[0];
        if (!c) return Staff.fill(body, Staff.alert('活动不存在'));
        document.title = c.title + ' · 活动管理 · 温暖工作台';
        Staff.fill(
          body,
          h('header', { className: 'screen-head' }, h('h1', { id: 'campaign-title' }, c.title, ' ', statusBadge(c.status))),
          settingsPanel(c, load),
          h('div', { className: 'two-col' }, disclosurePanel(c, load), fundsPanel(c, load)),
          closePanel(c, load),
        );
      });
    }
    return load();
  }

  Staff.register('campaigns', {
    title: '活动管理',
    rank: 600,
    // Warehouse staff read campaigns in their pickers only; the settings are for finance and auditors.
    roles: ['finance', 'auditor'],
    render: function (el, params) {
      return params.code ? renderOne(el, params.code) : renderList(el);
    },
  });
})();
