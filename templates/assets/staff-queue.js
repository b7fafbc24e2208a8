// Staff console: the receipt review queue — each request beside its candidate donation.
(function () {
  'use strict';
  var Staff = window.Staff;
  var h = Staff.h;
  var ISSUE_POLL_MS = 1500;
  var ISSUE_POLL_TRIES = 80;

  var countTimer = null;
  /** The menu's count of requests waiting; many calls in a row (bulk approval) make one request. */
  Staff.refreshQueueCount = function () {
    clearTimeout(countTimer);
    countTimer = setTimeout(function () {
      Staff.api('GET', '/api/staff/receipt-requests?status=pending_review').then(
        function (res) {
          Staff.setCount('queue', typeof res.total === 'number' ? res.total : (res.items || []).length);
        },
        function () {},
      );
    }, 300);
  };

  /** Follows an approved request until the worker has issued its receipt. */
  function followIssue(requestId, line) {
    var tries = 0;
    function poll() {
      fetch('/api/receipt-requests/' + encodeURIComponent(requestId), { cache: 'no-store' })
        .then(function (res) {
          return res.ok ? res.json() : null;
        })
        .then(function (s) {
          if (s && s.status === 'issued' && s.receiptNo) {
            Staff.fill(line, '已开具票据 ', h('a', { href: Staff.link('receipts', { no: s.receiptNo }), className: 'mono receipt-link' }, s.receiptNo));
            return;
          }
          if (++tries < ISSUE_POLL_TRIES) setTimeout(poll, ISSUE_POLL_MS);
          else line.textContent = '已批准，票据仍在生成，请稍后在“票据”中查询。';
        })
        .catch(function () {
          if (++tries < ISSUE_POLL_TRIES) setTimeout(poll, ISSUE_POLL_MS);
        });
    }
    poll();
  }

  /**
   * Paid donations of a campaign with the request's amount, among the latest 500: the people to
   * ask about when the system found no match. One request per campaign per screen.
   */
  function sameAmount(state, item) {
    var key = item.campaignCode;
    if (!state.paid[key])
      state.paid[key] = Staff.api('GET', '/api/staff/donations?status=paid&limit=500&campaignCode=' + encodeURIComponent(key)).then(function (res) {
        return res.items || [];
      });
    return state.paid[key].then(function (items) {
      return items
        .filter(function (d) {
          return d.amountFen === item.amountFen;
        })
        .slice(0, 5);
    });
  }

  /** An aggregate request (合并开具): the orders it lists; approval checks each (paid, one fund, the total, none on another record). */
  function aggregateBlock(item) {
    var claim = item.claimVerified
      ? h('span', { className: 'tag tag-ok', 'data-claim': 'verified' }, '捐赠人本人提交（凭证有效）')
      : h('span', { className: 'tag tag-warn', 'data-claim': 'none' }, '无捐赠凭证：请逐笔核对付款记录');
    return h(
      'section',
      { className: 'req-side req-donation req-aggregate' },
      h('h3', null, '合并开具 ', h('span', { className: 'tag' }, (item.orders || []).length + ' 笔'), ' ', claim),
      h(
        'ul',
        { className: 'candidate-list' },
        (item.orders || []).map(function (o) {
          return h('li', null, h('span', { className: 'mono' }, o.orderNo));
        }),
      ),
      h('p', { className: 'muted small' }, '批准时逐笔核对：均已到账、属于本活动同一基金、合计与申请金额一致，且未出现在其他证明/票据上。'),
    );
  }

  function donationBlock(item, state, orderInput) {
    if (item.aggregate) return aggregateBlock(item);
    var d = item.donation || item.proposedDonation;
    var kind = item.donation ? '已匹配' : item.proposedDonation ? '建议匹配' : '未找到匹配';
    // Only a request made with the donation's claim token (the donor's own browser) proves it is theirs.
    var claim = item.claimVerified
      ? h('span', { className: 'tag tag-ok', 'data-claim': 'verified' }, '捐赠人本人提交（凭证有效）')
      : h('span', { className: 'tag tag-warn', 'data-claim': 'none' }, '无捐赠凭证：请核对付款记录');
    var head = h('h3', null, '候选捐赠 ', h('span', { className: 'tag ' + (d ? 'tag-ok' : 'tag-warn') }, kind), ' ', claim);
    if (!d) {
      var candidates = h('div', { className: 'candidates' }, h('p', { className: 'muted small' }, '正在查找金额相同的已到账捐赠…'));
      sameAmount(state, item).then(
        function (found) {
          if (!found.length)
            return Staff.fill(
              candidates,
              h('p', { className: 'muted small' }, '最近 500 笔已到账捐赠中没有金额为 ' + Staff.yuan(item.amountFen) + ' 的记录。'),
            );
          Staff.fill(
            candidates,
            h('p', { className: 'muted small' }, '金额相同的已到账捐赠（请核对付款人、时间或流水号）：'),
            h(
              'ul',
              { className: 'candidate-list' },
              found.map(function (c) {
                var use = orderInput ? h('button', { type: 'button', className: 'btn btn-small btn-ghost' }, '选用') : null;
                if (use)
                  use.addEventListener('click', function () {
                    orderInput.value = c.orderNo;
                    orderInput.focus();
                  });
                return h(
                  'li',
                  null,
                  h('span', { className: 'mono' }, c.orderNo),
                  ' ',
                  Staff.CHANNEL[c.channel] || c.channel,
                  ' · ',
                  c.donorName || '—',
                  c.bankReference ? [' · ', h('span', { className: 'mono' }, c.bankReference)] : null,
                  ' · ',
                  Staff.time(c.paidAt),
                  ' ',
                  use,
                );
              }),
            ),
          );
        },
        function () {
          Staff.clear(candidates);
        },
      );
      return h(
        'section',
        { className: 'req-side req-donation is-missing' },
        head,
        h('p', { className: 'muted' }, '系统未能按订单号或银行流水号找到金额相同的已到账捐赠。核对后填写订单号再批准，或驳回。'),
        candidates,
      );
    }
    var same = d.amountFen === item.amountFen;
    return h(
      'section',
      { className: 'req-side req-donation' },
      head,
      Staff.facts([
        ['订单号', d.orderNo, 'mono'],
        ['渠道', Staff.CHANNEL[d.channel] || d.channel],
        ['状态', Staff.badge(d.status)],
        ['金额', h('span', { className: same ? 'amount-ok' : 'amount-bad' }, Staff.yuan(d.amountFen), same ? ' ✓ 与申请一致' : ' ✗ 与申请不符')],
        ['付款人', d.payerName],
        ['银行流水号', d.bankReference, 'mono'],
        ['到账时间', d.paidAt ? Staff.time(d.paidAt) : null],
      ]),
    );
  }

  function screenshotBlock(item) {
    if (!item.hasScreenshot) return null;
    var figure = h('figure', { className: 'shot', hidden: true });
    var button = h('button', { type: 'button', className: 'btn btn-small btn-ghost shot-toggle' }, '查看付款截图');
    button.addEventListener('click', function () {
      if (!figure.hidden) {
        figure.hidden = true;
        button.textContent = '查看付款截图';
        return;
      }
      if (figure.firstChild) {
        figure.hidden = false;
        button.textContent = '收起截图';
        return;
      }
      Staff.busy(button, function () {
        return Staff.fetchBlob('/api/staff/receipt-requests/' + encodeURIComponent(item.requestId) + '/screenshot').then(function (blob) {
          // Shown as a data: URL, which the page's img-src policy allows (blob: is not).
          return new Promise(function (resolve) {
            var reader = new FileReader();
            reader.onload = function () {
              Staff.fill(figure, h('img', { src: reader.result, alt: '付款截图' }), h('figcaption', { className: 'muted' }, '捐赠人上传的付款截图'));
              figure.hidden = false;
              button.textContent = '收起截图';
              resolve();
            };
            reader.readAsDataURL(blob);
          });
        });
      }).catch(function (error) {
        Staff.toast(Staff.errorText(error), 'bad');
      });
    });
    return h('div', null, button, figure);
  }

  /** The request's facts: masked as listed, or in clear after an audited reveal (`clear`). */
  function requestFacts(item, clear) {
    var c = clear || {};
    return Staff.facts(
      [
        ['捐赠人', item.name],
        ['类型', item.donorType === 'organization' ? '单位' : '个人'],
        ['票据抬头', item.invoiceTitle],
        ['身份证号', clear ? c.idNumber : item.idNumber, 'mono'],
        ['信用代码', clear ? c.creditCode : item.creditCode, 'mono'],
        ['手机', clear ? c.phone : item.phone, 'mono'],
        ['邮箱', clear ? c.email : item.email],
        ['邮寄地址', clear ? c.mailingAddress : item.mailingAddress],
        ['填写的订单号', item.orderNo, 'mono'],
        ['填写的流水号', item.bankReference, 'mono'],
      ],
      clear ? 'req-facts is-revealed' : 'req-facts',
    );
  }

  /**
   * Personal data in clear only after an explicit click and a confirmation; the server records
   * every reveal in the audit log under the staff member's name.
   */
  function revealBlock(item, show) {
    var revealBtn = h('button', { type: 'button', className: 'btn btn-small btn-ghost reveal' }, '查看完整信息…');
    var confirmBtn = h('button', { type: 'button', className: 'btn btn-small btn-danger confirm-reveal' }, '确认查看');
    var cancelBtn = h('button', { type: 'button', className: 'btn btn-small btn-ghost cancel-reveal' }, '取消');
    var hideBtn = h('button', { type: 'button', className: 'btn btn-small btn-ghost hide-reveal', hidden: true }, '隐藏完整信息');
    var box = h(
      'div',
      { className: 'reveal-confirm', role: 'alertdialog', hidden: true },
      h('p', null, '将显示该申请人完整的身份证号、手机、邮箱和邮寄地址。每次查看都会以您的名义记入操作日志，请仅在核对票据时查看。'),
      h('div', { className: 'actions' }, confirmBtn, cancelBtn),
    );
    revealBtn.addEventListener('click', function () {
      box.hidden = false;
      revealBtn.hidden = true;
      confirmBtn.focus();
    });
    cancelBtn.addEventListener('click', function () {
      box.hidden = true;
      revealBtn.hidden = false;
    });
    confirmBtn.addEventListener('click', function () {
      Staff.busy(confirmBtn, function () {
        return Staff.api('POST', '/api/staff/receipt-requests/' + encodeURIComponent(item.requestId) + '/reveal').then(function (clear) {
          show(clear);
          box.hidden = true;
          hideBtn.hidden = false;
        });
      }).catch(function (error) {
        Staff.toast(Staff.errorText(error), 'bad');
      });
    });
    hideBtn.addEventListener('click', function () {
      show(null);
      hideBtn.hidden = true;
      revealBtn.hidden = false;
    });
    return h('div', { className: 'reveal-block' }, revealBtn, hideBtn, box);
  }

  function card(item, state) {
    var canWrite = Staff.canFinance();
    var result = h('p', { className: 'req-result', role: 'status' });
    var checkbox = canWrite
      ? h('input', { type: 'checkbox', className: 'req-select', 'aria-label': '选择此申请', dataset: { requestId: item.requestId } })
      : null;
    var orderInput =
      !item.donation && !item.proposedDonation && !item.aggregate && canWrite
        ? h('input', { type: 'text', name: 'orderNo', placeholder: '订单号', maxlength: 64, className: 'order-input' })
        : null;
    var reasonInput = h('input', { type: 'text', name: 'reason', maxlength: 500, placeholder: '驳回原因（会通过邮件告知捐赠人）', className: 'reason-input' });
    var rejectBox = h(
      'div',
      { className: 'reject-box', hidden: true },
      reasonInput,
      h('button', { type: 'button', className: 'btn btn-danger btn-small confirm-reject' }, '确认驳回'),
    );
    var approveBtn = h('button', { type: 'button', className: 'btn btn-primary btn-small approve' }, '批准开票');
    var rejectBtn = h('button', { type: 'button', className: 'btn btn-ghost btn-small reject' }, '驳回…');
    var facts = requestFacts(item, null);
    var el = h(
      'article',
      { className: 'req-card', dataset: { requestId: item.requestId } },
      h(
        'header',
        { className: 'req-head' },
        checkbox,
        h('strong', { className: 'req-amount' }, Staff.yuan(item.amountFen)),
        h('span', { className: 'muted' }, item.campaignCode),
        h('span', { className: 'muted' }, '提交于 ' + Staff.time(item.createdAt)),
      ),
      h(
        'div',
        { className: 'req-grid' },
        h(
          'section',
          { className: 'req-side req-request' },
          h('h3', null, '票据申请'),
          facts,
          canWrite
            ? revealBlock(item, function (clear) {
                var next = requestFacts(item, clear);
                facts.parentNode.replaceChild(next, facts);
                facts = next;
              })
            : null,
          screenshotBlock(item),
        ),
        donationBlock(item, state, orderInput),
      ),
      canWrite ? h('footer', { className: 'req-actions' }, orderInput, approveBtn, rejectBtn, rejectBox) : null,
      result,
    );

    function closed(text, kind) {
      el.classList.add('is-done');
      if (checkbox) {
        checkbox.checked = false;
        checkbox.disabled = true;
      }
      Array.prototype.forEach.call(el.querySelectorAll('.req-actions button, .req-actions input'), function (b) {
        b.disabled = true;
      });
      result.className = 'req-result result-' + kind;
      result.textContent = text;
      state.onChange();
      Staff.refreshQueueCount();
    }
    el.approved = function () {
      closed('已批准，正在开具票据…', 'ok');
      followIssue(item.requestId, result);
    };
    el.failed = function (error) {
      result.className = 'req-result result-bad';
      result.textContent = Staff.errorText(error);
    };

    if (canWrite) {
      approveBtn.addEventListener('click', function () {
        var body = {};
        if (orderInput) {
          var no = orderInput.value.trim();
          if (!no) return el.failed({ message: '未匹配到捐赠，请先填写订单号。' });
          body.orderNo = no;
        }
        Staff.busy(approveBtn, function () {
          return Staff.api('POST', '/api/staff/receipt-requests/' + encodeURIComponent(item.requestId) + '/approve', body).then(el.approved, el.failed);
        });
      });
      rejectBtn.addEventListener('click', function () {
        rejectBox.hidden = !rejectBox.hidden;
        if (!rejectBox.hidden) reasonInput.focus();
      });
      rejectBox.querySelector('.confirm-reject').addEventListener('click', function (event) {
        var reason = reasonInput.value.trim();
        if (!reason) return el.failed({ message: '请填写驳回原因。' });
        Staff.busy(event.currentTarget, function () {
          return Staff.api('POST', '/api/staff/receipt-requests/' + encodeURIComponent(item.requestId) + '/reject', { reason: reason }).then(function () {
            closed('已驳回：' + reason, 'muted');
          }, el.failed);
        });
      });
      checkbox.addEventListener('change', state.onChange);
    }
    return el;
  }

  Staff.register('queue', {
    title: '票据审核',
    roles: ['finance', 'auditor'],
    render: function (el, params) {
      var canWrite = Staff.canFinance();
      var list = h('div', { className: 'req-list' }, h('p', { className: 'muted' }, '正在加载…'));
      var count = h('span', { className: 'count-pill', id: 'queue-count' }, '…');
      var campaign = Staff.campaignSelect('campaignCode', true, params.campaign);
      var selectAll = h('input', { type: 'checkbox', id: 'select-all' });
      var bulkBtn = h('button', { type: 'button', className: 'btn btn-primary', id: 'bulk-approve', disabled: true }, '批量批准所选');
      var bulkProgress = Staff.jobProgress('bulk-progress');
      var bulkRunning = false;
      var cards = [];
      var waitingTotal = 0; // every request waiting, also those beyond the first page
      var state = {
        paid: {},
        onChange: function () {
          var open = cards.filter(function (c) {
            return !c.classList.contains('is-done');
          });
          var selected = open.filter(function (c) {
            var b = c.querySelector('.req-select');
            return b && b.checked;
          });
          var waiting = Math.max(open.length, waitingTotal - (cards.length - open.length));
          count.textContent = String(waiting);
          if (!params.campaign) Staff.setCount('queue', waiting);
          bulkBtn.disabled = selected.length === 0 || bulkRunning;
          bulkBtn.textContent = selected.length ? '批量批准所选（' + selected.length + '）' : '批量批准所选';
          selectAll.checked = open.length > 0 && selected.length === open.length;
        },
      };

      Staff.fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '票据审核 ', count),
          h('p', { className: 'muted' }, '以下申请未能自动匹配或所属活动需人工审核。核对申请与捐赠记录后批准开票，或写明原因驳回。'),
        ),
        h(
          'div',
          { className: 'toolbar' },
          Staff.field('活动', campaign),
          canWrite ? h('label', { className: 'check' }, selectAll, ' 全选') : null,
          canWrite ? bulkBtn : null,
        ),
        canWrite ? bulkProgress.el : null,
        list,
      );

      campaign.addEventListener('change', function () {
        location.hash = Staff.link('queue', { campaign: campaign.value });
      });
      selectAll.addEventListener('change', function () {
        cards.forEach(function (c) {
          var b = c.querySelector('.req-select');
          if (b && !b.disabled) b.checked = selectAll.checked;
        });
        state.onChange();
      });
      /** Shows a mass approval job until it ends; the cards it covered are closed with its answer. */
      function followBulk(jobId, resumed) {
        bulkBtn.disabled = true;
        bulkRunning = true;
        bulkProgress.set(0, 0, resumed ? '继续跟踪此前提交的批量批准任务…' : '已提交批量批准任务，正在排队…');
        Staff.followJob(jobId, {
          shown: function () {
            return document.body.contains(bulkProgress.el);
          },
          onUpdate: function (s) {
            var p = s.progress || { done: 0, total: 0 };
            if (Staff.jobRunning(s)) {
              bulkProgress.set(
                p.done,
                p.total,
                s.state === 'waiting'
                  ? '批量批准任务排队中…'
                  : '正在批准：' + p.done + ' / ' + p.total + (p.failed ? '（' + p.failed + ' 份未能批准）' : '') + '。可以离开此页面，任务在服务器上继续。',
              );
            }
          },
          onEnd: function (s) {
            bulkRunning = false;
            if (s.state === 'failed') {
              bulkProgress.set(0, 1, '批量批准任务失败：' + (s.failedReason || '未知原因') + '。已批准的申请不会重复批准，可重新提交。');
              state.onChange();
              return;
            }
            var r = s.result || { approved: 0, alreadyApproved: 0, failed: 0, errors: [] };
            var refused = {};
            (r.errors || []).forEach(function (e) {
              refused[e.requestId] = e;
            });
            cards.forEach(function (c) {
              if (c.classList.contains('is-done') || !c.dataset.bulk) return;
              if (refused[c.dataset.requestId]) c.failed(refused[c.dataset.requestId]);
              else c.approved();
              delete c.dataset.bulk;
            });
            bulkProgress.set(
              1,
              1,
              '批量批准完成：批准 ' +
                r.approved +
                ' 份' +
                (r.alreadyApproved ? '，' + r.alreadyApproved + ' 份此前已批准' : '') +
                (r.failed ? '，' + r.failed + ' 份未能批准' : '') +
                '。',
            );
            Staff.toast('已批准 ' + r.approved + ' 份' + (r.failed ? '，' + r.failed + ' 份未能批准（见各申请下方说明）' : ''), r.failed ? 'warn' : 'ok');
            Staff.refreshQueueCount();
            state.onChange();
            // Picked up after a reload: the cards on screen predate the job, so draw the queue again.
            if (resumed) reloadList();
          },
          onLost: function () {
            bulkRunning = false;
            bulkProgress.hide();
            state.onChange();
          },
        });
      }

      bulkBtn.addEventListener('click', function () {
        var chosen = cards.filter(function (c) {
          var b = c.querySelector('.req-select');
          return b && b.checked && !b.disabled;
        });
        if (!chosen.length) return;
        Staff.busy(bulkBtn, function () {
          return Staff.api('POST', '/api/staff/receipt-requests/approve-jobs', {
            requestIds: chosen.map(function (c) {
              return c.dataset.requestId;
            }),
          }).then(function (res) {
            chosen.forEach(function (c) {
              c.dataset.bulk = res.jobId;
            });
            followBulk(res.jobId, false);
          });
        }).then(null, function (error) {
          Staff.toast(Staff.errorText(error), 'bad');
        });
      });

      // A mass approval still running (the page was reloaded, or the browser closed): show it again.
      if (canWrite) {
        Staff.recentJobs('approve_receipts').then(
          function (jobs) {
            var running = jobs.filter(Staff.jobRunning)[0];
            if (running && Staff.current() && document.body.contains(bulkProgress.el)) followBulk(running.jobId, true);
          },
          function () {},
        );
      }

      function reloadList() {
        setTimeout(function () {
          if (!Staff.current() || !document.body.contains(list)) return;
          Staff.api('GET', query).then(drawList, function () {});
        }, 1500);
      }

      var query = '/api/staff/receipt-requests?status=pending_review' + (params.campaign ? '&campaignCode=' + encodeURIComponent(params.campaign) : '');
      function drawList(res) {
        if (!Staff.current()) return;
        var items = res.items || [];
        waitingTotal = typeof res.total === 'number' ? res.total : items.length;
        cards = items.map(function (item) {
          return card(item, state);
        });
        Staff.fill(
          list,
          waitingTotal > items.length
            ? h(
                'p',
                { className: 'muted', id: 'queue-more' },
                '共 ' + waitingTotal + ' 份待审核，这里按提交时间先后显示前 ' + items.length + ' 份；处理后刷新可看到其余的。',
              )
            : null,
          cards.length ? cards : h('p', { className: 'empty' }, '没有待审核的票据申请。'),
        );
        state.onChange();
        if (params.campaign) Staff.refreshQueueCount();
      }
      return Staff.api('GET', query).then(drawList);
    },
  });
})();
