/* 捐赠页：金额校验（字符串→整数分，不做浮点运算）、幂等提交、错误展示。Bundled by scripts/build-console.mjs into /assets/donate.js. */
import { donationAmountFen } from '../../src/common/donation-amount';
import { groupedYuanBrief, readYuanInput } from '../../src/common/money';

(function () {
  'use strict';

  // The amount rules and words are common/donation-amount.ts (also the no-script form's), the reading is common/money.ts.
  var yuanText = groupedYuanBrief;

  function newIdempotencyKey() {
    var c = window.crypto;
    // randomUUID needs a secure context (https or localhost); getRandomValues does not.
    if (typeof c.randomUUID === 'function') return c.randomUUID();
    var b = c.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = '';
    for (var i = 0; i < 16; i++) {
      h += (b[i] + 0x100).toString(16).slice(1);
      if (i === 3 || i === 5 || i === 7 || i === 9) h += '-';
    }
    return h;
  }

  function withReceiptFlag(url) {
    var u = new URL(url, window.location.href);
    u.searchParams.set('receipt', '1');
    return u.href;
  }

  // Where to pay. The sandbox checkout is a page of this very service: stay on the origin the
  // donor is using (PUBLIC_BASE_URL may name another host, or a port this browser cannot reach).
  function checkoutTarget(data, wantReceipt) {
    var checkout = data.payment && data.payment.checkoutUrl;
    var url = checkout ? new URL(checkout, window.location.href) : null;
    var target;
    if (url && data.payment.provider === 'sandbox') target = url.pathname + url.search + url.hash;
    else if (url && /^https?:$/.test(url.protocol)) target = url.href;
    else target = '/donations/' + encodeURIComponent(data.orderNo);
    // Another site's address (WeChat's H5 cashier, Alipay's QR link) is left as it was given.
    var ours = !url || url.origin === window.location.origin || data.payment.provider === 'sandbox' || /^\/pay\//.test(url.pathname);
    return wantReceipt && ours ? withReceiptFlag(target) : target;
  }

  // Inside WeChat with the openid known, the order comes with the JSAPI parameters: pay right here.
  // The bridge's "ok" is not a payment: the result page waits for WeChat's notification.
  function payInWechat(data, wantReceipt, fallback) {
    var bridge = window.WeixinJSBridge;
    var p = data.payment && data.payment.jsapi;
    if (!p || !bridge || typeof bridge.invoke !== 'function') return false;
    var result = '/donations/' + encodeURIComponent(data.orderNo) + (wantReceipt ? '?receipt=1' : '');
    bridge.invoke(
      'getBrandWCPayRequest',
      { appId: p.appId, timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign },
      function (res) {
        var msg = (res && res.err_msg) || '';
        if (msg === 'get_brand_wcpay_request:ok') return window.location.assign(result);
        fallback(
          msg === 'get_brand_wcpay_request:cancel'
            ? '您已取消支付，没有扣款。可再次点击“立即捐赠”（不会重复下单），或改用其他支付方式。'
            : '微信支付未完成，没有扣款。请再次点击“立即捐赠”重试，或改用其他支付方式。',
        );
      },
    );
    return true;
  }

  var form = document.getElementById('donate-form');
  if (!form) return;
  form.noValidate = true; // our messages are in Chinese and name the problem

  var el = form.elements;
  var maxFen = Number(form.getAttribute('data-max-fen')) || 100000000;
  var threshold = readYuanInput(form.getAttribute('data-receipt-threshold-yuan') || '').fen || 0;
  var endpoint = '/api/campaigns/' + encodeURIComponent(form.getAttribute('data-campaign-code')) + '/donations';
  var errorBox = document.getElementById('donate-error');
  var summary = document.getElementById('donate-summary');
  var emptyAmount = document.getElementById('pay-bar-empty');
  var receiptWarning = document.getElementById('receipt-warning');
  var counter = form.querySelector('[data-counter]');
  var button = document.getElementById('donate-submit');
  var custom = el.namedItem('amountYuan');
  var presets = form.querySelectorAll('input[name="amountFen"]');
  var buttonText = button.textContent;

  var lastBody = null;
  var lastKey = null;
  var inFlight = false;

  function checkedPreset() {
    for (var i = 0; i < presets.length; i++) if (presets[i].checked) return presets[i];
    return null;
  }

  function amount() {
    if (custom.value.trim() !== '') return donationAmountFen(custom.value, maxFen);
    var p = checkedPreset();
    if (p) return { fen: Number(p.value) };
    return { error: '请选择或输入捐赠金额' };
  }

  // The alert near the button is announced; the line under the field shows where to fix it.
  function showError(message, field, fieldErrorId) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    var inline = fieldErrorId && document.getElementById(fieldErrorId);
    if (inline) {
      inline.textContent = message;
      inline.hidden = false;
    }
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    } else if (errorBox.scrollIntoView) {
      errorBox.scrollIntoView({ block: 'center' });
    }
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    var bad = form.querySelectorAll('[aria-invalid="true"]');
    for (var i = 0; i < bad.length; i++) bad[i].removeAttribute('aria-invalid');
    var inline = form.querySelectorAll('.field-error');
    for (var j = 0; j < inline.length; j++) inline[j].hidden = true;
  }

  function refresh() {
    var a = amount();
    summary.hidden = !a.fen;
    if (a.fen) summary.textContent = '捐赠金额：¥' + yuanText(a.fen);
    if (emptyAmount) emptyAmount.hidden = !!a.fen;
    var warn = el.namedItem('receipt').checked && a.fen && a.fen < threshold;
    receiptWarning.hidden = !warn;
    if (warn) receiptWarning.textContent = '当前金额未满 ' + yuanText(threshold) + ' 元，支付后将无法申请捐赠证明/票据。';
    counter.textContent = el.namedItem('message').value.length + ' / 200';
  }

  function setBusy(busy, text) {
    inFlight = busy;
    button.disabled = busy;
    button.setAttribute('aria-busy', busy ? 'true' : 'false');
    button.textContent = text || buttonText;
  }

  // Typing an amount deselects the presets; picking a preset clears the typed amount.
  custom.addEventListener('input', function () {
    if (custom.value.trim() !== '') for (var i = 0; i < presets.length; i++) presets[i].checked = false;
  });
  for (var i = 0; i < presets.length; i++) {
    presets[i].addEventListener('change', function () {
      custom.value = '';
      custom.removeAttribute('aria-invalid');
    });
  }
  form.addEventListener('input', function (event) {
    if (event.target.removeAttribute) event.target.removeAttribute('aria-invalid');
    refresh();
  });
  form.addEventListener('change', refresh);
  // A page restored from the back/forward cache must not keep a disabled button.
  window.addEventListener('pageshow', function () {
    setBusy(false);
  });
  refresh();

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (inFlight) return;
    clearError();

    var a = amount();
    if (a.error) return showError(a.error, custom.value.trim() !== '' || !presets.length ? custom : presets[0], 'amount-error');

    var body = {
      amountFen: a.fen,
      channel: (form.querySelector('input[name="channel"]:checked') || {}).value,
      anonymous: el.namedItem('anonymous').checked,
      showOnWall: el.namedItem('showOnWall').checked,
    };
    if (!body.channel) return showError('请选择支付方式');
    var fund = form.querySelector('input[name="fundCode"]:checked');
    if (fund && fund.value) body.fundCode = fund.value;

    var name = el.namedItem('donorName').value.trim();
    if (name) body.donorName = name;

    var phoneField = el.namedItem('phone');
    var phone = phoneField.value.replace(/[\s-]/g, '');
    if (phone) {
      if (!/^1[3-9]\d{9}$/.test(phone)) return showError('请输入正确的 11 位手机号，或留空', phoneField, 'phone-error');
      body.phone = phone;
    }

    var messageField = el.namedItem('message');
    var message = messageField.value.trim();
    if (message.length > 200) return showError('留言请控制在 200 字以内', messageField, 'message-error');
    if (message) body.message = message;

    var json = JSON.stringify(body);
    // Same contents → same key, so a retry or a double tap cannot create a second order.
    if (json !== lastBody) {
      lastBody = json;
      lastKey = newIdempotencyKey();
    }
    var wantReceipt = el.namedItem('receipt').checked;

    setBusy(true, '正在提交…');
    // A stalled mobile connection must not leave the button disabled; retrying reuses the key.
    var abort = window.AbortController ? new AbortController() : null;
    var timer =
      abort &&
      setTimeout(function () {
        abort.abort();
      }, 30000);
    fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': lastKey },
      body: json,
      signal: abort ? abort.signal : undefined,
    })
      .then(function (res) {
        clearTimeout(timer);
        return res.text().then(function (text) {
          var data = null;
          try {
            data = text ? JSON.parse(text) : null;
          } catch (e) {
            data = null;
          }
          if (res.ok && data && data.orderNo) return data;
          if (data && data.code === 'IDEMPOTENCY_KEY_REUSED') lastBody = null;
          var err = new Error(
            data && typeof data.message === 'string' && data.message
              ? data.message
              : (res.status >= 500 ? '服务暂时繁忙，请稍后重试' : '提交未成功，请检查后重试') + '（' + res.status + '）',
          );
          err.fromApi = true;
          throw err;
        });
      })
      .then(function (data) {
        setBusy(true, '正在前往支付…');
        var inWechat = payInWechat(data, wantReceipt, function (message) {
          setBusy(false);
          showError(message);
        });
        if (!inWechat) window.location.assign(checkoutTarget(data, wantReceipt));
      })
      .catch(function (err) {
        clearTimeout(timer);
        setBusy(false);
        showError(err && err.fromApi ? err.message : '网络连接失败，请检查网络后重试');
      });
  });
})();
