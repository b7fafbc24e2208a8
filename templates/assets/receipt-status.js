/* 票据申请进度页：未开具时轮询申请状态（3 秒起，逐步放慢到 60 秒），状态一变就换上服务器渲染的新内容，开具或驳回后停止；重新发送邮件。 */
(function () {
  'use strict';
  var FIRST_MS = 3000;
  var MAX_MS = 60000;
  var FINAL = { issued: true, rejected: true };
  var section = document.getElementById('receipt-request');
  if (!section) return;
  var requestId = section.getAttribute('data-request-id');
  var statusUrl = '/api/receipt-requests/' + encodeURIComponent(requestId);
  var delay = FIRST_MS;

  // One listener on the page, so the button still works after the section is replaced.
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('#resend') : null;
    if (!button) return;
    button.disabled = true;
    fetch(statusUrl + '/resend', { method: 'POST' })
      .then(function (res) {
        if (res.ok) document.getElementById('resend-done').hidden = false;
        else button.disabled = false;
      })
      .catch(function () {
        button.disabled = false;
      });
  });

  if (FINAL[section.getAttribute('data-status')]) return;

  function later() {
    setTimeout(poll, delay);
    delay = Math.min(MAX_MS, Math.round(delay * 1.5));
  }

  // The page's own markup for the new state (one template, the same as a reload would show).
  function replaceSection() {
    return fetch(window.location.pathname, { headers: { Accept: 'text/html' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error('status page ' + res.status);
        return res.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('receipt-request');
        if (!fresh) throw new Error('status page without #receipt-request');
        section.replaceWith(document.importNode(fresh, true));
        section = document.getElementById('receipt-request');
      });
  }

  function poll() {
    if (document.hidden) return later();
    fetch(statusUrl, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (data) {
        if (!data || !data.status || data.status === section.getAttribute('data-status')) return later();
        return replaceSection().then(function () {
          if (FINAL[section.getAttribute('data-status')]) return; // issued or rejected: nothing more to follow
          delay = FIRST_MS; // it moved (审核通过): the receipt is likely seconds away
          later();
        });
      })
      .catch(later);
  }

  later();
})();
