// 票据审核: the receipt review queue — each request beside its candidate donation; approval one by one or as a
// background job (批量批准), and the menu's count of requests waiting (shell.refreshQueueCount).
import { api, errorText, urlOf, type ResponseOf } from '../api';
import { badge, busy, clear, facts, field, fill, h, jobProgress, toast, type Child } from '../dom';
import { fetchBlob } from '../files';
import { CHANNEL, link, time, yuan } from '../format';
import { campaignSelect, followJob, jobRunning, recentJobs, type JobView } from '../jobs';
import { campaigns, canFinance, register, shell } from '../shell';

type ReviewList = ResponseOf<'GET', '/api/staff/receipt-requests'>;
type ReviewItem = ReviewList['items'][number];
type Revealed = ResponseOf<'POST', '/api/staff/receipt-requests/{requestId}/reveal'>;
type PaidDonation = ResponseOf<'GET', '/api/staff/donations'>['items'][number];

const ISSUE_POLL_MS = 1500;
const ISSUE_POLL_TRIES = 80;

/** What a mass approval job reports when it ends (src/receipts/receipt-approval.processor.ts; `result` is untyped in the document). */
export interface BulkResult {
  approved: number;
  alreadyApproved: number;
  failed: number;
  errors: { requestId: string; message: string }[];
}

/** The job's result, read defensively: a count that is missing is 0, a refusal without an id is left out. */
export function bulkResult(result: Record<string, unknown> | undefined): BulkResult {
  const r = result || {};
  const count = (v: unknown): number => (typeof v === 'number' ? v : 0);
  const errors = Array.isArray(r.errors) ? (r.errors as { requestId?: unknown; message?: unknown }[]) : [];
  return {
    approved: count(r.approved),
    alreadyApproved: count(r.alreadyApproved),
    failed: count(r.failed),
    errors: errors
      .filter((e) => e && typeof e.requestId === 'string')
      .map((e) => ({ requestId: String(e.requestId), message: typeof e.message === 'string' ? e.message : '' })),
  };
}

/** The progress line of a running mass approval. */
export function bulkProgressLine(view: Pick<JobView, 'state' | 'progress'>): string {
  const p = view.progress || { done: 0, total: 0 };
  if (view.state === 'waiting') return '批量批准任务排队中…';
  return `正在批准：${p.done} / ${p.total}${p.failed ? `（${p.failed} 份未能批准）` : ''}。可以离开此页面，任务在服务器上继续。`;
}

/** The line shown when a mass approval has ended. */
export function bulkDoneLine(r: BulkResult): string {
  return `批量批准完成：批准 ${r.approved} 份${r.alreadyApproved ? `，${r.alreadyApproved} 份此前已批准` : ''}${r.failed ? `，${r.failed} 份未能批准` : ''}。`;
}

/** The toast after a mass approval. */
export function bulkToast(r: BulkResult): string {
  return `已批准 ${r.approved} 份${r.failed ? `，${r.failed} 份未能批准（见各申请下方说明）` : ''}`;
}

/**
 * Requests still waiting: those open on screen, or the server's total less those closed here (the total also
 * counts requests beyond the first page).
 */
export function waitingCount(open: number, shown: number, total: number): number {
  return Math.max(open, total - (shown - open));
}

export function bulkButtonLabel(selected: number): string {
  return selected ? `批量批准所选（${selected}）` : '批量批准所选';
}

/** Paid donations with the request's amount, at most five: the people to ask about when nothing matched. */
export function sameAmountDonations<D extends Pick<PaidDonation, 'amountFen'>>(items: readonly D[], amountFen: number): D[] {
  return items.filter((d) => d.amountFen === amountFen).slice(0, 5);
}

/** How the candidate donation was found. */
export function matchKind(item: Pick<ReviewItem, 'donation' | 'proposedDonation'>): string {
  return item.donation ? '已匹配' : item.proposedDonation ? '建议匹配' : '未找到匹配';
}

/** The request's facts: masked as listed, or in clear after an audited reveal (`revealed`). */
export function requestFactPairs(item: ReviewItem, revealed: Revealed | null): [string, Child, string?][] {
  return [
    ['捐赠人', item.name],
    ['类型', item.donorType === 'organization' ? '单位' : '个人'],
    ['票据抬头', item.invoiceTitle],
    ['身份证号', revealed ? revealed.idNumber : item.idNumber, 'mono'],
    ['信用代码', revealed ? revealed.creditCode : item.creditCode, 'mono'],
    ['手机', revealed ? revealed.phone : item.phone, 'mono'],
    ['邮箱', revealed ? revealed.email : item.email],
    ['邮寄地址', revealed ? revealed.mailingAddress : item.mailingAddress],
    ['填写的订单号', item.orderNo, 'mono'],
    ['填写的流水号', item.bankReference, 'mono'],
  ];
}

let countTimer: ReturnType<typeof setTimeout> | undefined;
/** The menu's count of requests waiting; many calls in a row (bulk approval) make one request. */
export function refreshQueueCount(): void {
  clearTimeout(countTimer);
  countTimer = setTimeout(() => {
    api('GET', '/api/staff/receipt-requests', { query: { status: 'pending_review' } }).then(
      (res) => shell.setCount('queue', typeof res.total === 'number' ? res.total : (res.items || []).length),
      () => undefined,
    );
  }, 300);
}

/** Follows an approved request until the worker has issued its receipt (the donor's public status, no token). */
function followIssue(requestId: string, line: HTMLElement): void {
  let tries = 0;
  const poll = (): void => {
    fetch(urlOf('/api/receipt-requests/{requestId}', { requestId }), { cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<ResponseOf<'GET', '/api/receipt-requests/{requestId}'>>) : null))
      .then((s) => {
        if (s && s.status === 'issued' && s.receiptNo) {
          fill(line, '已开具票据 ', h('a', { href: link('receipts', { no: s.receiptNo }), className: 'mono receipt-link' }, s.receiptNo));
          return;
        }
        if (++tries < ISSUE_POLL_TRIES) setTimeout(poll, ISSUE_POLL_MS);
        else line.textContent = '已批准，票据仍在生成，请稍后在“票据”中查询。';
      })
      .catch(() => {
        if (++tries < ISSUE_POLL_TRIES) setTimeout(poll, ISSUE_POLL_MS);
      });
  };
  poll();
}

interface QueueState {
  /** Paid donations per campaign (the latest 500), fetched once per screen. */
  paid: Partial<Record<string, Promise<PaidDonation[]>>>;
  onChange: () => void;
}

/** A request's card on screen, with what a mass approval's end does to it. */
interface Card {
  el: HTMLElement;
  requestId: string;
  approved: () => void;
  failed: (error: unknown) => void;
}

/**
 * Paid donations of a campaign with the request's amount, among the latest 500: the people to
 * ask about when the system found no match. One request per campaign per screen.
 */
function sameAmount(state: QueueState, item: ReviewItem): Promise<PaidDonation[]> {
  const key = item.campaignCode;
  let paid = state.paid[key];
  if (!paid) {
    paid = api('GET', '/api/staff/donations', { query: { status: 'paid', limit: 500, campaignCode: key } }).then((res) => res.items || []);
    state.paid[key] = paid;
  }
  return paid.then((items) => sameAmountDonations(items, item.amountFen));
}

function claimTag(item: ReviewItem, unclaimed: string): HTMLElement {
  // Only a request made with the donation's claim token (the donor's own browser) proves it is theirs.
  return item.claimVerified
    ? h('span', { className: 'tag tag-ok', 'data-claim': 'verified' }, '捐赠人本人提交（凭证有效）')
    : h('span', { className: 'tag tag-warn', 'data-claim': 'none' }, unclaimed);
}

/** An aggregate request (合并开具): the orders it lists; approval checks each (paid, one fund, the total, none on another record). */
function aggregateBlock(item: ReviewItem): HTMLElement {
  return h(
    'section',
    { className: 'req-side req-donation req-aggregate' },
    h('h3', null, '合并开具 ', h('span', { className: 'tag' }, `${(item.orders || []).length} 笔`), ' ', claimTag(item, '无捐赠凭证：请逐笔核对付款记录')),
    h(
      'ul',
      { className: 'candidate-list' },
      (item.orders || []).map((o) => h('li', null, h('span', { className: 'mono' }, o.orderNo))),
    ),
    h('p', { className: 'muted small' }, '批准时逐笔核对：均已到账、属于本活动同一基金、合计与申请金额一致，且未出现在其他证明/票据上。'),
  );
}

function candidatesBlock(item: ReviewItem, state: QueueState, orderInput: HTMLInputElement | null): HTMLElement {
  const candidates = h('div', { className: 'candidates' }, h('p', { className: 'muted small' }, '正在查找金额相同的已到账捐赠…'));
  sameAmount(state, item).then(
    (found) => {
      if (!found.length) {
        fill(candidates, h('p', { className: 'muted small' }, `最近 500 笔已到账捐赠中没有金额为 ${yuan(item.amountFen)} 的记录。`));
        return;
      }
      fill(
        candidates,
        h('p', { className: 'muted small' }, '金额相同的已到账捐赠（请核对付款人、时间或流水号）：'),
        h(
          'ul',
          { className: 'candidate-list' },
          found.map((c) => {
            const use = orderInput ? h('button', { type: 'button', className: 'btn btn-small btn-ghost' }, '选用') : null;
            if (use && orderInput)
              use.addEventListener('click', () => {
                orderInput.value = c.orderNo;
                orderInput.focus();
              });
            return h(
              'li',
              null,
              h('span', { className: 'mono' }, c.orderNo),
              ' ',
              CHANNEL[c.channel] || c.channel,
              ' · ',
              c.donorName || '—',
              c.bankReference ? [' · ', h('span', { className: 'mono' }, c.bankReference)] : null,
              ' · ',
              time(c.paidAt),
              ' ',
              use,
            );
          }),
        ),
      );
    },
    () => {
      clear(candidates);
    },
  );
  return candidates;
}

function donationBlock(item: ReviewItem, state: QueueState, orderInput: HTMLInputElement | null): HTMLElement {
  if (item.aggregate) return aggregateBlock(item);
  const d = item.donation || item.proposedDonation;
  const head = h(
    'h3',
    null,
    '候选捐赠 ',
    h('span', { className: `tag ${d ? 'tag-ok' : 'tag-warn'}` }, matchKind(item)),
    ' ',
    claimTag(item, '无捐赠凭证：请核对付款记录'),
  );
  if (!d) {
    return h(
      'section',
      { className: 'req-side req-donation is-missing' },
      head,
      h('p', { className: 'muted' }, '系统未能按订单号或银行流水号找到金额相同的已到账捐赠。核对后填写订单号再批准，或驳回。'),
      candidatesBlock(item, state, orderInput),
    );
  }
  const same = d.amountFen === item.amountFen;
  return h(
    'section',
    { className: 'req-side req-donation' },
    head,
    facts([
      ['订单号', d.orderNo, 'mono'],
      ['渠道', CHANNEL[d.channel] || d.channel],
      ['状态', badge(d.status)],
      ['金额', h('span', { className: same ? 'amount-ok' : 'amount-bad' }, yuan(d.amountFen), same ? ' ✓ 与申请一致' : ' ✗ 与申请不符')],
      ['付款人', d.payerName],
      ['银行流水号', d.bankReference, 'mono'],
      ['到账时间', d.paidAt ? time(d.paidAt) : null],
    ]),
  );
}

function screenshotBlock(item: ReviewItem): HTMLElement | null {
  if (!item.hasScreenshot) return null;
  const figure = h('figure', { className: 'shot', hidden: true });
  const button = h('button', { type: 'button', className: 'btn btn-small btn-ghost shot-toggle' }, '查看付款截图');
  button.addEventListener('click', () => {
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
    busy(button, () =>
      fetchBlob(urlOf('/api/staff/receipt-requests/{requestId}/screenshot', { requestId: item.requestId })).then(
        (blob) =>
          // Shown as a data: URL, which the page's img-src policy allows (blob: is not).
          new Promise<void>((resolve) => {
            const reader = new FileReader();
            reader.onload = () => {
              fill(
                figure,
                h('img', { src: typeof reader.result === 'string' ? reader.result : '', alt: '付款截图' }),
                h('figcaption', { className: 'muted' }, '捐赠人上传的付款截图'),
              );
              figure.hidden = false;
              button.textContent = '收起截图';
              resolve();
            };
            reader.readAsDataURL(blob);
          }),
      ),
    ).catch((error: unknown) => {
      toast(errorText(error), 'bad');
    });
  });
  return h('div', null, button, figure);
}

/**
 * Personal data in clear only after an explicit click and a confirmation; the server records
 * every reveal in the audit log under the staff member's name.
 */
function revealBlock(item: ReviewItem, show: (revealed: Revealed | null) => void): HTMLElement {
  const revealBtn = h('button', { type: 'button', className: 'btn btn-small btn-ghost reveal' }, '查看完整信息…');
  const confirmBtn = h('button', { type: 'button', className: 'btn btn-small btn-danger confirm-reveal' }, '确认查看');
  const cancelBtn = h('button', { type: 'button', className: 'btn btn-small btn-ghost cancel-reveal' }, '取消');
  const hideBtn = h('button', { type: 'button', className: 'btn btn-small btn-ghost hide-reveal', hidden: true }, '隐藏完整信息');
  const box = h(
    'div',
    { className: 'reveal-confirm', role: 'alertdialog', hidden: true },
    h('p', null, '将显示该申请人完整的身份证号、手机、邮箱和邮寄地址。每次查看都会以您的名义记入操作日志，请仅在核对票据时查看。'),
    h('div', { className: 'actions' }, confirmBtn, cancelBtn),
  );
  revealBtn.addEventListener('click', () => {
    box.hidden = false;
    revealBtn.hidden = true;
    confirmBtn.focus();
  });
  cancelBtn.addEventListener('click', () => {
    box.hidden = true;
    revealBtn.hidden = false;
  });
  confirmBtn.addEventListener('click', () => {
    busy(confirmBtn, () =>
      api('POST', '/api/staff/receipt-requests/{requestId}/reveal', { params: { requestId: item.requestId } }).then((revealed) => {
        show(revealed);
        box.hidden = true;
        hideBtn.hidden = false;
      }),
    ).catch((error: unknown) => {
      toast(errorText(error), 'bad');
    });
  });
  hideBtn.addEventListener('click', () => {
    show(null);
    hideBtn.hidden = true;
    revealBtn.hidden = false;
  });
  return h('div', { className: 'reveal-block' }, revealBtn, hideBtn, box);
}

function card(item: ReviewItem, state: QueueState): Card {
  const canWrite = canFinance();
  const result = h('p', { className: 'req-result', role: 'status' });
  const checkbox = canWrite
    ? h('input', { type: 'checkbox', className: 'req-select', 'aria-label': '选择此申请', dataset: { requestId: item.requestId } })
    : null;
  const orderInput =
    !item.donation && !item.proposedDonation && !item.aggregate && canWrite
      ? h('input', { type: 'text', name: 'orderNo', placeholder: '订单号', maxlength: 64, className: 'order-input' })
      : null;
  const reasonInput = h('input', { type: 'text', name: 'reason', maxlength: 500, placeholder: '驳回原因（会通过邮件告知捐赠人）', className: 'reason-input' });
  const confirmReject = h('button', { type: 'button', className: 'btn btn-danger btn-small confirm-reject' }, '确认驳回');
  const rejectBox = h('div', { className: 'reject-box', hidden: true }, reasonInput, confirmReject);
  const approveBtn = h('button', { type: 'button', className: 'btn btn-primary btn-small approve' }, '批准开票');
  const rejectBtn = h('button', { type: 'button', className: 'btn btn-ghost btn-small reject' }, '驳回…');
  let shownFacts = facts(requestFactPairs(item, null), 'req-facts');
  const el = h(
    'article',
    { className: 'req-card', dataset: { requestId: item.requestId } },
    h(
      'header',
      { className: 'req-head' },
      checkbox,
      h('strong', { className: 'req-amount' }, yuan(item.amountFen)),
      h('span', { className: 'muted' }, item.campaignCode),
      h('span', { className: 'muted' }, `提交于 ${time(item.createdAt)}`),
    ),
    h(
      'div',
      { className: 'req-grid' },
      h(
        'section',
        { className: 'req-side req-request' },
        h('h3', null, '票据申请'),
        shownFacts,
        canWrite
          ? revealBlock(item, (revealed) => {
              const next = facts(requestFactPairs(item, revealed), revealed ? 'req-facts is-revealed' : 'req-facts');
              shownFacts.parentNode?.replaceChild(next, shownFacts);
              shownFacts = next;
            })
          : null,
        screenshotBlock(item),
      ),
      donationBlock(item, state, orderInput),
    ),
    canWrite ? h('footer', { className: 'req-actions' }, orderInput, approveBtn, rejectBtn, rejectBox) : null,
    result,
  );

  const closed = (text: string, kind: string): void => {
    el.classList.add('is-done');
    if (checkbox) {
      checkbox.checked = false;
      checkbox.disabled = true;
    }
    el.querySelectorAll<HTMLButtonElement | HTMLInputElement>('.req-actions button, .req-actions input').forEach((b) => {
      b.disabled = true;
    });
    result.className = `req-result result-${kind}`;
    result.textContent = text;
    state.onChange();
    refreshQueueCount();
  };
  const self: Card = {
    el,
    requestId: item.requestId,
    approved: () => {
      closed('已批准，正在开具票据…', 'ok');
      followIssue(item.requestId, result);
    },
    failed: (error: unknown) => {
      result.className = 'req-result result-bad';
      result.textContent = errorText(error);
    },
  };

  if (canWrite) {
    approveBtn.addEventListener('click', () => {
      const body: { orderNo?: string } = {};
      if (orderInput) {
        const no = orderInput.value.trim();
        if (!no) return self.failed({ message: '未匹配到捐赠，请先填写订单号。' });
        body.orderNo = no;
      }
      void busy(approveBtn, () =>
        api('POST', '/api/staff/receipt-requests/{requestId}/approve', { params: { requestId: item.requestId }, body }).then(self.approved, self.failed),
      );
    });
    rejectBtn.addEventListener('click', () => {
      rejectBox.hidden = !rejectBox.hidden;
      if (!rejectBox.hidden) reasonInput.focus();
    });
    confirmReject.addEventListener('click', () => {
      const reason = reasonInput.value.trim();
      if (!reason) return self.failed({ message: '请填写驳回原因。' });
      void busy(confirmReject, () =>
        api('POST', '/api/staff/receipt-requests/{requestId}/reject', { params: { requestId: item.requestId }, body: { reason } }).then(
          () => closed(`已驳回：${reason}`, 'muted'),
          self.failed,
        ),
      );
    });
    checkbox?.addEventListener('change', state.onChange);
  }
  return self;
}

function selectBox(c: Card): HTMLInputElement | null {
  return c.el.querySelector<HTMLInputElement>('.req-select');
}

function render(el: HTMLElement, params: Record<string, string>): Promise<void> {
  const canWrite = canFinance();
  const list = h('div', { className: 'req-list' }, h('p', { className: 'muted' }, '正在加载…'));
  const count = h('span', { className: 'count-pill', id: 'queue-count' }, '…');
  const campaign = campaignSelect(campaigns, 'campaignCode', true, params.campaign);
  const selectAll = h('input', { type: 'checkbox', id: 'select-all' });
  const bulkBtn = h('button', { type: 'button', className: 'btn btn-primary', id: 'bulk-approve', disabled: true }, '批量批准所选');
  const bulkProgress = jobProgress('bulk-progress');
  let bulkRunning = false;
  let cards: Card[] = [];
  let waitingTotal = 0; // every request waiting, also those beyond the first page
  const state: QueueState = {
    paid: {},
    onChange: () => {
      const open = cards.filter((c) => !c.el.classList.contains('is-done'));
      const selected = open.filter((c) => {
        const b = selectBox(c);
        return !!b && b.checked;
      });
      const waiting = waitingCount(open.length, cards.length, waitingTotal);
      count.textContent = String(waiting);
      if (!params.campaign) shell.setCount('queue', waiting);
      bulkBtn.disabled = selected.length === 0 || bulkRunning;
      bulkBtn.textContent = bulkButtonLabel(selected.length);
      selectAll.checked = open.length > 0 && selected.length === open.length;
    },
  };

  fill(
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
      field('活动', campaign),
      canWrite ? h('label', { className: 'check' }, selectAll, ' 全选') : null,
      canWrite ? bulkBtn : null,
    ),
    canWrite ? bulkProgress.el : null,
    list,
  );

  campaign.addEventListener('change', () => {
    location.hash = link('queue', { campaign: campaign.value });
  });
  selectAll.addEventListener('change', () => {
    cards.forEach((c) => {
      const b = selectBox(c);
      if (b && !b.disabled) b.checked = selectAll.checked;
    });
    state.onChange();
  });

  /** Shows a mass approval job until it ends; the cards it covered are closed with its answer. */
  const followBulk = (jobId: string, resumed: boolean): void => {
    bulkBtn.disabled = true;
    bulkRunning = true;
    bulkProgress.set(0, 0, resumed ? '继续跟踪此前提交的批量批准任务…' : '已提交批量批准任务，正在排队…');
    followJob(jobId, {
      shown: () => document.body.contains(bulkProgress.el),
      onUpdate: (s) => {
        const p = s.progress || { done: 0, total: 0 };
        if (jobRunning(s)) bulkProgress.set(p.done, p.total, bulkProgressLine(s));
      },
      onEnd: (s) => {
        bulkRunning = false;
        if (s.state === 'failed') {
          bulkProgress.set(0, 1, `批量批准任务失败：${s.failedReason || '未知原因'}。已批准的申请不会重复批准，可重新提交。`);
          state.onChange();
          return;
        }
        const r = bulkResult(s.result);
        const refused: Record<string, { message: string }> = {};
        r.errors.forEach((e) => (refused[e.requestId] = e));
        cards.forEach((c) => {
          if (c.el.classList.contains('is-done') || !c.el.dataset.bulk) return;
          if (refused[c.requestId]) c.failed(refused[c.requestId]);
          else c.approved();
          delete c.el.dataset.bulk;
        });
        bulkProgress.set(1, 1, bulkDoneLine(r));
        toast(bulkToast(r), r.failed ? 'warn' : 'ok');
        refreshQueueCount();
        state.onChange();
        // Picked up after a reload: the cards on screen predate the job, so draw the queue again.
        if (resumed) reloadList();
      },
      onLost: () => {
        bulkRunning = false;
        bulkProgress.hide();
        state.onChange();
      },
    });
  };

  bulkBtn.addEventListener('click', () => {
    const chosen = cards.filter((c) => {
      const b = selectBox(c);
      return !!b && b.checked && !b.disabled;
    });
    if (!chosen.length) return;
    busy(bulkBtn, () =>
      api('POST', '/api/staff/receipt-requests/approve-jobs', { body: { requestIds: chosen.map((c) => c.requestId) } }).then((res) => {
        chosen.forEach((c) => (c.el.dataset.bulk = res.jobId));
        followBulk(res.jobId, false);
      }),
    ).catch((error: unknown) => {
      toast(errorText(error), 'bad');
    });
  });

  // A mass approval still running (the page was reloaded, or the browser closed): show it again.
  if (canWrite) {
    recentJobs('approve_receipts').then(
      (jobs) => {
        const running = jobs.filter(jobRunning)[0];
        if (running && shell.current() && document.body.contains(bulkProgress.el)) followBulk(running.jobId, true);
      },
      () => undefined,
    );
  }

  const load = (): Promise<ReviewList> => api('GET', '/api/staff/receipt-requests', { query: { status: 'pending_review', campaignCode: params.campaign } });
  const reloadList = (): void => {
    setTimeout(() => {
      if (!shell.current() || !document.body.contains(list)) return;
      load().then(drawList, () => undefined);
    }, 1500);
  };
  const drawList = (res: ReviewList): void => {
    if (!shell.current()) return;
    const items = res.items || [];
    waitingTotal = typeof res.total === 'number' ? res.total : items.length;
    cards = items.map((item) => card(item, state));
    fill(
      list,
      waitingTotal > items.length
        ? h('p', { className: 'muted', id: 'queue-more' }, `共 ${waitingTotal} 份待审核，这里按提交时间先后显示前 ${items.length} 份；处理后刷新可看到其余的。`)
        : null,
      cards.length ? cards.map((c) => c.el) : h('p', { className: 'empty' }, '没有待审核的票据申请。'),
    );
    state.onChange();
    if (params.campaign) refreshQueueCount();
  };
  return load().then(drawList);
}

export function registerQueue(): void {
  // The router (staff-main.js) refreshes the menu's count through the shell.
  shell.refreshQueueCount = refreshQueueCount;
  register('queue', { title: '票据审核', roles: ['finance', 'auditor'], render });
}
