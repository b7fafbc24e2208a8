// Staff console, part 1: session, API calls, formatting and DOM helpers shared by every screen.
// The token lives in sessionStorage only: it ends with the tab, and is never sent as a cookie.
(function () {
  'use strict';

  var TOKEN_KEY = 'wennuan.staff.session';
  var ROLE_LABELS = { admin: '管理员', finance: '财务', warehouse: '仓库', auditor: '审计' };

  var Staff = (window.Staff = {
    views: {},
    order: [],
    me: null,
    ROLE_LABELS: ROLE_LABELS,
  });

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }
  Staff.ApiError = ApiError;

  // ---- session ----
  Staff.session = function () {
    try {
      var s = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
      if (!s || typeof s.token !== 'string') return null;
      if (s.expiresAt && Date.now() >= s.expiresAt) {
        sessionStorage.removeItem(TOKEN_KEY);
        return null;
      }
      return s;
    } catch (e) {
      return null;
    }
  };
  Staff.saveSession = function (token, expiresInSeconds) {
    var expiresAt = expiresInSeconds ? Date.now() + expiresInSeconds * 1000 : null;
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token: token, expiresAt: expiresAt }));
  };
  /** Forgets the token and everything else this console kept for the tab (e.g. an import being followed). */
  Staff.clearSession = function () {
    for (var i = sessionStorage.length - 1; i >= 0; i--) {
      var key = sessionStorage.key(i);
      if (key && key.indexOf('wennuan.staff.') === 0) sessionStorage.removeItem(key);
    }
    Staff.me = null;
    Staff.campaignCache = null;
  };
  var authHeader = (Staff.authHeader = function () {
    var s = Staff.session();
    return s ? { Authorization: 'Bearer ' + s.token } : {};
  });

  // ---- API ----
  /** Any 401 from a staff call ends the session on this page and shows the sign-in form. */
  var refused = (Staff.refused = function (status, body) {
    var error = new ApiError(status, (body && body.code) || 'HTTP_' + status, (body && body.message) || '请求失败（' + status + '）');
    // Per-line errors of an import (details.errors), for the screen to list.
    if (body && body.details) error.details = body.details;
    if (status === 401) Staff.onSignedOut('登录已失效，请重新登录。');
    return error;
  });

  Staff.api = function (method, path, body) {
    var headers = authHeader();
    var init = { method: method, headers: headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(
      function (res) {
        return res.text().then(function (text) {
          var json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch (e) {
            json = null;
          }
          if (!res.ok) throw refused(res.status, json);
          return json;
        });
      },
      function () {
        throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。');
      },
    );
  };

  /** Campaigns for the pickers, fetched once per session (`fresh`: fetch again). */
  Staff.campaigns = function (fresh) {
    if (!Staff.campaignCache || fresh) {
      Staff.campaignCache = Staff.api('GET', '/api/staff/campaigns').then(
        function (res) {
          return res.items || [];
        },
        function (error) {
          Staff.campaignCache = null;
          throw error;
        },
      );
    }
    return Staff.campaignCache;
  };

  // ---- roles ----
  /** Changes money and receipts: admin and finance. Auditors and warehouse staff only read. */
  Staff.canFinance = function () {
    return !!Staff.me && (Staff.me.role === 'admin' || Staff.me.role === 'finance');
  };
  Staff.isAdmin = function () {
    return !!Staff.me && Staff.me.role === 'admin';
  };
  Staff.roleLabel = function (role) {
    return ROLE_LABELS[role] || role;
  };

  // ---- formatting (money is integer fen; no floating point) ----
  Staff.yuan = function (fen) {
    if (typeof fen !== 'number' || !isFinite(fen)) return '—';
    var negative = fen < 0;
    var abs = Math.abs(fen);
    var whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    var cents = String(abs % 100);
    return (negative ? '-' : '') + '¥' + whole + '.' + (cents.length < 2 ? '0' + cents : cents);
  };
  /** "1,234.5" → 123450; null when it is not an amount in yuan with at most two decimals. */
  Staff.parseYuan = function (text) {
    var t = String(text || '')
      .replace(/[\s,，]/g, '')
      .replace(/^[¥￥]/, '')
      .replace(/元$/, '');
    var m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(t);
    if (!m) return null;
    var cents = (m[2] || '') + '00';
    return Number(m[1]) * 100 + Number(cents.slice(0, 2));
  };
  /** An ISO timestamp as Beijing time (Asia/Shanghai, no daylight saving), "2020-02-01 10:30"; `seconds`: "2020-02-01 10:30:05". */
  Staff.time = function (iso, seconds) {
    if (!iso) return '—';
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    var b = new Date(d.getTime() + 8 * 3600 * 1000).toISOString();
    return b.slice(0, 10) + ' ' + b.slice(11, seconds ? 19 : 16);
  };
  Staff.STATUS = {
    pending: '待支付',
    paid: '已到账',
    failed: '失败',
    refunded: '已退款',
    pending_review: '待审核',
    queued: '开票中',
    issued: '已开具',
    rejected: '已驳回',
    voided: '已作废',
  };
  Staff.CHANNEL = { sandbox: '模拟支付', wechatpay: '微信支付', alipay: '支付宝', bank_transfer: '银行转账' };

  // ---- DOM ----
  /** h('p', { className: 'x' }, 'text', child): text is always text, never markup. */
  var h = (Staff.h = function (tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var v = attrs[key];
        if (v === null || v === undefined || v === false) return;
        if (key === 'className') el.className = v;
        else if (key === 'dataset')
          Object.keys(v).forEach(function (k) {
            el.dataset[k] = v[k];
          });
        else if (key.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(key.slice(2), v);
        else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected') el[key] = v;
        else el.setAttribute(key, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  });
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child))
      child.forEach(function (c) {
        append(el, c);
      });
    else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  Staff.clear = function (el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  };
  Staff.fill = function (el) {
    Staff.clear(el);
    for (var i = 1; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  };

  /** A definition list of [label, value] pairs; empty values are left out. */
  Staff.facts = function (pairs, className) {
    return h(
      'dl',
      { className: 'facts ' + (className || '') },
      pairs
        .filter(function (p) {
          return p[1] !== null && p[1] !== undefined && p[1] !== '';
        })
        .map(function (p) {
          return h('div', null, h('dt', null, p[0]), h('dd', p[2] ? { className: p[2] } : null, p[1]));
        }),
    );
  };

  Staff.badge = function (status) {
    return h('span', { className: 'badge badge-' + status }, Staff.STATUS[status] || status);
  };

  Staff.errorText = function (error) {
    if (error && error.status === 403) return '当前角色无权执行此操作。';
    return (error && error.message) || '操作失败，请重试。';
  };
  Staff.alert = function (text, kind) {
    return h('p', { className: 'alert' + (kind ? ' alert-' + kind : ''), role: kind === 'ok' ? 'status' : 'alert' }, text);
  };

  var toastTimer = null;
  Staff.toast = function (text, kind) {
    var el = document.getElementById('toast');
    el.textContent = text;
    el.className = 'toast' + (kind ? ' toast-' + kind : '');
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      el.hidden = true;
    }, 4000);
  };

  /** A <select> of campaigns; `any` adds an "all campaigns" option. */
  Staff.campaignSelect = function (name, any, selected) {
    var select = h('select', { name: name, required: !any }, h('option', { value: '' }, any ? '全部活动' : '请选择活动'));
    Staff.campaigns().then(
      function (items) {
        items.forEach(function (c) {
          select.appendChild(h('option', { value: c.code, selected: c.code === selected }, c.title + '（' + c.code + '）'));
        });
        if (!any && items.length === 1) select.value = items[0].code;
      },
      function () {
        /* the pickers stay empty; the screen shows its own error when it calls the API */
      },
    );
    return select;
  };

  Staff.field = function (label, input, hint) {
    return h('label', { className: 'field' }, h('span', null, label), input, hint ? h('small', { className: 'hint' }, hint) : null);
  };

  /** Runs `fn` with the button disabled, so a double click sends one request. */
  Staff.busy = function (button, fn) {
    if (button.disabled) return Promise.resolve();
    button.disabled = true;
    button.classList.add('is-busy');
    return Promise.resolve()
      .then(fn)
      .then(
        function (v) {
          button.disabled = false;
          button.classList.remove('is-busy');
          return v;
        },
        function (e) {
          button.disabled = false;
          button.classList.remove('is-busy');
          throw e;
        },
      );
  };

  Staff.table = function (headers, rows, empty) {
    if (!rows.length) return h('p', { className: 'empty' }, empty || '没有记录');
    return h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        { className: 'table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            headers.map(function (t) {
              return h('th', { scope: 'col' }, t);
            }),
          ),
        ),
        h('tbody', null, rows),
      ),
    );
  };

  /** Route parameters from "#/view?x=1&y=2". */
  Staff.route = function () {
    var hash = location.hash.replace(/^#\/?/, '');
    var q = hash.indexOf('?');
    var name = q < 0 ? hash : hash.slice(0, q);
    var params = {};
    if (q >= 0) {
      hash
        .slice(q + 1)
        .split('&')
        .forEach(function (pair) {
          if (!pair) return;
          var i = pair.indexOf('=');
          var k = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
          params[k] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' '));
        });
    }
    return { name: name, params: params };
  };
  Staff.link = function (name, params) {
    var q = Object.keys(params || {})
      .filter(function (k) {
        return params[k] !== '' && params[k] !== undefined && params[k] !== null;
      })
      .map(function (k) {
        return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]);
      })
      .join('&');
    return '#/' + name + (q ? '?' + q : '');
  };

  /**
   * Registers a screen: { title, roles, render(container, params), rank? }. The menu follows the
   * order of registration, except that a screen with a `rank` (default 500) sorts by it.
   */
  Staff.register = function (name, view) {
    Staff.views[name] = view;
    Staff.order.push(name);
    Staff.order.sort(function (a, b) {
      return (Staff.views[a].rank || 500) - (Staff.views[b].rank || 500);
    });
  };

  // ---- background jobs (GET /api/staff/jobs/:jobId) ----
  var JOB_POLL_MS = 700;

  /**
   * Follows a background job until it ends: `onUpdate(view)` on every poll, `onEnd(view)` once it
   * completed or failed, `onLost(error)` when it is unknown. Stops quietly when `shown()` turns
   * false (the user left the screen): the job itself goes on on the server.
   */
  Staff.followJob = function (jobId, handlers) {
    (function poll() {
      if (!Staff.current() || (handlers.shown && !handlers.shown())) return;
      Staff.api('GET', '/api/staff/jobs/' + encodeURIComponent(jobId)).then(
        function (view) {
          if (handlers.shown && !handlers.shown()) return;
          handlers.onUpdate && handlers.onUpdate(view);
          if (view.state === 'completed' || view.state === 'failed') return handlers.onEnd && handlers.onEnd(view);
          setTimeout(poll, JOB_POLL_MS);
        },
        function (error) {
          if (error.status === 404 || error.status === 403) return handlers.onLost && handlers.onLost(error);
          if (error.status === 401) return;
          // Network trouble or a busy queue: the job goes on; ask again a little later.
          setTimeout(poll, JOB_POLL_MS * 3);
        },
      );
    })();
  };

  /** Recent jobs of a kind (7 days, newest first): the user's own, or (`all`) every one the role may follow. */
  Staff.recentJobs = function (kind, all) {
    return Staff.api('GET', '/api/staff/jobs?kind=' + encodeURIComponent(kind) + (all ? '&mine=false' : '')).then(function (res) {
      return res.items || [];
    });
  };

  Staff.jobRunning = function (view) {
    return view.state === 'waiting' || view.state === 'active';
  };

  /** A progress bar with a line of text, for a job: `set(view)` shows where it stands. */
  Staff.jobProgress = function (id) {
    var bar = h('progress', { max: 100, value: 0, id: id ? id + '-bar' : null });
    var text = h('span', { className: 'muted', id: id ? id + '-text' : null, role: 'status' });
    var el = h('div', { className: 'job-progress', id: id || null, hidden: true }, bar, ' ', text);
    return {
      el: el,
      bar: bar,
      text: text,
      set: function (done, total, line) {
        el.hidden = false;
        bar.value = total > 0 ? Math.floor((done * 100) / total) : 0;
        text.textContent = line;
      },
      hide: function () {
        el.hidden = true;
      },
    };
  };
})();
