// Disbursement plans (逐级拨付逐级公布) on the 公示与拨付 screen: import a plan (CSV or XLSX, by amount or by
// tier), approve it (admin), pay each line with its bank reference and proof.
import { api, ApiError, errorText, urlOf, type ApiPath, type ResponseOf } from '../api';
import type { paths } from '../api-types';
import { alert, busy, fill, field, h, table } from '../dom';
import { upload } from '../files';
import { parseYuan, yuan } from '../format';
import { canFinance, isAdmin } from '../shell';

type Plan = ResponseOf<'GET', '/api/staff/campaigns/{code}/disbursement-plans'>['items'][number];
type PlanLine = Plan['lines'][number];
type PlanTier = Plan['tiers'][number];

/** The fields of a multipart operation of the document (every variant's), so a renamed field fails the typecheck. */
type MultipartOf<P extends ApiPath> = paths[P] extends { post: { requestBody: { content: { 'multipart/form-data': infer F } } } } ? F : never;
type FormFields<F> = { [K in F extends unknown ? keyof F : never]?: string | File };

export const MAX_BYTES = 5 * 1024 * 1024;
export const PLAN_STATUS: Record<Plan['status'], string> = { draft: '待审批', approved: '已审批' };

/** Today in Beijing (Asia/Shanghai, UTC+8), "2020-02-20": the default date of a disbursement. */
export function beijingToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** "小型社区=50000" per line → [{ name, amountFen }]; null when a line is not such a pair. */
export function parseTiers(text: string | null | undefined): { name: string; amountFen: number }[] | null {
  const tiers: { name: string; amountFen: number }[] = [];
  const lines = String(text || '')
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines) {
    const m = /^(.+?)\s*[=＝]\s*(.+)$/.exec(line);
    const fen = m ? parseYuan(m[2]) : null;
    if (!m || fen === null || fen < 1) return null;
    tiers.push({ name: m[1].trim(), amountFen: fen });
  }
  return tiers;
}

/** The per-line refusals of an import (details.errors), at most ten. */
export function lineErrorMessages(error: unknown): string[] {
  const details = error instanceof ApiError ? (error.details as { errors?: unknown } | undefined) : undefined;
  const errors = details && Array.isArray(details.errors) ? (details.errors as { message?: unknown }[]) : [];
  return errors.slice(0, 10).map((e) => (e && typeof e.message === 'string' ? e.message : ''));
}

/** "小型社区 ¥500.00 × 3，大型社区 ¥1,000.00 × 1". */
export function tierSummary(tiers: readonly Pick<PlanTier, 'name' | 'amountFen' | 'count'>[] | null | undefined): string {
  return (tiers || []).map((t) => `${t.name} ${yuan(t.amountFen)} × ${t.count}`).join('，');
}

/** The state column of a plan line. */
export function lineState(l: Pick<PlanLine, 'paid' | 'paidOn' | 'bankReference' | 'proof' | 'confirmed'>): string {
  if (!l.paid) return '待拨付';
  return `已拨付 ${l.paidOn}${l.bankReference ? `（${l.bankReference}）` : ''}${l.proof ? '，有凭证' : '，无凭证'}${l.confirmed ? '，已确认到账' : '，待确认到账'}`;
}

/** The plan's summary line: status, planned, paid and how many lines are paid. */
export function planSummary(plan: Pick<Plan, 'status' | 'totalFen' | 'paidFen' | 'paidCount' | 'lines'>): string {
  return ` · ${PLAN_STATUS[plan.status] || plan.status} · 计划 ${yuan(plan.totalFen)} · 已拨付 ${yuan(plan.paidFen)}（${plan.paidCount}/${plan.lines.length}）`;
}

/** An approved plan with lines still to pay is shown open. */
export function planOpen(plan: Pick<Plan, 'status' | 'paidCount' | 'lines'>): boolean {
  return plan.status === 'approved' && plan.paidCount < plan.lines.length;
}

function postForm<P extends ApiPath>(path: P, params: Record<string, string> | undefined, fields: FormFields<MultipartOf<P>>): Promise<ResponseOf<'POST', P>> {
  const data = new FormData();
  const entries = fields as Record<string, string | File | undefined>;
  // In the order given: the server reads the fields before the file.
  Object.keys(entries).forEach((name) => {
    const value = entries[name];
    if (value === undefined) return;
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, value, value.name);
  });
  return upload(urlOf(path, params), data) as Promise<ResponseOf<'POST', P>>;
}

function input(form: HTMLFormElement, name: string): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement;
}

export function planPanel(code: string): HTMLElement {
  const message = h('div', { className: 'form-message', id: 'plan-message' });
  const list = h('div', { id: 'plan-list' }, h('p', { className: 'muted' }, '正在加载…'));

  function payForm(plan: Plan): HTMLElement {
    const unpaid = plan.lines.filter((l) => !l.paid);
    if (!unpaid.length) return h('p', { className: 'muted' }, '各行均已拨付。');
    const line = h(
      'select',
      { name: 'lineNo' },
      unpaid.map((l) => h('option', { value: String(l.lineNo) }, `${l.lineNo}. ${l.recipient} ${yuan(l.amountFen)}`)),
    );
    const file = h('input', { type: 'file', name: 'file', accept: 'application/pdf,image/png,image/jpeg' });
    const personal = h('input', { type: 'checkbox', name: 'personalData', value: 'true' });
    const form = h(
      'form',
      { className: 'grid-form plan-pay', 'data-plan': plan.id, novalidate: true },
      field('受助单位', line),
      field('拨付日期', h('input', { name: 'date', type: 'date', required: true, value: beijingToday() })),
      field('银行流水号', h('input', { name: 'bankReference', maxlength: 64, autocomplete: 'off' })),
      field('转账凭证（PDF/PNG/JPEG，5 MB 以内）', file),
      h('label', { className: 'check' }, personal, h('span', null, '凭证含个人信息（加密保存，不公开）')),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记拨付')),
    );
    const submit = (confirmExceeding: boolean): void => {
      const date = input(form, 'date').value;
      if (!date) {
        fill(message, alert('请填写拨付日期。'));
        return;
      }
      const proof = file.files && file.files[0];
      if (proof && proof.size > MAX_BYTES) {
        fill(message, alert('凭证文件不能超过 5 MB。'));
        return;
      }
      const bankReference = input(form, 'bankReference').value.trim();
      const fields: FormFields<MultipartOf<'/api/staff/disbursement-plans/{id}/lines/{lineNo}/pay'>> = {
        date,
        bankReference: bankReference || undefined,
        // As for a single disbursement: beyond what was received only with the person's explicit confirmation.
        confirmExceeding: confirmExceeding ? 'true' : 'false',
        personalData: personal.checked ? 'true' : undefined,
        file: proof || undefined,
      };
      void busy(form.querySelector('button')!, () =>
        postForm('/api/staff/disbursement-plans/{id}/lines/{lineNo}/pay', { id: plan.id, lineNo: line.value }, fields).then(
          (d) => {
            fill(
              message,
              h(
                'div',
                { className: 'alert alert-ok', id: 'plan-paid' },
                h('p', null, `已拨付 ${yuan(d.amountFen)} 给 ${d.recipient}。请将拨付通知单交受助单位，扫码确认到账：`),
                h('p', { className: 'mono small wrap' }, d.confirmUrl),
              ),
            );
            void load();
          },
          (error: unknown) => {
            if (!(error instanceof ApiError) || error.code !== 'DISBURSEMENT_EXCEEDS_RECEIVED') {
              fill(message, alert(errorText(error)));
              return;
            }
            const confirm = h('button', { type: 'button', className: 'btn btn-danger', id: 'plan-confirm-exceeding' }, '确认超额拨付并登记');
            confirm.addEventListener('click', () => submit(true));
            fill(message, h('div', { className: 'alert', role: 'alert' }, h('p', null, error.message), confirm));
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

  function approveButton(plan: Plan): HTMLElement {
    const button = h('button', { type: 'button', className: 'btn btn-small btn-primary', 'data-approve-plan': plan.id }, '审批');
    button.addEventListener('click', () => {
      if (!window.confirm(`审批“${plan.title}”（${yuan(plan.totalFen)}，${plan.lines.length} 个受助单位）？审批后计划公开，可逐行拨付。`)) return;
      void busy(button, () =>
        api('POST', '/api/staff/disbursement-plans/{id}/approve', { params: { id: plan.id } }).then(
          () => load(),
          (error: unknown) => {
            fill(message, alert(errorText(error)));
          },
        ),
      );
    });
    return button;
  }

  function planDetails(plan: Plan): HTMLElement {
    const tiers = tierSummary(plan.tiers);
    return h(
      'details',
      { className: 'plan', 'data-plan-id': plan.id, open: planOpen(plan) },
      h('summary', null, h('strong', null, plan.title), planSummary(plan)),
      tiers ? h('p', { className: 'muted' }, `按档次：${tiers}`) : null,
      plan.status === 'draft' && isAdmin() ? approveButton(plan) : null,
      plan.status === 'approved' && canFinance() ? payForm(plan) : null,
      table(
        ['#', '受助单位', '档次', '金额', '用途', '状态'],
        plan.lines.map((l) =>
          h(
            'tr',
            { 'data-line': String(l.lineNo) },
            h('td', null, String(l.lineNo)),
            h('td', { className: 'wrap' }, l.recipient),
            h('td', null, l.tier || '—'),
            h('td', { className: 'num' }, yuan(l.amountFen)),
            h('td', { className: 'wrap' }, l.purpose),
            h('td', { className: 'wrap' }, lineState(l)),
          ),
        ),
        '',
      ),
    );
  }

  function load(): Promise<void> {
    return api('GET', '/api/staff/campaigns/{code}/disbursement-plans', { params: { code } }).then(
      (res) => {
        if (!res.items.length) fill(list, h('p', { className: 'muted' }, '还没有拨付计划。'));
        else fill(list, res.items.map(planDetails));
      },
      (error: unknown) => {
        fill(list, alert(errorText(error)));
      },
    );
  }

  function importForm(): HTMLFormElement {
    const file = h('input', {
      type: 'file',
      name: 'file',
      required: true,
      accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const form = h(
      'form',
      { id: 'plan-import', className: 'grid-form', novalidate: true },
      field('计划名称', h('input', { name: 'title', required: true, maxlength: 200, placeholder: '例如 朝阳区总工会专款' })),
      field('计划总额（元）', h('input', { name: 'totalYuan', required: true, inputmode: 'decimal', autocomplete: 'off' })),
      field(
        '档次（可选）',
        h('textarea', { name: 'tiers', rows: 3, placeholder: '每行一个：小型社区=50000' }),
        '文件有“档次”列时填写：名称=每个单位的金额（元）',
      ),
      field('计划文件（CSV 或 XLSX）', file, '表头：受助单位、金额（元）或 档次、用途；最多 5,000 行，5 MB'),
      h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '导入计划')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const title = input(form, 'title').value.trim();
      const totalFen = parseYuan(input(form, 'totalYuan').value);
      const tiers = parseTiers((form.elements.namedItem('tiers') as HTMLTextAreaElement).value);
      const chosen = file.files && file.files[0];
      if (!title || totalFen === null || totalFen < 1 || !chosen) {
        fill(message, alert('请填写计划名称、总额并选择计划文件。'));
        return;
      }
      if (tiers === null) {
        fill(message, alert('档次每行须为“名称=金额（元）”。'));
        return;
      }
      if (chosen.size > MAX_BYTES) {
        fill(message, alert('计划文件不能超过 5 MB。'));
        return;
      }
      const fields: FormFields<MultipartOf<'/api/staff/disbursement-plans/import'>> = {
        campaignCode: code,
        title,
        totalFen: String(totalFen),
        tiers: tiers.length ? JSON.stringify(tiers) : undefined,
        file: chosen,
      };
      void busy(form.querySelector('button')!, () =>
        postForm('/api/staff/disbursement-plans/import', undefined, fields).then(
          (plan) => {
            fill(message, alert(`已导入“${plan.title}”：${plan.lines.length} 个受助单位，合计 ${yuan(plan.totalFen)}，待管理员审批。`, 'ok'));
            form.reset();
            void load();
          },
          (error: unknown) => {
            const lines = lineErrorMessages(error);
            fill(
              message,
              h(
                'div',
                { className: 'alert', role: 'alert' },
                h('p', null, errorText(error)),
                lines.length
                  ? h(
                      'ul',
                      { className: 'plan-errors' },
                      lines.map((m) => h('li', null, m)),
                    )
                  : null,
              ),
            );
          },
        ),
      );
    });
    return form;
  }

  const form = canFinance() ? importForm() : null;
  void load();
  return h('section', { className: 'panel', id: 'plans-panel' }, h('h2', null, '拨付计划'), form, message, list);
}
