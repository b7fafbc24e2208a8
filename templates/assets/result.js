/* 捐赠结果页：等待支付确认时轮询订单状态（每 2 秒，最多 2 分钟）。 */
(function () {
  'use strict';
  var root = document.getElementById('donation-result');
  if (!root || root.getAttribute('data-status') !== 'pending') return;

  var INTERVAL_MS = 2000;
  var LIMIT_MS = 120000;
  var labels = { paid: '捐赠成功', pending: '等待支付确认', failed: '支付失败', refunded: '已退款' };
  var messages = {
    paid: '感谢您的善意！正在刷新页面…',
    failed: '本次支付没有成功。如您已被扣款，请保留订单号与我们联系。',
    refunded: '这笔捐赠已退款，款项将按原支付方式退回。',
  };
  var orderNo = root.getAttribute('data-order-no');
  var url = '/api/donations/' + encodeURIComponent(orderNo);
  var title = root.querySelector('[data-status-title]');
  var message = root.querySelector('[data-status-message]');
  var timeoutNote = document.getElementById('poll-timeout');
  var deadline = Date.now() + LIMIT_MS;
  var reloadFlag = 'wennuan-reloaded:' + orderNo;

  function reloadOnce() {
    // Guard against a reload loop if the rendered page and the API ever disagree.
    try {
      if (sessionStorage.getItem(reloadFlag)) return;
      sessionStorage.setItem(reloadFlag, '1');
    } catch (e) {
      /* storage unavailable: reload anyway */
    }
    window.location.reload();
  }

  function show(status) {
    root.setAttribute('data-status', status);
    title.textContent = labels[status] || status;
    if (messages[status]) message.textContent = messages[status];
    var refresh = root.querySelector('.refresh-link');
    if (refresh) refresh.hidden = status !== 'pending';
  }

  function next() {
    if (Date.now() >= deadline) {
      if (timeoutNote) timeoutNote.hidden = false;
      return;
    }
    setTimeout(poll, INTERVAL_MS);
  }

  function poll() {
    if (document.hidden) return next();
    fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (data) {
        if (!data || !data.status || data.status === 'pending') return next();
        show(data.status);
        reloadOnce(); // the server-rendered page carries the receipt block and payment time
      })
      .catch(next);
  }

  next();
})();
