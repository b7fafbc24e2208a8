// WeChat checkout: wait for the payment notification, then show the result page.
(function () {
  'use strict';
  var box = document.getElementById('wechat-checkout');
  if (!box) return;
  var orderNo = box.getAttribute('data-order-no');
  var tries = 0;
  function poll() {
    tries += 1;
    fetch('/api/donations/' + encodeURIComponent(orderNo), { cache: 'no-store' })
      .then(function (res) {
        return res.json();
      })
      .then(function (d) {
        if (d.status === 'paid') {
          window.location.assign('/donations/' + encodeURIComponent(orderNo));
          return;
        }
        if (tries < 300) setTimeout(poll, 2000);
      })
      .catch(function () {
        if (tries < 300) setTimeout(poll, 4000);
      });
  }
  setTimeout(poll, 2000);
})();
