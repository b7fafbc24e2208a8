// Receipt request form: sends JSON to /api/receipt-requests and shows each refusal by its code.
// Bundled by scripts/build-console.mjs into /assets/receipt-request.js; the amount is read by common/money.ts.
import { readYuanInput } from '../../src/common/money';

(function () {
  'use strict';
  var form = document.getElementById('receipt-form');
  if (!form) return;
  var errorBox = document.getElementById('form-error');
  var submit = form.querySelector('button[type="submit"]');

  function donorType() {
    var checked = form.querySelector('input[name="donorType"]:checked');
    return checked ? checked.value : 'individual';
  }
  function syncType() {
    var type = donorType();
    form.querySelectorAll('[data-for]').forEach(function (el) {
      el.hidden = el.getAttribute('data-for') !== type;
    });
    var label = form.querySelector('label[for="name"]');
    label.textContent = label.getAttribute('data-label-' + type);
  }
  form.querySelectorAll('input[name="donorType"]').forEach(function (el) {
    el.addEventListener('change', syncType);
  });
  syncType();

  // Up to 9,999,999.99 yuan, as the form always took; the service checks the amount against the donation.
  function yuanToFen(text) {
    var fen = readYuanInput(text || '').fen;
    return fen !== undefined && fen < 1000000000 ? fen : null;
  }
  function showError(message, code) {
    form.querySelectorAll('[data-error]').forEach(function (el) {
      el.hidden = el.getAttribute('data-error') !== code;
    });
    errorBox.textContent = message;
    errorBox.hidden = false;
    errorBox.scrollIntoView({ block: 'center' });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var body = {
      campaignCode: data.get('campaignCode'),
      donorType: donorType(),
      name: String(data.get('name') || '').trim(),
      invoiceTitle: String(data.get('invoiceTitle') || '').trim(),
      phone: String(data.get('phone') || '').trim(),
      email: String(data.get('email') || '').trim(),
    };
    if (data.get('orderNo')) body.orderNo = data.get('orderNo');
    if (data.get('bankReference')) body.bankReference = String(data.get('bankReference')).trim();
    var fen = data.get('amountFen') ? Number(data.get('amountFen')) : yuanToFen(String(data.get('amountYuan')));
    if (!fen) return showError('请输入正确的捐赠金额（最多两位小数）', 'INVALID_AMOUNT');
    body.amountFen = fen;
    // 合并开具: this order and the ones ticked, one record; each proven by the cookie this browser holds.
    var combined = Array.prototype.slice.call(form.querySelectorAll('input[name="combine"]:checked'));
    if (combined.length && body.orderNo) {
      body.orders = [{ orderNo: body.orderNo }].concat(
        combined.map(function (el) {
          return { orderNo: el.value };
        }),
      );
      body.amountFen = combined.reduce(function (sum, el) {
        return sum + Number(el.getAttribute('data-amount-fen'));
      }, fen);
      delete body.orderNo;
    }
    if (body.donorType === 'individual') body.idNumber = String(data.get('idNumber') || '').trim();
    else body.creditCode = String(data.get('creditCode') || '').trim();
    var address = String(data.get('mailingAddress') || '').trim();
    if (address) body.mailingAddress = address;
    if (!body.name || !body.invoiceTitle) return showError('请填写姓名（单位名称）和票据抬头', 'VALIDATION_FAILED');

    submit.disabled = true;
    fetch('/api/receipt-requests', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().then(function (json) {
          return { ok: res.ok, json: json };
        });
      })
      .then(function (r) {
        if (r.ok) {
          window.location.assign('/receipts/requests/' + encodeURIComponent(r.json.requestId));
          return;
        }
        submit.disabled = false;
        showError(r.json.message || '提交失败，请稍后再试', r.json.code);
      })
      .catch(function () {
        submit.disabled = false;
        showError('网络异常，请稍后再试', 'NETWORK');
      });
  });
})();
