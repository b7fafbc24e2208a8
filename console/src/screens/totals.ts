// 公示与拨付: disbursements (where the money went), disbursement plans (plans.ts) and publications (frozen public
// snapshots) of one campaign.
import { api, ApiError, errorText, urlOf, type ApiPath, type BodyOf, type ResponseOf } from '../api';
import { alert, busy, fill, field, h, table, toast } from '../dom';
import { fetchFile, saveBlob } from '../files';
import { link, parseYuan, time, yuan } from '../format';
import { campaignSelect } from '../jobs';
import { campaigns, canFinance, register, shell } from '../shell';
import { beijingToday, planPanel } from './plans';

type Disbursement = ResponseOf<'GET', '/api/campaigns/{code}/disbursements'>['items'][number];
type Schedule = ResponseOf<'GET', '/api/campaigns/{code}/disclosure-schedule'>;

/** A public (unauthenticated) GET of the document, as the public pages see it: no token sent. */
async function publicJson<P extends ApiPath>(path: P, params: Record<string, string>): Promise<ResponseOf<'GET', P>> {
  const res = await fetch(urlOf(path, params), { cache: 'no-store' });
  let body: { code?: string; message?: string } | null;
  try {
    body = (await res.json()) as { code?: string; message?: string } | null;
  } catch {
    throw new ApiError(res.status, `HTTP_${res.status}`, `请求失败（${res.status}）`);
  }
  if (!res.ok) throw new ApiError(res.status, (body && body.code) || `HTTP_${res.status}`, (body && body.message) || '请求失败');
  return body as ResponseOf<'GET', P>;
}

/** The state column of a disbursement: voided, exceeding (pending or confirmed), and the recipient's confirmation. */
export function disbursementState(d: Pick<Disbursement, 'voided' | 'voidReason' | 'exceeding' | 'confirmation'>): string {
  if (d.voided) return `已作废：${d.voidReason || ''}`;
  const text = d.exceeding === 'pending' ? '超额（待确认）' : d.exceeding === 'confirmed' ? '超额（已确认）' : '有效';
  return text + (d.confirmation ? `；受助单位已确认到账 ${yuan(d.confirmation.amountReceivedFen)}` : '；待受助单位确认到账');
}

/** The disclosure schedule in a sentence (without the final full stop). */
export function scheduleText(s: Pick<Schedule, 'intervalDays' | 'nextDueAt' | 'nextKind'>): string {
  return `至少每 ${s.intervalDays} 天公示一次；${
    s.nextDueAt ? `${s.nextKind === 'final' ? '结项公示' : '下次公示'}应于 ${time(s.nextDueAt)} 前发布` : '结项公示已发布'
  }`;
}

function input(form: HTMLFormElement, name: string): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement;
}

function disbursements(code: string): HTMLElement {
  const list = h('div', { id: 'disbursement-list' }, h('p', { className: 'muted' }, '正在加载…'));
  const message = h('div', { className: 'form-message' });
  const funds = h('select', { name: 'fundCode' }, h('option', { value: '' }, '不指定（本活动统筹）'));
  const fundField = field('专项基金', funds);
  fundField.hidden = true;
  publicJson('/api/campaigns/{code}', { code }).then(
    (campaign) => {
      (campaign.funds || []).forEach((f) => funds.appendChild(h('option', { value: f.code }, f.name)));
      fundField.hidden = !(campaign.funds || []).length;
    },
    () => undefined,
  );
  const failed = (error: unknown): void => {
    fill(message, alert(errorText(error)));
  };

  // A correction is a void with a reason: the row stays listed publicly, no longer counted.
  function voidButton(d: Disbursement): HTMLElement {
    const button = h('button', { type: 'button', className: 'btn btn-small btn-secondary', 'data-void': d.id }, '作废');
    button.addEventListener('click', () => {
      const reason = window.prompt(`作废这笔拨付（${yuan(d.amountFen)} 给 ${d.recipient}）的原因：作废后不计入已拨付，但仍公开列为更正记录。`);
      if (!reason || !reason.trim()) return;
      void busy(button, () =>
        api('POST', '/api/staff/disbursements/{id}/void', { params: { id: d.id }, body: { reason: reason.trim() } }).then(() => {
          fill(message, alert('已作废，公示页将其列为更正记录。如需更正，请重新登记正确的拨付。', 'ok'));
          void load();
        }, failed),
      );
    });
    return button;
  }

  // A disbursement recorded beyond what was received without the confirmation (a plain API client) shows
  // publicly as 超出已收款，待确认 until finance confirms it here.
  function confirmExceedingButton(d: Disbursement): HTMLElement {
    const button = h('button', { type: 'button', className: 'btn btn-small btn-danger', 'data-confirm-exceeding': d.id }, '确认超额');
    button.addEventListener('click', () => {
      if (
        !window.confirm(
          `这笔拨付（${yuan(d.amountFen)} 给 ${d.recipient}）超出了已收到的金额。确认金额无误？确认后公示页显示“已经工作人员确认”；如有误请作废。`,
        )
      )
        return;
      void busy(button, () =>
        api('POST', '/api/staff/disbursements/{id}/confirm-exceeding', { params: { id: d.id } }).then(() => {
          fill(message, alert('已确认超额拨付，公示页不再显示“待确认”。', 'ok'));
          void load();
        }, failed),
      );
    });
    return button;
  }

  // The payment notice (PDF) carries the QR code where the recipient unit confirms the money arrived.
  function noticeButton(d: Disbursement): HTMLElement {
    const button = h('button', { type: 'button', className: 'btn btn-ghost btn-small', 'data-payment-notice': d.id }, '下载拨付通知单');
    button.addEventListener('click', () => {
      busy(button, () =>
        fetchFile(urlOf('/api/staff/disbursements/{id}/payment-notice.pdf', { id: d.id }), 'payment-notice.pdf').then((file) => {
          saveBlob(file.blob, file.filename);
        }),
      ).catch((error: unknown) => {
        toast(errorText(error), 'bad');
      });
    });
    return button;
  }

  function row(d: Disbursement): HTMLElement {
    return h(
      'tr',
      { className: d.voided ? 'is-resolved' : '', 'data-disbursement-id': d.id },
      h('td', null, d.date),
      h('td', { className: 'wrap' }, d.recipient),
      h('td', { className: 'wrap' }, d.purpose),
      h('td', null, d.fundName || '—'),
      h('td', { className: 'num' }, yuan(d.amountFen)),
      h(
        'td',
        { className: 'wrap' },
        disbursementState(d),
        !d.voided && d.exceeding === 'pending' && canFinance() ? confirmExceedingButton(d) : null,
        !d.voided && canFinance() ? voidButton(d) : null,
        !d.voided ? noticeButton(d) : null,
      ),
    );
  }

  function load(): Promise<void> {
    return publicJson('/api/campaigns/{code}/disbursements', { code }).then(
      (res) => {
        fill(list, table(['日期', '受助方', '用途', '基金', '金额', '状态'], (res.items || []).map(row), '还没有拨付记录。'));
      },
      (error: unknown) => {
        fill(list, alert(errorText(error)));
      },
    );
  }

  function recordForm(): HTMLFormElement {
    const form = h(
      'form',
      { id: 'disbursement-form', className: 'grid-form', novalidate: true },
      field('金额（元）', h('input', { name: 'amountYuan', required: true, inputmode: 'decimal', autocomplete: 'off' })),
      field('受助方', h('input', { name: 'recipient', required: true, maxlength: 200, placeholder: '例如 武汉市金银潭医院' })),
      field('用途', h('input', { name: 'purpose', required: true, maxlength: 500, placeholder: '例如 采购医用防护服' })),
      fundField,
      field('拨付日期', h('input', { name: 'date', type: 'date', required: true, value: beijingToday() })),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记拨付')),
    );
    const submit = (confirmExceeding: boolean): void => {
      const amountFen = parseYuan(input(form, 'amountYuan').value);
      if (amountFen === null || amountFen < 1) {
        fill(message, alert('金额须为大于 0 的元金额，最多两位小数。'));
        return;
      }
      const recipient = input(form, 'recipient').value.trim();
      const purpose = input(form, 'purpose').value.trim();
      const date = input(form, 'date').value;
      if (!recipient || !purpose || !date) {
        fill(message, alert('请填写受助方、用途和日期。'));
        return;
      }
      const body: BodyOf<'POST', '/api/staff/disbursements'> = { campaignCode: code, amountFen, recipient, purpose, date };
      if (funds.value) body.fundCode = funds.value;
      // false: stop if it would show more disbursed than received, so the person is asked first.
      body.confirmExceeding = confirmExceeding;
      void busy(form.querySelector('button')!, () =>
        api('POST', '/api/staff/disbursements', { body }).then(
          (d) => {
            fill(message, alert(`已登记拨付 ${yuan(d.amountFen)} 给 ${d.recipient}，已计入公示的已拨付金额。`, 'ok'));
            input(form, 'amountYuan').value = '';
            input(form, 'recipient').value = '';
            input(form, 'purpose').value = '';
            void load();
          },
          (error: unknown) => {
            if (!(error instanceof ApiError) || error.code !== 'DISBURSEMENT_EXCEEDS_RECEIVED') {
              fill(message, alert(errorText(error)));
              return;
            }
            // More disbursed than received would show publicly: only with an explicit, recorded confirmation.
            const confirm = h('button', { type: 'button', className: 'btn btn-danger', id: 'confirm-exceeding' }, '确认超额拨付并登记');
            confirm.addEventListener('click', () => submit(true));
            fill(message, h('div', { className: 'alert', role: 'alert', id: 'exceeding-warning' }, h('p', null, error.message), confirm));
          },
        ),
      );
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(false);
    });
    return form;
  }

  const form = canFinance() ? recordForm() : null;
  void load();
  return h('section', { className: 'panel' }, h('h2', null, '拨付记录'), form, message, list);
}

function publications(code: string): HTMLElement {
  const list = h('div', { id: 'publication-list' }, h('p', { className: 'muted' }, '正在加载…'));
  const message = h('div', { className: 'form-message' });
  const schedule = h('div', { id: 'disclosure-schedule' });
  const loadSchedule = (): Promise<void> =>
    publicJson('/api/campaigns/{code}/disclosure-schedule', { code }).then(
      (s) => {
        const text = scheduleText(s);
        fill(schedule, s.overdue ? alert(`公示已逾期：${text}。系统将自动生成，也可立即手动生成。`) : h('p', { className: 'muted' }, `${text}。`));
      },
      () => undefined,
    );
  void loadSchedule();

  let publish: HTMLButtonElement | null = null;
  function load(): Promise<void> {
    return publicJson('/api/campaigns/{code}/publications', { code }).then(
      (res) => {
        fill(
          list,
          table(
            ['截至', '已筹', '已拨付', 'SHA-256', ''],
            (res.items || []).map((p) =>
              h(
                'tr',
                null,
                h('td', null, time(p.asOf)),
                h('td', { className: 'num' }, yuan(p.totals && p.totals.amountFen)),
                h('td', { className: 'num' }, yuan(p.totals && p.totals.disbursedFen)),
                h('td', { className: 'mono small' }, `${String(p.sha256 || '').slice(0, 16)}…`),
                h('td', null, h('a', { href: urlOf('/api/campaigns/{code}/publications/{file}', { code, file: `${p.id}.csv` }), download: true }, '下载 CSV')),
              ),
            ),
            '还没有发布过公示。',
          ),
        );
      },
      (error: unknown) => {
        const missing = error instanceof ApiError && error.status === 404 && error.code !== 'CAMPAIGN_NOT_FOUND';
        if (missing && publish) publish.hidden = true;
        fill(list, missing ? h('p', { className: 'muted' }, '公示功能尚未上线。') : alert(errorText(error)));
      },
    );
  }
  if (canFinance()) {
    const button = h('button', { type: 'button', className: 'btn btn-primary', id: 'publish' }, '生成公示快照');
    button.addEventListener('click', () => {
      // A publication is frozen for good: ask before making one.
      if (!window.confirm('生成公示快照后内容永久冻结、公开可查，且不可修改或删除。确认生成？')) return;
      void busy(button, () =>
        api('POST', '/api/staff/campaigns/{code}/publications', { params: { code } }).then(
          (p) => {
            fill(message, alert(`已生成公示快照（截至 ${time(p.asOf)}），内容不可更改。`, 'ok'));
            void load();
            void loadSchedule();
          },
          (error: unknown) => {
            fill(message, alert(errorText(error)));
          },
        ),
      );
    });
    publish = button;
  }
  void load();
  return h(
    'section',
    { className: 'panel' },
    h('h2', null, '公示快照'),
    h('p', { className: 'muted' }, '快照冻结当时的总额与明细，发布后不可修改，可供公众下载核对。'),
    schedule,
    publish,
    message,
    list,
  );
}

export function registerTotals(): void {
  register('totals', {
    title: '公示与拨付',
    roles: ['finance', 'auditor'],
    render(el, params) {
      const picker = campaignSelect(campaigns, 'campaignCode', false, params.campaign);
      picker.addEventListener('change', () => {
        location.hash = link('totals', { campaign: picker.value });
      });
      fill(
        el,
        h('header', { className: 'screen-head' }, h('h1', null, '公示与拨付'), h('p', { className: 'muted' }, '登记善款去向，生成对外公示的快照。')),
        h('div', { className: 'toolbar' }, field('活动', picker)),
      );
      if (!params.campaign) {
        return campaigns().then((items) => {
          if (!shell.current()) return;
          if (items.length) location.replace(link('totals', { campaign: items[0].code }));
          else el.appendChild(h('p', { className: 'empty' }, '还没有募捐活动。'));
        });
      }
      el.appendChild(disbursements(params.campaign));
      el.appendChild(planPanel(params.campaign));
      el.appendChild(publications(params.campaign));
      return undefined;
    },
  });
}
