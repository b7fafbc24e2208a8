/* 支付宝手机网站支付：页面打开即提交已签名的 alipay.trade.wap.pay 表单（无脚本时点按钮）。 */
(function () {
  'use strict';
  var form = document.getElementById('alipay-wap-form');
  if (form) form.submit();
})();
