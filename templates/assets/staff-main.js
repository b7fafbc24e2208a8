// Staff console, last part: sign-in, sign-out, navigation by role, and the hash router.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var IDLE_LIMIT_MS = 15 * 60 * 1000;

  var loginView = document.getElementById('login-view');
  var consoleView = document.getElementById('console');
  var loginForm = document.getElementById('login-form');
  var loginMessage = document.getElementById('login-message');
  var totpField = document.getElementById('login-totp-field');
  var nav = document.getElementById('nav');
  var main = document.getElementById('view');
  var navToggle = document.getElementById('nav-toggle');
  var renderSeq = 0;
  var idleTimer = null;
  var expiryTimer = null;

  function showLogin(message) {
    consoleView.hidden = true;
    loginView.hidden = false;
    Staff.clear(main);
    Staff.clear(nav);
    loginMessage.hidden = !message;
    loginMessage.textContent = message || '';
    document.getElementById('login-password').value = '';
    document.getElementById('login-totp').value = '';
    totpField.hidden = true;
    document.title = '温暖 · 工作台登录';
    document.getElementById('login-email').focus();
  }

  /**
   * Called on any 401, on expiry and on idle: forget the token and go back to sign-in. A late 401 of
   * a call made before signing out finds the form already shown and no session: it changes nothing
   * (the next person may be typing in the form).
   */
  Staff.onSignedOut = function (message) {
    clearTimeout(idleTimer);
    clearTimeout(expiryTimer);
    if (!Staff.session() && !loginView.hidden) return;
    Staff.clearSession();
    showLogin(message);
  };

  /**
   * Back to sign-in at once, then the server ends every token of this account (not only this tab's
   * copy). The form is never reset after that answer: on a slow network the next person may already
   * be typing, or signing in.
   */
  function signOut(message) {
    var session = Staff.session();
    Staff.onSignedOut(message || '您已退出登录。');
    if (!session) return Promise.resolve();
    return fetch('/api/staff/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + session.token } }).then(
      function () {},
      function () {},
    );
  }

  function armTimers() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () {
      signOut('长时间未操作，已自动退出登录。');
    }, IDLE_LIMIT_MS);
    var s = Staff.session();
    clearTimeout(expiryTimer);
    if (s && s.expiresAt) {
      expiryTimer = setTimeout(
        function () {
          Staff.onSignedOut('登录已过期，请重新登录。');
        },
        Math.max(0, s.expiresAt - Date.now()),
      );
    }
  }
  ['click', 'keydown', 'touchstart'].forEach(function (type) {
    document.addEventListener(
      type,
      function () {
        if (Staff.me) armTimers();
      },
      { passive: true },
    );
  });

  loginForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = document.getElementById('login-submit');
    var email = document.getElementById('login-email').value.trim();
    var password = document.getElementById('login-password').value;
    var totp = document.getElementById('login-totp').value.trim();
    if (!email || !password) {
      loginMessage.hidden = false;
      loginMessage.textContent = '请输入邮箱和密码。';
      return;
    }
    var credentials = { email: email, password: password };
    // An account with a second factor: the server asks for the code (401 TOTP_REQUIRED), then it is sent along.
    if (!totpField.hidden) {
      if (!/^\d{6}$/.test(totp)) {
        loginMessage.hidden = false;
        loginMessage.textContent = '请输入身份验证器中的 6 位动态验证码。';
        return;
      }
      credentials.totpCode = totp;
    }
    Staff.busy(button, function () {
      return fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(credentials),
      })
        .then(function (res) {
          return res.json().then(function (body) {
            if (!res.ok) throw new Staff.ApiError(res.status, body && body.code, (body && body.message) || '登录失败');
            Staff.saveSession(body.accessToken, body.expiresIn);
            return start();
          });
        })
        .catch(function (error) {
          if (error instanceof Staff.ApiError && (error.code === 'TOTP_REQUIRED' || error.code === 'INVALID_TOTP_CODE')) {
            totpField.hidden = false;
            document.getElementById('login-totp').value = '';
            document.getElementById('login-totp').focus();
          }
          loginMessage.hidden = false;
          loginMessage.textContent = error instanceof Staff.ApiError ? error.message : '网络连接失败，请稍后重试。';
        });
    });
  });

  document.getElementById('logout').addEventListener('click', function () {
    signOut();
  });
  navToggle.addEventListener('click', function () {
    var open = !nav.classList.contains('open');
    nav.classList.toggle('open', open);
    navToggle.setAttribute('aria-expanded', String(open));
  });

  function allowed(name) {
    var view = Staff.views[name];
    if (!view || !Staff.me) return false;
    // STAFF_REQUIRE_2FA: until this account has a second factor, the server answers nothing else.
    if (Staff.me.secondFactorEnrolmentRequired) return name === 'security';
    return Staff.me.role === 'admin' || view.roles.indexOf(Staff.me.role) >= 0;
  }

  function buildNav() {
    Staff.clear(nav);
    Staff.order.filter(allowed).forEach(function (name) {
      // Screens of one's own account sit in the top bar, not in the menu.
      if (Staff.views[name].nav === false) return;
      nav.appendChild(
        h(
          'a',
          { href: '#/' + name, className: 'nav-link', dataset: { view: name } },
          Staff.views[name].title,
          h('span', { className: 'nav-count', hidden: true }),
        ),
      );
    });
  }

  /** The number beside a menu entry (e.g. requests waiting for review). */
  Staff.setCount = function (name, n) {
    var link = nav.querySelector('[data-view="' + name + '"] .nav-count');
    if (!link) return;
    link.textContent = String(n);
    link.hidden = !(n > 0);
  };

  function render() {
    if (!Staff.me) return;
    var route = Staff.route();
    var first = Staff.order.filter(allowed)[0];
    if (!allowed(route.name)) {
      location.replace('#/' + first);
      return;
    }
    var view = Staff.views[route.name];
    Array.prototype.forEach.call(nav.querySelectorAll('.nav-link'), function (a) {
      a.classList.toggle('active', a.dataset.view === route.name);
      if (a.dataset.view === route.name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    nav.classList.remove('open');
    navToggle.setAttribute('aria-expanded', 'false');
    document.title = view.title + ' · 温暖工作台';
    if (allowed('queue') && route.name !== 'queue') Staff.refreshQueueCount();
    var seq = ++renderSeq;
    var container = h('div', { className: 'screen', dataset: { screen: route.name } });
    Staff.fill(main, container);
    // A screen only draws while it is still the current one.
    Staff.current = function () {
      return seq === renderSeq;
    };
    Promise.resolve()
      .then(function () {
        return view.render(container, route.params);
      })
      .catch(function (error) {
        if (error && error.status === 401) return;
        container.appendChild(Staff.alert(Staff.errorText(error)));
      });
  }
  window.addEventListener('hashchange', render);

  function start() {
    return Staff.api('GET', '/api/staff/me').then(function (me) {
      Staff.me = me;
      document.getElementById('me-name').textContent = me.name || me.email;
      document.getElementById('me-role').textContent = Staff.roleLabel(me.role);
      document.body.dataset.role = me.role;
      loginView.hidden = true;
      consoleView.hidden = false;
      buildNav();
      armTimers();
      render();
    });
  }

  /** Reads who is signed in again (after enrolling a second factor) and redraws the console. */
  Staff.restart = start;

  if (Staff.session()) {
    start().catch(function (error) {
      if (error.status !== 401) showLogin(Staff.errorText(error));
    });
  } else {
    showLogin('');
  }
})();
