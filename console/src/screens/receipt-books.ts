// Paper receipt books (纸质公益事业捐赠票据): register, report, spoil a form, close a book (核旧).
import { api, errorText, type ResponseOf } from '../api';
import { alert, busy, clear, facts, field, fill, h, table, toast } from '../dom';
import { link, time } from '../format';
import { canFinance, register, shell } from '../shell';

type Book = ResponseOf<'GET', '/api/staff/receipt-books/{id}'>;
type BookListItem = ResponseOf<'GET', '/api/staff/receipt-books'>['items'][number];

export const FORM_STATE: Record<string, string> = { unused: '未用', used: '已用', spoiled: '作废' };
export const BOOK_STATUS: Record<string, string> = { open: '在用', closed: '已核销' };

/** [["0000000001","0000000003"],["0000000007","0000000007"]] → "0000000001–0000000003，0000000007". */
export function numberRanges(ranges: readonly (readonly string[])[] | null | undefined): string {
  return (ranges || []).map((r) => (r[0] === r[1] ? r[0] : `${r[0]}–${r[1]}`)).join('，');
}

function value(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement).value.trim();
}

function bookRow(b: BookListItem): HTMLElement {
  return h(
    'tr',
    { dataset: { bookId: b.id } },
    h('td', null, h('a', { href: link('receipt-books', { id: b.id }), className: 'mono book-link' }, b.code)),
    h('td', { className: 'mono' }, `${b.firstNumber}–${b.lastNumber}`),
    h('td', null, BOOK_STATUS[b.status] || b.status),
    h('td', { className: 'num' }, String(b.used)),
    h('td', { className: 'num' }, String(b.spoiled)),
    h('td', { className: 'num' }, String(b.unused)),
  );
}

function registerForm(reload: () => unknown): HTMLFormElement {
  const message = h('div', { className: 'form-message', id: 'book-register-message' });
  const form = h(
    'form',
    { className: 'grid-form panel', id: 'book-register' },
    h('h2', null, '登记票据本'),
    field('票据代码', h('input', { name: 'code', required: true, pattern: '\\d{8}', maxlength: 8, inputmode: 'numeric' }), '8 位数字'),
    field('起始号码', h('input', { name: 'firstNumber', required: true, pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '10 位数字'),
    field('终止号码', h('input', { name: 'lastNumber', required: true, pattern: '\\d{10}', maxlength: 10, inputmode: 'numeric' }), '一本最多 10000 张'),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记')),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { code: value(form, 'code'), firstNumber: value(form, 'firstNumber'), lastNumber: value(form, 'lastNumber') };
    void busy(form.querySelector('button')!, () =>
      api('POST', '/api/staff/receipt-books', { body }).then(
        (book) => {
          toast(`已登记票据本 ${book.code}（${book.firstNumber}–${book.lastNumber}）`, 'ok');
          location.hash = link('receipt-books', { id: book.id });
          void reload();
        },
        (error: unknown) => {
          fill(message, alert(errorText(error)));
        },
      ),
    );
  });
  return form;
}

function report(el: HTMLElement, id: string, changed: () => unknown): Promise<void> {
  const message = h('div', { className: 'form-message', id: 'book-message' });
  const reload = (): Promise<void> => {
    clear(message);
    void changed();
    return load();
  };
  const failed = (error: unknown): void => {
    fill(message, alert(errorText(error)));
  };
  function load(): Promise<void> {
    return api('GET', '/api/staff/receipt-books/{id}', { params: { id } }).then(
      (b: Book) => {
        if (!shell.current()) return;
        const actions: HTMLElement[] = [];
        const panels: HTMLElement[] = [];
        if (canFinance() && b.status === 'open') {
          const spoil = h(
            'form',
            { className: 'inline-form', id: 'spoil-form' },
            h('input', { name: 'number', required: true, pattern: '\\d{10}', maxlength: 10, placeholder: '作废的票据号码', inputmode: 'numeric' }),
            h('input', { name: 'reason', required: true, maxlength: 500, placeholder: '作废原因（必填）' }),
            h('button', { type: 'submit', className: 'btn btn-danger' }, '登记作废'),
          );
          spoil.addEventListener('submit', (event) => {
            event.preventDefault();
            const body = { number: value(spoil, 'number'), reason: value(spoil, 'reason') };
            void busy(spoil.querySelector('button')!, () =>
              api('POST', '/api/staff/receipt-books/{id}/spoil', { params: { id }, body }).then(() => {
                toast(`已登记作废 ${body.number}`, 'ok');
                void reload();
              }, failed),
            );
          });
          panels.push(spoil);
          const close = h('button', { type: 'button', className: 'btn btn-ghost', id: 'close-book' }, '核销本册');
          close.addEventListener('click', () => {
            void busy(close, () =>
              api('POST', '/api/staff/receipt-books/{id}/close', { params: { id } }).then(() => {
                toast('票据本已核销', 'ok');
                void reload();
              }, failed),
            );
          });
          actions.push(close);
        }
        fill(
          el,
          h(
            'section',
            { className: 'panel', id: 'book-report', dataset: { bookId: b.id, status: b.status } },
            h('h2', null, '票据本 ', h('span', { className: 'mono' }, b.code), ' ', BOOK_STATUS[b.status] || b.status),
            facts([
              ['号码段', `${b.firstNumber}–${b.lastNumber}`, 'mono'],
              ['张数', String(b.size)],
              ['已用', String(b.used) + (b.usedByVoidedReceipts ? `（其中 ${b.usedByVoidedReceipts} 张对应的记录已作废）` : '')],
              ['作废', String(b.spoiled)],
              ['未用', String(b.unused)],
              ['未用号码段', numberRanges(b.unusedRanges), 'mono'],
              ['核销时间', b.closedAt ? time(b.closedAt) : null],
            ]),
            h('div', { className: 'actions' }, actions),
            panels,
            message,
            table(
              ['号码', '状态', '记录', '原因', '登记时间'],
              (b.entries || []).map((e) =>
                h(
                  'tr',
                  { dataset: { number: e.number, state: e.state } },
                  h('td', { className: 'mono' }, e.number),
                  h('td', null, FORM_STATE[e.state] || e.state),
                  h(
                    'td',
                    null,
                    e.receiptNo ? h('a', { href: link('receipts', { no: e.receiptNo }), className: 'mono' }, e.receiptNo) : null,
                    e.receiptStatus === 'voided' ? '（已作废）' : null,
                  ),
                  h('td', { className: 'wrap' }, e.reason),
                  h('td', null, e.recordedAt ? time(e.recordedAt) : ''),
                ),
              ),
              '本册尚无已用或作废的号码。',
            ),
          ),
        );
      },
      (error: unknown) => {
        if (shell.current()) fill(el, alert(errorText(error)));
      },
    );
  }
  return load();
}

export function registerReceiptBooks(): void {
  register('receipt-books', {
    title: '纸质票据本',
    roles: ['finance', 'auditor'],
    // Reached from the receipts screen, not the menu.
    nav: false,
    render(el, params) {
      const list = h('div', { id: 'book-list' });
      const detail = h('div', { id: 'book-detail' });
      const loadList = (): Promise<void> =>
        api('GET', '/api/staff/receipt-books').then(
          (res) => {
            if (!shell.current()) return;
            fill(list, table(['票据代码', '号码段', '状态', '已用', '作废', '未用'], (res.items || []).map(bookRow), '尚未登记票据本。'));
          },
          (error: unknown) => {
            if (shell.current()) fill(list, alert(errorText(error)));
          },
        );
      fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '纸质票据本'),
          h(
            'p',
            { className: 'muted' },
            '登记领用的纸质公益事业捐赠票据，每个号码只会是未用、已用或作废之一；号码用完或作废后方可核销（核旧领新）。',
            h('a', { href: link('receipts', {}) }, '返回票据'),
          ),
        ),
        canFinance() ? registerForm(loadList) : null,
        detail,
        list,
      );
      if (params.id) void report(detail, params.id, loadList);
      return loadList();
    },
  });
}
