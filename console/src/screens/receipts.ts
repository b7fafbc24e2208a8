// 票据: find a receipt (number, order number, name), download it, void, reissue, re-send, attach the official
// 公益事业捐赠票据 (fiscal e-receipt or a paper form of a book), show the official form's fields, export.
import { api, errorText, type BodyOf, type ResponseOf } from '../api';
import { alert, badge, busy, facts, field, fill, h, table, toast, type Child } from '../dom';
import { exportButtons, fetchBlob, saveBlob } from '../files';
import { link, STATUS, time, yuan } from '../format';
import { campaignSelect } from '../jobs';
import { campaigns, canFinance, register, shell } from '../shell';

type Receipt = ResponseOf<'GET', '/api/staff/receipts/{receiptNo}'>;
type ReceiptSummary = ResponseOf<'GET', '/api/staff/receipts'>['items'][number];
type Official = NonNullable<Receipt['official']>;
type Gift = Receipt['gifts'][number];
type Attached = ResponseOf<'POST', '/api/staff/receipts/{receiptNo}/paper'>;
type ReceiptStatus = ReceiptSummary['status'];

export const RECEIPT_NO = /^[A-Z]{2,8}-\d{4}-\d{8}$/;

/** A search text that is a whole receipt number (any case): the number to open, else null. */
export function receiptNoOf(q: string | undefined): string | null {
  return q && RECEIPT_NO.test(q.toUpperCase()) ? q.toUpperCase() : null;
}

/** The one result a search for a full receipt or order number found: open it instead of listing it. */
export function exactMatch(q: string | undefined, items: ReceiptSummary[]): ReceiptSummary | null {
  return q && items.length === 1 && (items[0].receiptNo === q.toUpperCase() || items[0].orderNo === q) ? items[0] : null;
}

/** "纸质 代码 … 号码 …" : which official receipt a record is attached to. */
export function officialText(o: Pick<Official, 'kind' | 'source' | 'code' | 'number' | 'checkCode' | 'voided'>): string {
  const kind = o.kind === 'paper' ? '纸质' : o.source === 'platform' ? '财政电子（平台）' : '财政电子（手工录入）';
  return `${kind} 代码 ${o.code} 号码 ${o.number}${o.checkCode ? ` 校验码 ${o.checkCode}` : ''}${o.voided ? '（随记录作废）' : ''}`;
}

/** The value shown for a field of the official form: 收款人 not configured is signed by hand; other empty fields do not apply. */
export function formValue(f: { key: string; value: string | null }): string {
  return f.value !== null ? f.value : f.key === 'payee' ? '（手写）' : '—';
}

/** The count line above the results. */
export function resultCount(n: number): string {
  return n >= 200 ? '显示最新 200 张，请缩小条件或导出全部。' : `共 ${n} 张`;
}

function value(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement).value.trim();
}

function receiptCard(r: Receipt, reload: () => unknown): HTMLElement {
  const canWrite = canFinance();
  const message = h('div', { className: 'form-message', id: 'receipt-message' });
  const failed = (error: unknown): void => {
    fill(message, alert(errorText(error)));
  };
  const params = { receiptNo: r.receiptNo };
  const download = h('button', { type: 'button', className: 'btn btn-primary', id: 'download-pdf' }, '下载 PDF');
  download.addEventListener('click', () => {
    busy(download, () =>
      fetchBlob(`/api/staff/receipts/${encodeURIComponent(r.receiptNo)}/pdf`).then((blob) => {
        saveBlob(blob, `${r.receiptNo}.pdf`);
      }),
    ).catch((error: { code?: string }) => {
      fill(message, alert(error.code === 'RECEIPT_NOT_READY' ? 'PDF 正在生成，请稍后再试。' : errorText(error)));
    });
  });

  const actions: HTMLElement[] = [
    download,
    h('a', { className: 'btn btn-ghost', href: r.verifyUrl, target: '_blank', rel: 'noopener', id: 'verify-link' }, '打开核验页'),
  ];
  const panels: HTMLElement[] = [];
  if (canWrite && r.status === 'issued') {
    const voidReason = h('input', { name: 'reason', maxlength: 500, placeholder: '作废原因（必填）', required: true });
    const voidForm = h(
      'form',
      { className: 'inline-form', id: 'void-form', hidden: true },
      voidReason,
      h('button', { type: 'submit', className: 'btn btn-danger' }, '确认作废'),
    );
    const voidBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'void' }, '作废…');
    voidBtn.addEventListener('click', () => {
      voidForm.hidden = !voidForm.hidden;
      if (!voidForm.hidden) voidReason.focus();
    });
    voidForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!voidReason.value.trim()) {
        fill(message, alert('请填写作废原因。'));
        return;
      }
      void busy(voidForm.querySelector('button')!, () =>
        api('POST', '/api/staff/receipts/{receiptNo}/void', { params, body: { reason: voidReason.value.trim() } }).then(() => {
          toast(`票据 ${r.receiptNo} 已作废`, 'ok');
          void reload();
        }, failed),
      );
    });
    actions.push(voidBtn);
    panels.push(voidForm);
  }
  if (canWrite && !r.replacedByReceiptNo) {
    const reissueForm = h(
      'form',
      { className: 'grid-form', id: 'reissue-form', hidden: true },
      field('捐赠人姓名（不改请留空）', h('input', { name: 'name', maxlength: 100, placeholder: r.donorName || '' })),
      field('票据抬头（不改请留空）', h('input', { name: 'invoiceTitle', maxlength: 100, placeholder: r.invoiceTitle || '' })),
      field('原因', h('input', { name: 'reason', maxlength: 500, placeholder: '例如：抬头有误，按捐赠人要求重开' })),
      h(
        'div',
        { className: 'form-actions' },
        h('button', { type: 'submit', className: 'btn btn-primary' }, r.status === 'issued' ? '作废并重新开具' : '重新开具'),
      ),
    );
    const reissueBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'reissue' }, '重新开具…');
    reissueBtn.addEventListener('click', () => {
      reissueForm.hidden = !reissueForm.hidden;
    });
    reissueForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const body: BodyOf<'POST', '/api/staff/receipts/{receiptNo}/reissue'> = {};
      (['name', 'invoiceTitle', 'reason'] as const).forEach((k) => {
        const v = value(reissueForm, k);
        if (v) body[k] = v;
      });
      void busy(reissueForm.querySelector('button')!, () =>
        api('POST', '/api/staff/receipts/{receiptNo}/reissue', { params, body }).then(() => {
          fill(message, alert('已提交重新开具，新票据生成后会出现在下方“由…取代”。', 'ok'));
          waitForReplacement(r.receiptNo, reload);
        }, failed),
      );
    });
    actions.push(reissueBtn);
    panels.push(reissueForm);
  }
  if (canWrite && r.status === 'issued' && r.pdfReady) {
    const resend = h('button', { type: 'button', className: 'btn btn-ghost', id: 'resend' }, '重发邮件');
    resend.addEventListener('click', () => {
      void busy(resend, () =>
        // The staff re-send: audited under this account (the donor's own re-send link is not).
        api('POST', '/api/staff/receipts/{receiptNo}/resend', { params }).then(() => {
          fill(message, alert('已安排重新发送票据邮件。', 'ok'));
        }, failed),
      );
    });
    actions.push(resend);
  }

  if (canWrite && r.status === 'issued' && !r.official) {
    const officialBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'attach-official' }, '关联公益事业捐赠票据…');
    const officialPanel = officialForms(r, failed, reload);
    officialBtn.addEventListener('click', () => {
      officialPanel.hidden = !officialPanel.hidden;
    });
    actions.push(officialBtn);
    panels.push(officialPanel);
  }
  if (canWrite) {
    // The record in the official form's order, to print onto a paper 票据 or key into the portal.
    const formBtn = h('button', { type: 'button', className: 'btn btn-ghost', id: 'official-form' }, '票据版式');
    const formPanel = h('div', { id: 'official-form-panel', hidden: true });
    formBtn.addEventListener('click', () => {
      formPanel.hidden = !formPanel.hidden;
      if (!formPanel.hidden) showForm(r.receiptNo, formPanel);
    });
    actions.push(formBtn);
    panels.push(formPanel);
  }

  const relation = (no: string | null): HTMLElement | null => (no ? h('a', { href: link('receipts', { no }), className: 'mono' }, no) : null);
  return h(
    'section',
    { className: 'panel receipt-card', id: 'receipt-details', dataset: { receiptNo: r.receiptNo, status: r.status } },
    h('h2', null, h('span', { className: 'mono' }, r.receiptNo), ' ', badge(r.status)),
    facts([
      ['类型', r.official ? '捐赠票据（已关联公益事业捐赠票据）' : '捐赠证明（未关联公益事业捐赠票据）'],
      ['公益事业捐赠票据', r.official ? officialText(r.official) : null, 'mono'],
      ['活动', `${r.campaignTitle}（${r.campaignCode}）`],
      ['订单号', r.orderNo, 'mono'],
      ['合并开具', r.aggregate ? giftList(r.gifts) : null],
      ['捐赠人', r.donorName],
      ['交款人（抬头）', r.invoiceTitle],
      ['统一社会信用代码', r.payerCreditCode, 'mono'],
      ['复核人', r.reviewer],
      ['收款人', r.payee],
      ['金额', yuan(r.amountFen), 'strong'],
      ['捐赠日期', time(r.donatedAt)],
      ['开具时间', time(r.issuedAt)],
      ['PDF', r.pdfReady ? '已生成' : '生成中'],
      ['邮件', r.emailedAt ? `已发送 ${r.emailCount} 次，最近 ${time(r.emailedAt)}` : '尚未发送'],
      ['作废时间', r.voidedAt ? time(r.voidedAt) : null],
      ['作废原因', r.voidReason],
      ['取代了', relation(r.replacesReceiptNo)],
      ['由…取代', relation(r.replacedByReceiptNo)],
      ['核验链接', h('a', { href: r.verifyUrl, target: '_blank', rel: 'noopener', className: 'mono small' }, r.verifyUrl)],
    ]),
    h('div', { className: 'actions' }, actions),
    panels,
    message,
  );
}

function giftList(gifts: Gift[] | null | undefined): HTMLElement {
  return h(
    'ol',
    { className: 'gift-list', id: 'receipt-gifts' },
    (gifts || []).map((g) => h('li', null, h('span', { className: 'mono' }, g.orderNo), ' ', yuan(g.amountFen), ' ', time(g.donatedAt))),
  );
}

/** Attach the official receipt: a number entered from the 财政电子票据 portal, or the next (or a given) paper number of a book. */
function officialForms(r: Receipt, failed: (error: unknown) => void, reload: () => unknown): HTMLElement {
  const params = { receiptNo: r.receiptNo };
  const done = (res: Attached): void => {
    const o = res.official;
    toast(`已关联公益事业捐赠票据 ${o ? `${o.code} ${o.number}` : ''}，PDF 将重新生成为捐赠票据`, 'ok');
    void reload();
  };
  const fiscal = h(
    'form',
    { className: 'grid-form', id: 'fiscal-form' },
    h('h3', null, '财政电子票据（在财政票据平台开具后录入）'),
    field('票据代码', h('input', { name: 'code', required: true, pattern: '\\d{8}', maxlength: 8, inputmode: 'numeric' }), '8 位数字'),
    field('票据号码', h('input', { name: 'number', required: true, pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '10 位数字'),
    field('校验码', h('input', { name: 'checkCode', required: true, maxlength: 64 })),
    field('开票日期', h('input', { name: 'issuedOn', type: 'date', required: true })),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '录入财政电子票据')),
  );
  fiscal.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      code: value(fiscal, 'code'),
      number: value(fiscal, 'number'),
      checkCode: value(fiscal, 'checkCode'),
      issuedAt: `${(fiscal.elements.namedItem('issuedOn') as HTMLInputElement).value}T12:00:00+08:00`,
    };
    void busy(fiscal.querySelector('button')!, () => api('POST', '/api/staff/receipts/{receiptNo}/fiscal', { params, body }).then(done, failed));
  });
  const books = h('select', { name: 'bookId', required: true }, h('option', { value: '' }, '请选择票据本'));
  api('GET', '/api/staff/receipt-books').then(
    (res) => {
      (res.items || [])
        .filter((b) => b.status === 'open' && b.unused > 0)
        .forEach((b) => {
          books.appendChild(h('option', { value: b.id }, `${b.code}：${b.firstNumber}–${b.lastNumber}（余 ${b.unused} 张）`));
        });
    },
    () => undefined,
  );
  const paper = h(
    'form',
    { className: 'grid-form', id: 'paper-form' },
    h('h3', null, '纸质票据（从已登记的票据本取号）'),
    field('票据本', books),
    field('票据号码', h('input', { name: 'number', pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '留空则取本中最小的未用号码'),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '关联纸质票据')),
  );
  paper.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: BodyOf<'POST', '/api/staff/receipts/{receiptNo}/paper'> = { bookId: books.value };
    const number = value(paper, 'number');
    if (number) body.number = number;
    void busy(paper.querySelector('button')!, () => api('POST', '/api/staff/receipts/{receiptNo}/paper', { params, body }).then(done, failed));
  });
  return h('div', { className: 'panel official-forms', id: 'official-forms', hidden: true }, fiscal, paper);
}

/** The record in the field order of the official form (Art. 6), to print onto a paper 票据 or key into the portal. */
function showForm(receiptNo: string, panel: HTMLElement): void {
  fill(panel, h('p', { className: 'muted' }, '正在加载…'));
  api('GET', '/api/staff/receipts/{receiptNo}/form', { params: { receiptNo } }).then(
    (form) => {
      const print = h('button', { type: 'button', className: 'btn btn-ghost', id: 'print-form' }, '打印');
      print.addEventListener('click', () => {
        window.print();
      });
      fill(
        panel,
        h('h3', null, '公益事业捐赠票据版式（第六条各项）'),
        facts(
          form.fields.map((f): [string, Child] => [f.label, formValue(f)]),
          'official-form',
        ),
        form.gifts && form.gifts.length
          ? table(
              ['序号', '捐赠日期', '订单号', '金额'],
              form.gifts.map((g, i) =>
                h(
                  'tr',
                  null,
                  h('td', null, String(i + 1)),
                  h('td', null, g.donatedOn),
                  h('td', { className: 'mono' }, g.orderNo),
                  h('td', { className: 'num' }, g.amountFigures),
                ),
              ),
            )
          : null,
        h('div', { className: 'actions' }, print),
      );
    },
    (error: unknown) => {
      fill(panel, alert(errorText(error)));
    },
  );
}

function waitForReplacement(receiptNo: string, reload: () => unknown): void {
  let tries = 0;
  const poll = (): void => {
    api('GET', '/api/staff/receipts/{receiptNo}', { params: { receiptNo } }).then(
      (r) => {
        if (r.replacedByReceiptNo || ++tries > 60) {
          void reload();
          return;
        }
        setTimeout(poll, 1500);
      },
      () => undefined,
    );
  };
  poll();
}

function resultRow(r: ReceiptSummary): HTMLElement {
  return h(
    'tr',
    { dataset: { receiptNo: r.receiptNo } },
    h('td', null, h('a', { href: link('receipts', { no: r.receiptNo }), className: 'mono receipt-row-link' }, r.receiptNo)),
    h('td', null, badge(r.status)),
    h('td', null, r.campaignCode),
    h('td', { className: 'mono' }, r.orderNo),
    h('td', null, r.donorName),
    h('td', { className: 'wrap' }, r.invoiceTitle),
    h('td', { className: 'num' }, yuan(r.amountFen)),
    h('td', null, time(r.issuedAt)),
    h('td', null, r.emailedAt ? time(r.emailedAt) : '未发送'),
  );
}

function render(el: HTMLElement, params: Record<string, string>): Promise<unknown> | void {
  const input = h('input', {
    name: 'q',
    type: 'search',
    maxlength: 100,
    value: params.q || params.no || '',
    placeholder: '票据号、订单号，或捐赠人 / 抬头中的字',
    id: 'receipt-query',
  });
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, '全部'),
    (['issued', 'voided'] as ReceiptStatus[]).map((s) => h('option', { value: s, selected: params.status === s }, STATUS[s])),
  );
  const campaign = campaignSelect(campaigns, 'campaignCode', true, params.campaign);
  const form = h(
    'form',
    { className: 'toolbar search-form', id: 'receipt-search' },
    field('查找票据', input),
    field('活动', campaign),
    field('状态', status),
    h('button', { type: 'submit', className: 'btn btn-primary' }, '查找'),
  );
  const exports = exportButtons('receipts', () => ({ campaignCode: campaign.value, status: status.value }));
  const out = h('div', { id: 'receipt-out' });
  fill(
    el,
    h(
      'header',
      { className: 'screen-head' },
      h('h1', null, '票据'),
      h(
        'p',
        { className: 'muted' },
        '按记录编号、订单号或姓名查找；作废的号码永久保留，重开会取得新号码。未关联公益事业捐赠票据的记录是捐赠证明。',
        h('a', { href: link('receipt-books', {}), id: 'receipt-books-link' }, '纸质票据本'),
      ),
    ),
    form,
    h('div', { className: 'toolbar export-bar' }, h('span', { className: 'muted small' }, '按所选活动和状态导出票据：'), exports),
    out,
  );

  const load = (): Promise<void> => {
    fill(out, h('p', { className: 'muted' }, '正在加载…'));
    return api('GET', '/api/staff/receipts/{receiptNo}', { params: { receiptNo: params.no } }).then(
      (r) => {
        if (shell.current()) fill(out, receiptCard(r, load));
      },
      (error: { code?: string }) => {
        if (shell.current()) fill(out, alert(error.code === 'RECEIPT_NOT_FOUND' ? `没有找到票据 ${params.no}。` : errorText(error)));
      },
    );
  };

  const show = (): Promise<unknown> | void => {
    if (params.no) return load();
    const no = receiptNoOf(params.q);
    if (no) return location.replace(link('receipts', { no }));
    fill(out, h('p', { className: 'muted' }, '正在加载…'));
    return api('GET', '/api/staff/receipts', {
      query: { q: params.q, campaignCode: params.campaign, status: params.status },
    }).then(
      (res) => {
        if (!shell.current()) return;
        const items = res.items || [];
        // A receipt or order number typed in full opens that receipt.
        const exact = exactMatch(params.q, items);
        if (exact) return location.replace(link('receipts', { no: exact.receiptNo }));
        fill(
          out,
          h('p', { className: 'muted', id: 'receipt-count' }, resultCount(items.length)),
          table(['票据号', '状态', '活动', '订单号', '捐赠人', '抬头', '金额', '开具时间', '邮件'], items.map(resultRow), '没有符合条件的票据。'),
        );
      },
      (error: unknown) => {
        if (shell.current()) fill(out, alert(errorText(error)));
      },
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const target = link('receipts', { q: input.value.trim(), campaign: campaign.value, status: status.value });
    if (location.hash === target) void show();
    else location.hash = target;
  });
  return show();
}

export function registerReceipts(): void {
  register('receipts', { title: '票据', roles: ['finance', 'auditor'], render });
}
