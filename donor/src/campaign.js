/* 善款公示页：通过 EventSource 实时更新金额、人数、进度、今日柱形和爱心墙，无需刷新页面。 */
// Bundled by scripts/build-console.mjs into /assets/campaign.js; amounts are written by common/money.ts.
import { groupedYuan } from '../../src/common/money';

(function () {
  'use strict';
  var root = document.getElementById('campaign-live');
  if (!root || !window.EventSource || !window.JSON) return;

  var code = root.getAttribute('data-code');
  var goal = root.getAttribute('data-goal-fen');
  var base = '/api/campaigns/' + encodeURIComponent(code);
  var donations = root.getAttribute('data-donations');
  var wallTimer = null;

  function field(name) {
    return document.querySelector('[data-field="' + name + '"]');
  }

  function set(name, text) {
    var el = field(name);
    if (!el || el.textContent === text) return;
    el.textContent = text;
    el.classList.remove('cp-flash');
    void el.offsetWidth; // restart the highlight
    el.classList.add('cp-flash');
  }

  // Integer fen to "1,234.56" (with its sign) by string operations only: no floating point on money.
  var yuan = groupedYuan;

  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  }

  function beijing(iso, seconds) {
    var d = new Date(new Date(iso).getTime() + 8 * 3600000).toISOString();
    return d.slice(0, 10) + ' ' + d.slice(11, seconds ? 19 : 16);
  }

  function progress(amountFen) {
    if (!goal) return;
    var permille = Math.min(1000, Math.floor((amountFen * 1000) / Number(goal)));
    var bar = field('progress');
    if (bar) bar.value = permille;
    set('progress-label', Math.floor(permille / 10) + '.' + (permille % 10) + '%');
  }

  // Today's bar takes today's amount; all bars are rescaled the way the server drew them.
  function chart(todayFen) {
    var svg = document.getElementById('cp-chart');
    if (!svg) return;
    var today = beijing(new Date().toISOString()).slice(0, 10);
    var bars = svg.querySelectorAll('.cp-bar');
    var todayBar = svg.querySelector('.cp-bar[data-day="' + today + '"]');
    if (!todayBar || todayBar.getAttribute('data-fen') === String(todayFen)) return;
    todayBar.setAttribute('data-fen', String(todayFen));
    var title = todayBar.querySelector('title');
    if (title) title.textContent = today.slice(5) + '：¥' + yuan(todayFen);
    var plot = Number(svg.getAttribute('data-plot'));
    var top = Number(svg.getAttribute('data-top'));
    var max = 0;
    for (var i = 0; i < bars.length; i++) max = Math.max(max, Number(bars[i].getAttribute('data-fen')));
    for (var j = 0; j < bars.length; j++) {
      var fen = Number(bars[j].getAttribute('data-fen'));
      var h = max === 0 ? 0 : Math.max(fen > 0 ? 1 : 0, Math.round((fen / max) * plot));
      bars[j].setAttribute('height', String(h));
      bars[j].setAttribute('y', String(top + plot - h));
    }
    set('chart-max', yuan(max));
  }

  function renderWall(items) {
    var list = document.getElementById('cp-wall');
    var empty = document.getElementById('cp-wall-empty');
    if (!list) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (item) {
      var li = document.createElement('li');
      var name = document.createElement('span');
      name.className = 'cp-wall-name';
      name.textContent = item.name; // text, never markup
      var amount = document.createElement('span');
      amount.className = 'cp-wall-amount';
      amount.textContent = '¥' + yuan(item.amountFen);
      var time = document.createElement('time');
      time.className = 'cp-wall-time';
      time.textContent = beijing(item.paidAt);
      li.appendChild(name);
      li.appendChild(amount);
      if (item.message) {
        var message = document.createElement('q');
        message.className = 'cp-wall-message';
        message.textContent = item.message; // text, never markup
        li.appendChild(message);
      }
      li.appendChild(time);
      list.appendChild(li);
    });
    if (empty) empty.hidden = items.length > 0;
  }

  function refreshWall() {
    if (wallTimer) return;
    wallTimer = setTimeout(function () {
      wallTimer = null;
      var xhr = new XMLHttpRequest();
      xhr.open('GET', base + '/wall?limit=20');
      xhr.setRequestHeader('Cache-Control', 'no-cache'); // revalidate (ETag): the wall just changed
      xhr.onload = function () {
        if (xhr.status !== 200) return;
        try {
          renderWall(JSON.parse(xhr.responseText).items || []);
        } catch (e) {
          /* keep the list shown */
        }
      };
      xhr.send();
    }, 500);
  }

  function show(t) {
    set('amount', '¥' + yuan(t.amountFen));
    set('donors', count(t.donorCount));
    set('donations', count(t.donationCount));
    set('today', '¥' + yuan(t.todayAmountFen));
    set('disbursed', '¥' + yuan(t.disbursedFen));
    progress(t.amountFen);
    chart(t.todayAmountFen);
    set('live-text', '实时更新 · ' + beijing(t.updatedAt, true));
    if (String(t.donationCount) !== donations) {
      donations = String(t.donationCount);
      refreshWall();
    }
  }

  var live = field('live');
  var stream = new EventSource(base + '/totals/stream');
  stream.onopen = function () {
    if (live) live.classList.add('cp-live-on');
  };
  stream.onmessage = function (e) {
    if (live) live.classList.add('cp-live-on');
    try {
      show(JSON.parse(e.data));
    } catch (err) {
      /* ignore a malformed event */
    }
  };
  stream.onerror = function () {
    if (live) live.classList.remove('cp-live-on');
    set('live-text', '连接中断，正在重新连接…');
  };
})();
