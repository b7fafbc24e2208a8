// The signed-in person's own account security: a TOTP second factor (an authenticator app such as
// 微信/腾讯身份验证器, Google Authenticator or Microsoft Authenticator). With STAFF_REQUIRE_2FA an admin or
// finance account sees only this screen until it has enrolled.
import { api, errorText, type ResponseOf } from '../api';
import { alert, busy, field, fill, h, toast } from '../dom';
import { roleLabel } from '../format';
import { saveSession } from '../session';
import { register, shell } from '../shell';

type Enrolment = ResponseOf<'POST', '/api/staff/me/totp'>;

export const TOTP_CODE = /^\d{6}$/;

function enrolment(el: HTMLElement, onDone: () => void): void {
  const message = h('div', { className: 'form-message', id: 'totp-message' });
  const start = h('button', { type: 'button', className: 'btn btn-primary', id: 'totp-start' }, '绑定身份验证器');
  const box = h('div', { id: 'totp-enrolment', hidden: true });
  start.addEventListener('click', () => {
    void busy(start, () =>
      api('POST', '/api/staff/me/totp').then(
        (res) => {
          showSecret(box, res, message, onDone);
          start.hidden = true;
        },
        (error: unknown) => {
          fill(message, alert(errorText(error)));
        },
      ),
    );
  });
  fill(el, h('p', null, '绑定后，每次登录除密码外还需输入身份验证器中的 6 位动态验证码；即使密码泄露，他人也无法登录。'), start, box, message);
}

function showSecret(box: HTMLElement, res: Enrolment, message: HTMLElement, onDone: () => void): void {
  // The server's QR code as an image (never as markup in the page).
  const qr = h('img', {
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(res.qrSvg)}`,
    alt: '身份验证器二维码',
    width: 200,
    height: 200,
    id: 'totp-qr',
  });
  const code = h('input', {
    id: 'totp-code',
    name: 'code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: 6,
    pattern: '\\d{6}',
    placeholder: '6 位数字',
  });
  const confirm = h('button', { type: 'submit', className: 'btn btn-primary', id: 'totp-confirm' }, '确认绑定');
  const form = h('form', { className: 'totp-form', novalidate: true }, field('验证码', code), confirm);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!TOTP_CODE.test(code.value.trim())) {
      fill(message, alert('请输入身份验证器显示的 6 位数字。'));
      return;
    }
    void busy(confirm, () =>
      api('POST', '/api/staff/me/totp/confirm', { body: { code: code.value.trim() } }).then(
        (done) => {
          // Other sessions of this account have ended; this one goes on with the new token.
          saveSession(done.accessToken, done.expiresIn);
          toast('已启用双重验证', 'ok');
          onDone();
        },
        (error: unknown) => {
          fill(message, alert(errorText(error)));
        },
      ),
    );
  });
  fill(
    box,
    h(
      'ol',
      { className: 'steps' },
      h('li', null, '用身份验证器扫描下面的二维码（或手动输入密钥）。'),
      h('li', null, '输入身份验证器当前显示的 6 位验证码，点击“确认绑定”。'),
    ),
    qr,
    h('p', { className: 'mono small' }, '密钥：', h('span', { id: 'totp-secret' }, res.secret)),
    form,
  );
  box.hidden = false;
  code.focus();
}

export function registerSecurity(): void {
  register('security', {
    title: '账号安全',
    rank: 990,
    nav: false,
    roles: ['finance', 'warehouse', 'auditor'],
    render(el) {
      const me = shell.me;
      if (!me) return;
      const body = h('section', { className: 'panel', id: 'security-panel' });
      fill(
        el,
        h('header', { className: 'screen-head' }, h('h1', null, '账号安全'), h('p', { className: 'muted' }, `${me.email} · ${roleLabel(me.role)}`)),
        me.secondFactorEnrolmentRequired ? alert('本基金会要求管理员和财务账号启用双重验证。请先绑定身份验证器，之后即可使用工作台。') : null,
        body,
      );
      if (me.totpEnabled) {
        fill(
          body,
          h('h2', null, '双重验证'),
          h('p', { id: 'totp-on' }, h('span', { className: 'badge badge-issued' }, '已启用'), ' 登录时需要输入身份验证器中的动态验证码。'),
          h('p', { className: 'muted' }, '更换手机或丢失身份验证器时，请联系管理员重置后重新绑定。'),
        );
        return;
      }
      const inner = h('div');
      fill(body, h('h2', null, '双重验证'), inner);
      enrolment(inner, () => {
        void shell.restart();
      });
    },
  });
}
