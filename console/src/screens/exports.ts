// 导出: direct CSV/Excel downloads, and export jobs written on the server, followed and kept for download a while.
import { api, errorText } from '../api';
import { alert, busy, clear, field, fill, h, toast } from '../dom';
import { downloadButtonAction, exportUrl } from '../files';
import { STATUS, time } from '../format';
import { campaignSelect, followJob, jobRunning, recentJobs, type JobView } from '../jobs';
import { campaigns, register, shell } from '../shell';

type ExportKind = 'donations' | 'receipts' | 'goods';
type ExportFormat = 'csv' | 'xlsx';

export const KINDS: Record<ExportKind, string> = { donations: '捐赠记录', receipts: '捐赠证明/票据', goods: '物资台账' };
export const STATUSES: Record<ExportKind, [string, string][]> = {
  donations: [
    ['', '全部状态'],
    ['paid', '已到账'],
    ['pending', '待支付'],
    ['failed', '失败'],
    ['refunded', '已退款'],
  ],
  receipts: [
    ['', '全部状态'],
    ['issued', '已开具'],
    ['voided', '已作废'],
  ],
  goods: [['', '全部记录']],
};
export const FORMATS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel' };

/** Kinds this role may export: goods for warehouse; everything for admin, finance and auditors. */
export function exportKinds(role: string | undefined): ExportKind[] {
  return role === 'warehouse' ? ['goods'] : ['donations', 'receipts', 'goods'];
}

/** The state column of an export job, in words. */
export function jobState(view: Pick<JobView, 'state' | 'progress' | 'failedReason' | 'file'>): string {
  const p = view.progress || { done: 0, total: 0 };
  if (view.state === 'waiting') return '排队中';
  if (view.state === 'active') return `正在生成 ${p.done} / ${p.total} 行`;
  if (view.state === 'failed') return `失败：${view.failedReason || '未知原因'}`;
  if (view.file && !view.file.available) return '已过保存期限';
  return `已完成（${(view.file && view.file.rows) || p.total} 行）`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

interface JobRow {
  row: HTMLTableRowElement;
  show: (view: JobView) => void;
}

function jobRow(view: JobView): JobRow {
  const params = view.params || {};
  const kind = text(params.kind);
  const status = text(params.status);
  const format = text(params.format);
  const bar = h('progress', { max: 100, value: 0, className: 'job-bar' });
  const state = h('span', { className: 'job-state', role: 'status' });
  const action = h('td', { className: 'job-action' });
  const row = h(
    'tr',
    { dataset: { jobId: view.jobId } },
    h('td', { className: 'nowrap' }, time(view.createdAt)),
    h('td', null, KINDS[kind as ExportKind] || kind || '—'),
    h('td', null, text(params.campaignCode) || '全部活动', status ? ` · ${STATUS[status] || status}` : ''),
    h('td', null, FORMATS[format as ExportFormat] || format),
    h('td', null, view.startedBy || ''),
    h('td', null, bar, ' ', state),
    action,
  );
  const show = (v: JobView): void => {
    const p = v.progress || { done: 0, total: 0 };
    bar.hidden = !jobRunning(v);
    bar.value = p.total > 0 ? Math.floor((p.done * 100) / p.total) : 0;
    state.textContent = jobState(v);
    clear(action);
    const file = v.file;
    if (v.state === 'completed' && file && file.available) {
      const b = h('button', { type: 'button', className: 'btn btn-primary btn-small export-download' }, '下载');
      b.addEventListener('click', () => downloadButtonAction(b, file.url, file.filename));
      action.appendChild(b);
      if (file.expiresAt) action.appendChild(h('small', { className: 'muted' }, ` 保留至 ${time(file.expiresAt)}`));
    }
  };
  show(view);
  return { row, show };
}

function render(el: HTMLElement): Promise<void> {
  const me = shell.me;
  const canStart = !!me && me.role !== 'auditor';
  const kind = h(
    'select',
    { name: 'kind', id: 'export-kind' },
    exportKinds(me?.role).map((k) => h('option', { value: k }, KINDS[k])),
  );
  const status = h('select', { name: 'status', id: 'export-status' });
  const format = h(
    'select',
    { name: 'format', id: 'export-format' },
    (Object.keys(FORMATS) as ExportFormat[]).map((f) => h('option', { value: f }, FORMATS[f])),
  );
  const campaign = campaignSelect(campaigns, 'campaignCode', true);
  const fillStatuses = (): void => {
    const options = STATUSES[kind.value as ExportKind];
    fill(
      status,
      options.map((s) => h('option', { value: s[0] }, s[1])),
    );
    status.disabled = options.length < 2;
  };
  kind.addEventListener('change', fillStatuses);
  fillStatuses();
  const filters = (): { campaignCode?: string; status?: string } => ({ campaignCode: campaign.value || undefined, status: status.value || undefined });

  const start = h('button', { type: 'submit', className: 'btn btn-primary', id: 'export-start' }, '生成导出文件');
  const direct = (['csv', 'xlsx'] as ExportFormat[]).map((f) => {
    const b = h('button', { type: 'button', className: `btn btn-ghost export-${f}` }, f === 'csv' ? '导出 CSV' : '导出 Excel');
    b.addEventListener('click', () => downloadButtonAction(b, exportUrl(kind.value, f, filters()), `${kind.value}.${f}`));
    return b;
  });
  const message = h('div', { className: 'form-message', id: 'export-message' });
  const form = h(
    'form',
    { id: 'export-form', className: 'grid-form', novalidate: true },
    field('类型', kind),
    field('活动', campaign),
    field('状态', status),
    field('格式', format, canStart ? '大量记录请用“生成导出文件”：在服务器上生成，可离开页面，稍后在下方下载' : null),
    h('div', { className: 'form-actions' }, canStart ? start : null, direct),
  );
  const body = h('tbody');
  const list = h(
    'div',
    { className: 'table-wrap' },
    h(
      'table',
      { className: 'table', id: 'export-jobs' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['提交时间', '类型', '范围', '格式', '提交人', '状态', ''].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      body,
    ),
  );
  const empty = h('p', { className: 'empty', id: 'export-jobs-empty' }, '最近 7 天没有导出任务。');

  const track = (view: JobView, first: boolean): void => {
    const line = jobRow(view);
    const row = line.row;
    const show = line.show;
    empty.hidden = true;
    if (first) body.insertBefore(row, body.firstChild);
    else body.appendChild(row);
    if (!jobRunning(view)) return;
    followJob(view.jobId, {
      shown: () => document.body.contains(row),
      onUpdate: show,
      onEnd: (v) => {
        show(v);
        if (v.state === 'completed') toast('导出文件已生成，可以下载。', 'ok');
      },
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!canStart) return;
    clear(message);
    const q = filters();
    const chosenKind = kind.value as ExportKind;
    const chosenFormat = format.value as ExportFormat;
    busy(start, () =>
      api('POST', '/api/staff/export-jobs', { body: { kind: chosenKind, format: chosenFormat, filters: q } }).then((res) => {
        track(
          {
            jobId: res.jobId,
            state: 'waiting',
            progress: { done: 0, total: 0 },
            createdAt: new Date().toISOString(),
            startedBy: me?.email,
            params: { kind: chosenKind, format: chosenFormat, campaignCode: q.campaignCode, status: q.status },
          },
          true,
        );
      }),
    ).catch((error: unknown) => {
      fill(message, alert(errorText(error)));
    });
  });

  fill(
    el,
    h(
      'header',
      { className: 'screen-head' },
      h('h1', null, '导出'),
      h('p', { className: 'muted' }, '导出的文件中姓名、手机号已脱敏；每次导出和下载都记入操作日志。生成的文件过了保存期限会自动删除。'),
    ),
    h('section', { className: 'panel' }, h('h2', null, '导出记录'), form, message),
    h('section', { className: 'panel' }, h('h2', null, canStart ? '我的导出任务' : '导出任务'), list, empty),
  );
  // The user's jobs (all jobs for auditors), running ones followed again after a reload.
  return recentJobs('export', !canStart).then((jobs) => {
    if (!shell.current()) return;
    jobs.forEach((v) => track(v, false));
    empty.hidden = jobs.length > 0 || body.children.length > 0;
  });
}

export function registerExports(): void {
  register('exports', { title: '导出', roles: ['finance', 'warehouse', 'auditor'], rank: 700, render });
}
