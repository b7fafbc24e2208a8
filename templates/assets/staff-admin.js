// Staff console: the audit log and the queue board (staff accounts: staff-users.js).
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;

  var ACTIONS = {
    'staff.login': '登录',
    'staff.logout': '退出登录',
    'staff.login_locked': '登录被锁定',
    'staff_user.create': '创建账号',
    'staff_user.bootstrap_admin': '创建初始管理员',
    'campaign.create': '创建活动',
    'receipt_request.approve': '批准票据申请',
    'receipt_request.reject': '驳回票据申请',
    'receipt.void': '作废票据',
    'receipt.reissue': '重新开具票据',
    'bank_transfer.record': '登记银行转账',
    'bank_transfer.import': '导入银行流水',
    'bank_transfer.import_job': '提交银行流水导入任务',
    'donation.resolve_flag': '处理异常到账',
    'receipt_request.reveal_personal_data': '查看完整个人信息',
    'receipt.resend': '重发票据邮件',
    'export.donations': '导出捐赠记录',
    'export.receipts': '导出票据',
    'export.goods': '导出物资台账',
    'export.job': '提交导出任务',
    'export.download': '下载导出文件',
    'receipt_request.approve_job': '提交批量批准任务',
    'storage.retention': '按保存期限删除文件',
    'disbursement.create': '登记拨付',
    'staff_user.unlock': '解锁登录',
    'staff_user.disable': '停用账号',
    'staff_user.enable': '启用账号',
    'staff_user.reset_password': '重置密码',
    'staff_user.change_role': '更改角色',
    'staff_user.reset_totp': '重置双重验证',
    'staff.totp_enrolment_started': '开始绑定身份验证器',
    'staff.totp_enabled': '启用双重验证',
  };

  // Field names in audit snapshots, as staff read them.
  var FIELDS = {
    status: '状态',
    donationId: '捐赠记录',
    orderNo: '订单号',
    reason: '原因',
    rejectReason: '驳回原因',
    voidReason: '作废原因',
    receiptNo: '票据号',
    amountFen: '金额',
    campaignCode: '活动',
    bankReference: '银行流水号',
    payerName: '付款人',
    filename: '文件名',
    file: '文件',
    bytes: '大小（字节）',
    jobId: '任务编号',
    total: '总数',
    kind: '类型',
    format: '格式',
    role: '角色',
    email: '邮箱',
    name: '姓名',
    fields: '字段',
    imported: '已导入',
    duplicates: '重复跳过',
    errors: '错误行数',
    exportsDeleted: '删除的导出文件',
    statementsDeleted: '删除的银行流水文件',
    exportDays: '导出文件保存天数',
    statementDays: '银行流水保存天数',
    selection: '选择方式',
    disabled: '已停用',
    totpEnabled: '双重验证',
    locked: '登录锁定',
    secondFactor: '双重验证',
    address: '来源地址',
    createdAt: '创建时间',
    id: '编号',
  };

  var EXPORT_KINDS = { donations: '捐赠记录', receipts: '捐赠证明/票据', goods: '物资台账' };

  function shown(key, value) {
    if (value === null || value === undefined || value === '') return '—';
    if (/Fen$/.test(key) && typeof value === 'number') return Staff.yuan(value);
    if (key === 'status' && Staff.STATUS[value]) return Staff.STATUS[value];
    if (key === 'role') return Staff.roleLabel(value);
    if (key === 'kind' && EXPORT_KINDS[value]) return EXPORT_KINDS[value];
    if (Array.isArray(value))
      return (
        value
          .map(function (v) {
            return typeof v === 'object' ? JSON.stringify(v) : String(v);
          })
          .join('、') || '—'
      );
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (typeof value === 'object') {
      var text = JSON.stringify(value);
      return text.length > 120 ? text.slice(0, 117) + '…' : text;
    }
    return String(value);
  }

  /** A change as a list of fields: 状态 待审核 → 开票中; a field only before or only after shows one side. */
  function changes(before, after) {
    var b = before && typeof before === 'object' ? before : {};
    var a = after && typeof after === 'object' ? after : {};
    var keys = [];
    Object.keys(b)
      .concat(Object.keys(a))
      .forEach(function (k) {
        if (keys.indexOf(k) < 0) keys.push(k);
      });
    if (!keys.length) return null;
    return h(
      'ul',
      { className: 'change-list' },
      keys.map(function (k) {
        var label = FIELDS[k] || k;
        var had = Object.prototype.hasOwnProperty.call(b, k);
        var has = Object.prototype.hasOwnProperty.call(a, k);
        var same = had && has && JSON.stringify(b[k]) === JSON.stringify(a[k]);
        return h(
          'li',
          { dataset: { field: k } },
          h('span', { className: 'change-field' }, label + '：'),
          had && !same ? h('del', { className: 'change-before' }, shown(k, b[k])) : null,
          had && has && !same ? ' → ' : null,
          has ? h(had && !same ? 'ins' : 'span', { className: 'change-after' }, shown(k, a[k])) : null,
        );
      }),
    );
  }

  // The BullMQ board is its own page: a bearer token cannot follow a link, so the console trades it
  // for a short-lived cookie scoped to /staff/queues, then opens the board in this tab.
  Staff.register('queues', {
    title: '任务队列',
    rank: 950,
    roles: [],
    render: function (el) {
      var message = h('div', { className: 'form-message', id: 'queues-message' });
      var open = h('button', { type: 'button', className: 'btn btn-primary', id: 'open-queue-board' }, '打开队列看板');
      open.addEventListener('click', function () {
        Staff.busy(open, function () {
          return Staff.api('POST', '/api/staff/queue-board/session').then(
            function (res) {
              location.assign(res.url);
            },
            function (error) {
              Staff.fill(message, Staff.alert(Staff.errorText(error)));
            },
          );
        });
      });
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '任务队列'),
          h('p', { className: 'muted' }, '票据签发、导入、导出、批量批准和定时任务的排队情况（只读）。看板登录 15 分钟内有效，退出登录即失效。'),
        ),
        h('section', { className: 'panel' }, open, message),
      );
    },
  });

  Staff.register('audit', {
    title: '操作日志',
    rank: 900,
    roles: ['auditor'],
    render: function (el, params) {
      var body = h('tbody');
      var more = h('button', { type: 'button', className: 'btn btn-ghost', hidden: true, id: 'audit-more' }, '加载更早的记录');
      var form = h(
        'form',
        { className: 'toolbar search-form', id: 'audit-search' },
        Staff.field(
          '对象类型',
          h(
            'select',
            { name: 'entity' },
            h('option', { value: '' }, '全部'),
            [
              ['donation', '捐赠'],
              ['receipt', '票据'],
              ['receipt_request', '票据申请'],
              ['campaign', '活动'],
              ['export', '导出'],
              ['staff_user', '工作人员'],
              ['storage', '文件保存'],
            ].map(function (e) {
              return h('option', { value: e[0], selected: params.entity === e[0] }, e[1]);
            }),
          ),
        ),
        Staff.field('对象编号', h('input', { name: 'entityId', maxlength: 128, value: params.entityId || '', placeholder: '订单号、票据号…' })),
        h('button', { type: 'submit', className: 'btn btn-primary' }, '筛选'),
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        location.hash = Staff.link('audit', { entity: form.elements.entity.value, entityId: form.elements.entityId.value.trim() });
      });
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '操作日志'),
          h('p', { className: 'muted' }, '每一项工作人员操作：谁、何时、做了什么、针对哪条记录。日志不可修改。'),
        ),
        form,
        h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { className: 'table', id: 'audit-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['时间', '操作人', '操作', '对象', '变更', 'IP'].map(function (t) {
                  return h('th', { scope: 'col' }, t);
                }),
              ),
            ),
            body,
          ),
        ),
        more,
      );
      function load(beforeId) {
        var q = ['limit=100'];
        if (params.entity) q.push('entity=' + encodeURIComponent(params.entity));
        if (params.entityId) q.push('entityId=' + encodeURIComponent(params.entityId));
        if (beforeId) q.push('beforeId=' + encodeURIComponent(beforeId));
        return Staff.api('GET', '/api/staff/audit-log?' + q.join('&')).then(function (res) {
          if (!Staff.current()) return;
          (res.items || []).forEach(function (a) {
            body.appendChild(
              h(
                'tr',
                null,
                h('td', { className: 'nowrap' }, Staff.time(a.at)),
                h('td', null, a.actorEmail || '系统'),
                h('td', null, ACTIONS[a.action] || a.action),
                h('td', { className: 'mono small wrap' }, a.entity + (a.entityId ? ' · ' + a.entityId : '')),
                h('td', { className: 'small change wrap' }, changes(a.before, a.after)),
                h('td', { className: 'mono small' }, a.ip || ''),
              ),
            );
          });
          if (!body.firstChild) body.appendChild(h('tr', null, h('td', { colspan: 6, className: 'empty' }, '没有记录')));
          more.hidden = !res.nextBeforeId;
          more.onclick = function () {
            Staff.busy(more, function () {
              return load(res.nextBeforeId);
            });
          };
        });
      }
      return load();
    },
  });
})();
