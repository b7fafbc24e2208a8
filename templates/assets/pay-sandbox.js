/* 模拟支付：防止连续点击重复提交。 */
(function () {
  'use strict';
  var form = document.getElementById('sandbox-form');
  if (!form) return;
  var button = form.querySelector('button[type="submit"]');
  var text = button.textContent;
  var sent = false;
  form.addEventListener('submit', function (event) {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    // Disable after the submission has started, so the form still posts.
    setTimeout(function () {
      button.disabled = true;
      button.textContent = '正在确认…';
    }, 0);
  });
  window.addEventListener('pageshow', function () {
    sent = false;
    button.disabled = false;
    button.textContent = text;
  });
})();
