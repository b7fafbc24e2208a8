// Staff console: staff accounts. Admins create accounts, unlock sign-in, disable and re-enable,
// reset passwords, change roles and remove a lost second factor; auditors read the list. Every
// change is made by the server under the admin's name and shows in the audit log.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var ROLES = ['finance', 'warehouse', 'auditor', 'admin'];

  function createForm(onCreated) {
    var message = h('div', { className: 'form-message' });
    var form = h(
      'form',
      { id: 'user-form', className: 'grid-form', novalidate: true },
      Staff.field('姓名', h('input', { name: 'name', required: true, maxlength: 100 })),
      Staff.field('邮箱', h('input', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' })),
      Staff.field('角色', roleSelect('role', 'finance')),
      Staff.field(
        '初始密码',
        h('input', { name: 'password', type: 'password', required: true, minlength: 10, maxlength: 200, autocomplete: 'new-password' }),
        '至少 10 位；请当面告知本人',
      ),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '创建账号')),
    );
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var f = form.elements;
      if (!f.name.value.trim() || !f.email.value.trim()) return Staff.fill(message, Staff.alert('请填写姓名和邮箱。'));
      if (f.password.value.length < 10) return Staff.fill(message, Staff.alert('密码至少 10 位。'));
      Staff.busy(form.querySelector('button'), function () {
        return Staff.api('POST', '/api/staff/users', {
          name: f.name.value.trim(),
          email: f.email.value.trim(),
          role: f.role.value,
          password: f.password.value,
        }).then(
          function (user) {
            form.reset();
            Staff.fill(message, Staff.alert('已创建 ' + user.email + '（' + Staff.roleLabel(user.role) + '）。', 'ok'));
            onCreated();
          },
          function (error) {
            Staff.fill(message, Staff.alert(Staff.errorText(error)));
          },
        );
      });
    });
    return h('section', { className: 'panel' }, h('h2', null, '新建工作人员账号'), form, message);
  }

  function roleSelect(name, selected) {
    return h(
      'select',
      { name: name },
      ROLES.map(function (r) {
        return h('option', { value: r, selected: r === selected }, Staff.roleLabel(r));
      }),
    );
  }

  function state(u) {
    return h(
      'span',
      { className: 'user-state' },
      u.disabled ? h('span', { className: 'badge badge-voided' }, '已停用') : h('span', { className: 'badge badge-paid' }, '正常'),
      u.locked ? h('span', { className: 'badge badge-pending user-locked' }, '登录已锁定') : null,
      u.totpEnabled ? h('span', { className: 'badge badge-issued user-totp' }, '双重验证') : null,
    );
  }

  /**
   * The admin's buttons for one account. Changes that end the owner's sessions or lock them out ask
   * once more; the answer comes back as the account's new state and the list is drawn again.
   */
  function actions(u, reload) {
    var message = h('p', { className: 'row-message', role: 'status' });
    var panel = h('div', { className: 'user-panel', hidden: true });
    function call(path, body, done) {
      return Staff.api('POST', '/api/staff/users/' + encodeURIComponent(u.id) + path, body || {}).then(
        function (user) {
          Staff.toast(done + '：' + user.email, 'ok');
          return reload();
        },
        function (error) {
          Staff.fill(message, Staff.alert(Staff.errorText(error)));
        },
      );
    }
    function button(text, className, onClick) {
      var b = h('button', { type: 'button', className: 'btn btn-small ' + className }, text);
      b.addEventListener('click', function () {
        onClick(b);
      });
      return b;
    }
    /** Opens a small form under the row: one field (or none), a confirm button and cancel. */
    function ask(text, field, confirmText, onConfirm) {
      var confirm = h('button', { type: 'submit', className: 'btn btn-small btn-danger confirm-action' }, confirmText);
      var cancel = h('button', { type: 'button', className: 'btn btn-small btn-ghost' }, '取消');
      var form = h('form', { className: 'inline-form user-confirm', novalidate: true }, h('p', null, text), field, confirm, cancel);
      cancel.addEventListener('click', function () {
        panel.hidden = true;
        Staff.clear(panel);
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        Staff.busy(confirm, function () {
          return onConfirm();
        });
      });
      Staff.fill(panel, form);
      Staff.clear(message);
      panel.hidden = false;
      (field || confirm).focus();
    }

    var buttons = [];
    if (u.locked) {
      buttons.push(
        button('解锁登录', 'btn-ghost unlock', function (b) {
          Staff.busy(b, function () {
            return call('/unlock', {}, '已解锁');
          });
        }),
      );
    }
    if (u.disabled) {
      buttons.push(
        button('启用', 'btn-ghost enable', function (b) {
          Staff.busy(b, function () {
            return call('/enable', {}, '已启用');
          });
        }),
      );
    } else {
      buttons.push(
        button('停用…', 'btn-ghost disable', function () {
          ask('停用后该账号立即退出所有登录，且不能再登录，直到重新启用。', null, '确认停用', function () {
            return call('/disable', {}, '已停用');
          });
        }),
      );
    }
    buttons.push(
      button('重置密码…', 'btn-ghost reset-password', function () {
        var input = h('input', {
          type: 'password',
          name: 'password',
          minlength: 10,
          maxlength: 200,
          autocomplete: 'new-password',
          placeholder: '新密码（至少 10 位）',
        });
        ask('设置新密码后，该账号的所有登录立即失效；请当面告知本人新密码。', input, '确认重置', function () {
          if (input.value.length < 10) return Staff.fill(message, Staff.alert('密码至少 10 位。'));
          return call('/password', { password: input.value }, '已重置密码');
        });
      }),
    );
    buttons.push(
      button('更改角色…', 'btn-ghost change-role', function () {
        var select = roleSelect('role', u.role);
        ask('更改角色后，该账号需要重新登录。', select, '确认更改', function () {
          if (select.value === u.role) return Staff.fill(message, Staff.alert('角色没有变化。'));
          return call('/role', { role: select.value }, '已更改角色');
        });
      }),
    );
    if (u.totpEnabled) {
      buttons.push(
        button('重置双重验证…', 'btn-ghost reset-totp', function () {
          ask('仅在本人丢失身份验证器时使用：将删除该账号的双重验证，本人下次登录后需重新绑定。', null, '确认重置', function () {
            return call('/totp/reset', {}, '已重置双重验证');
          });
        }),
      );
    }
    return h('div', { className: 'user-actions' }, h('div', { className: 'actions' }, buttons), panel, message);
  }

  Staff.register('users', {
    title: '工作人员',
    rank: 800,
    roles: ['auditor'],
    render: function (el) {
      var admin = Staff.isAdmin();
      var list = h('div', { id: 'user-list' }, h('p', { className: 'muted' }, '正在加载…'));
      function load() {
        return Staff.api('GET', '/api/staff/users').then(function (res) {
          if (!Staff.current()) return;
          Staff.fill(
            list,
            Staff.table(
              ['姓名', '邮箱', '角色', '状态', '创建时间'].concat(admin ? ['操作'] : []),
              (res.items || []).map(function (u) {
                return h(
                  'tr',
                  { dataset: { userId: u.id, email: u.email } },
                  h('td', null, u.name),
                  h('td', null, u.email),
                  h('td', { className: 'user-role' }, Staff.roleLabel(u.role)),
                  h('td', null, state(u)),
                  h('td', null, Staff.time(u.createdAt)),
                  admin ? h('td', null, actions(u, load)) : null,
                );
              }),
            ),
          );
        });
      }
      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '工作人员'),
          h(
            'p',
            { className: 'muted' },
            '登录失败次数过多时，只锁定尝试登录的那个网络地址；本人在其他地址仍可登录。管理员可解锁、停用、重置密码、更改角色，每项操作都记入操作日志。',
          ),
        ),
        // Full width: the admin's buttons need the room; the form for a new account comes after.
        h('section', { className: 'panel' }, h('h2', null, '账号列表'), list),
        admin ? createForm(load) : null,
      );
      return load();
    },
  });
})();
