/* 微信内支付（JSAPI）：调起 WeixinJSBridge 的 getBrandWCPayRequest；前端“成功”只是提示，以支付通知为准（结果页等待账本）。 */
(function () {
  'use strict';
  var box = document.getElementById('wechat-jsapi');
  if (!box || !box.getAttribute('data-pay-sign')) return;
  var button = document.getElementById('jsapi-pay');
  var status = document.getElementById('jsapi-status');
  var resultUrl = box.getAttribute('data-result-url');
  var params = {
    appId: box.getAttribute('data-app-id'),
    timeStamp: box.getAttribute('data-time-stamp'),
    nonceStr: box.getAttribute('data-nonce-str'),
    package: box.getAttribute('data-package'),
    signType: box.getAttribute('data-sign-type'),
    paySign: box.getAttribute('data-pay-sign'),
  };
  var busy = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function pay() {
    if (busy) return;
    if (typeof window.WeixinJSBridge === 'undefined' || !window.WeixinJSBridge.invoke) {
      say('请在微信中打开本页面完成支付。');
      return;
    }
    busy = true;
    say('正在调起微信支付…');
    window.WeixinJSBridge.invoke('getBrandWCPayRequest', params, function (res) {
      busy = false;
      var msg = (res && res.err_msg) || '';
      if (msg === 'get_brand_wcpay_request:ok') {
        // Not yet a payment: the result page waits for WeChat's notification.
        window.location.assign(resultUrl);
      } else if (msg === 'get_brand_wcpay_request:cancel') {
        say('您已取消支付，没有扣款。可再次点击“确认支付”，或返回捐赠页改用其他方式。');
      } else {
        say('支付未完成，没有扣款。请再次点击“确认支付”重试，或返回捐赠页改用其他方式。');
      }
    });
  }

  if (button) button.addEventListener('click', pay);
  if (typeof window.WeixinJSBridge === 'undefined') {
    document.addEventListener('WeixinJSBridgeReady', pay, false);
    say('请点击“确认支付”。');
  } else {
    pay();
  }
})();
