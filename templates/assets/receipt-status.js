// Receipt request status: re-send the receipt e-mail.
(function () {
  'use strict';
  var button = document.getElementById('resend');
  var section = document.getElementById('receipt-request');
  if (!button || !section) return;
  button.addEventListener('click', function () {
    button.disabled = true;
    fetch('/api/receipt-requests/' + encodeURIComponent(section.getAttribute('data-request-id')) + '/resend', { method: 'POST' })
      .then(function (res) {
        if (res.ok) document.getElementById('resend-done').hidden = false;
        else button.disabled = false;
      })
      .catch(function () {
        button.disabled = false;
      });
  });
})();
