// 银行转账: record one transfer, or import a bank statement (CSV / XLSX) in the background, with saved column
// mappings for layouts the server does not know and the template to download.
import { api, errorText, type BodyOf, type ResponseOf } from '../api';
import { alert, busy, clear, field, fill, h, table, toast } from '../dom';
import { fetchFile, saveBlob, upload } from '../files';
import { link, parseYuan, time, yuan } from '../format';
import { campaignSelect, jobRunning, recentJobs, type JobView } from '../jobs';
import { campaigns, canFinance, register, shell } from '../shell';

type RecordBody = BodyOf<'POST', '/api/staff/bank-transfers'>;
type Mapping = ResponseOf<'GET', '/api/staff/bank-transfers/mappings'>['items'][number];
type Columns = BodyOf<'POST', '/api/staff/bank-transfers/mappings'>['columns'];
type ColumnKey = keyof Columns;
type StartedImport = ResponseOf<'POST', '/api/staff/bank-transfers/import-jobs'>;

const PREVIEW_LINES = 8;
const MAX_BYTES = 20 * 1024 * 1024;

/** The first lines of a CSV, split into cells (quotes understood), for the preview only. */
export function csvPreview(text: string, lines: number = PREVIEW_LINES): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length <= lines; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if ((cell || row.length) && rows.length <= lines) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** How many cells of a row hold something. */
export function filledCells(row: string[]): number {
  return row.filter((c) => c.trim() !== '').length;
}

/** Banks print the account and period above the header: the header is the fullest of the first rows (the first of equals). */
export function headerIndex(rows: string[][]): number {
  let at = 0;
  rows.forEach((r, i) => {
    if (filledCells(r) > filledCells(rows[at])) at = i;
  });
  return at;
}

/** The cells of the first rows of a chosen CSV that may be header names (no long digit runs), once each, for the mapping editor. */
export function headerSuggestions(rows: string[][]): string[] {
  const seen: Record<string, boolean> = {};
  const cells: string[] = [];
  rows.slice(0, 12).forEach((r) => {
    r.forEach((raw) => {
      const c = (raw || '').trim();
      if (c && c.length <= 40 && !/\d{6,}/.test(c) && !seen[c]) {
        seen[c] = true;
        cells.push(c);
      }
    });
  });
  return cells;
}

function decode(buffer: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(buffer); // statements saved by Excel on Chinese Windows
  }
}

export interface TransferInput {
  campaignCode: string;
  bankReference: string;
  amountYuan: string;
  payerName: string;
  receivedAt: string;
  payerAccount: string;
}

/** The record form's checks, then its body: problems in Chinese (joined by "；"), or the body to send. */
export function transferBody(input: TransferInput): { problems: string[]; body?: RecordBody } {
  const amountFen = parseYuan(input.amountYuan);
  const problems: string[] = [];
  if (!input.campaignCode) problems.push('请选择活动');
  if (!/^[\x21-\x7E]{1,64}$/.test(input.bankReference.trim())) problems.push('银行流水号须为 1-64 位字母、数字或符号，不含空格');
  if (amountFen === null || amountFen < 1) problems.push('金额须为大于 0 的元金额，最多两位小数');
  if (!input.payerName.trim()) problems.push('请填写付款人');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(input.receivedAt)) problems.push('请填写到账时间');
  if (problems.length || amountFen === null) return { problems };
  const body: RecordBody = {
    campaignCode: input.campaignCode,
    bankReference: input.bankReference.trim(),
    amountFen,
    payerName: input.payerName.trim(),
    receivedAt: `${input.receivedAt.slice(0, 16)}:00+08:00`,
  };
  if (input.payerAccount.trim()) body.payerAccount = input.payerAccount.trim();
  return { problems, body };
}

function input(form: HTMLFormElement, name: string): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement;
}

function recordForm(onRecorded: () => unknown): HTMLElement {
  const message = h('div', { className: 'form-message' });
  const campaign = campaignSelect(campaigns, 'campaignCode', false);
  const form = h(
    'form',
    { id: 'transfer-form', className: 'grid-form', novalidate: true },
    field('活动', campaign),
    field('银行流水号', h('input', { name: 'bankReference', required: true, maxlength: 64, autocomplete: 'off', placeholder: '例如 BOC20200201-000123' })),
    field('金额（元）', h('input', { name: 'amountYuan', required: true, inputmode: 'decimal', autocomplete: 'off', placeholder: '例如 5000.00' })),
    field('付款人', h('input', { name: 'payerName', required: true, maxlength: 100 })),
    field(
      '到账时间（北京时间）',
      h('input', { name: 'receivedAt', type: 'datetime-local', required: true, value: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16) }),
    ),
    field('付款账号（选填）', h('input', { name: 'payerAccount', maxlength: 40, autocomplete: 'off' }), '加密保存，页面上只显示脱敏后的号码'),
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn btn-primary' }, '登记到账')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = transferBody({
      campaignCode: campaign.value,
      bankReference: input(form, 'bankReference').value,
      amountYuan: input(form, 'amountYuan').value,
      payerName: input(form, 'payerName').value,
      receivedAt: input(form, 'receivedAt').value,
      payerAccount: input(form, 'payerAccount').value,
    });
    const body = checked.body;
    if (!body) {
      fill(message, alert(`${checked.problems.join('；')}。`));
      return;
    }
    void busy(form.querySelector<HTMLButtonElement>('button[type=submit]')!, () =>
      api('POST', '/api/staff/bank-transfers', { body }).then(
        (res) => {
          fill(message, alert(`已登记：订单号 ${res.orderNo}，${yuan(res.amountFen)}，已计入活动总额。`, 'ok'));
          ['bankReference', 'amountYuan', 'payerName', 'payerAccount'].forEach((name) => (input(form, name).value = ''));
          void onRecorded();
        },
        (error: unknown) => {
          fill(message, alert(errorText(error)));
        },
      ),
    );
  });
  return h('section', { className: 'panel' }, h('h2', null, '登记一笔银行转账'), form, message);
}

// The import being followed, kept for this tab: a reload (or a trip to another screen) picks it
// up again. The import itself runs on the server; closing the browser loses nothing.
const JOB_KEY = 'wennuan.staff.importJob';
const POLL_MS = 700;

interface FollowedImport {
  jobId: string;
  filename: string;
  campaignCode?: string;
}

function savedJob(): FollowedImport | null {
  try {
    const job = JSON.parse(sessionStorage.getItem(JOB_KEY) || 'null') as Partial<FollowedImport> | null;
    return job && typeof job.jobId === 'string' ? { jobId: job.jobId, filename: String(job.filename || ''), campaignCode: job.campaignCode } : null;
  } catch {
    return null;
  }
}

/** What a finished import job reports (the job's `result`, untyped in the document: a job of any kind has one). */
export interface ImportResult {
  imported: number;
  duplicates: number;
  skipped?: number;
  layout?: { code: string; name: string } | null;
  errors: { line: number; code: string; message: string }[];
}

/** The result of a completed import job, with what is missing filled in. */
export function importResult(view: Pick<JobView, 'result'>): ImportResult {
  const r = (view.result || {}) as Partial<ImportResult>;
  if (!view.result) return { imported: 0, duplicates: 0, errors: [] };
  return { imported: r.imported ?? 0, duplicates: r.duplicates ?? 0, skipped: r.skipped, layout: r.layout, errors: r.errors || [] };
}

/** The progress line of an import job still waiting or running. */
export function importProgressLine(view: Pick<JobView, 'state' | 'progress'>, percent: number): string {
  return view.state === 'waiting'
    ? '导入任务排队中…'
    : `正在导入：已处理 ${view.progress.done} / ${view.progress.total} 行（${percent}%）。可以离开此页面，导入在服务器上继续。`;
}

function importForm(onImported: () => unknown): HTMLElement {
  const preview = h('div', { className: 'preview', id: 'import-preview' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, id: 'import-progress' });
  const progressText = h('span', { className: 'muted', id: 'import-progress-text', role: 'status' });
  const result = h('div', { id: 'import-result' });
  const submit = h('button', { type: 'submit', className: 'btn btn-primary', id: 'import-submit' }, '开始导入');
  const file = h('input', {
    type: 'file',
    name: 'file',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    required: true,
    id: 'statement-file',
  });
  const mappingSelect = h('select', { name: 'mappingId', id: 'import-mapping' });
  const campaign = campaignSelect(campaigns, 'campaignCode', false);
  const form = h(
    'form',
    { id: 'import-form', className: 'grid-form', novalidate: true },
    field('活动', campaign),
    field(
      '银行流水文件（CSV 或 XLSX）',
      file,
      '直接上传工商银行、中国银行、建设银行、农业银行网银导出的明细（表头上方的账户信息、下方的合计行会自动跳过，支出行不导入），或按模板整理；同一文件重复导入不会重复记账',
    ),
    field('列映射', mappingSelect, '其他银行的格式：先在下方“保存列映射”中对应一次各列，以后上传时选用'),
    h('div', { className: 'form-actions' }, submit, progress, progressText, templateButtons()),
  );
  const mappings = mappingEditor((saved) => {
    void loadMappings(mappingSelect, saved && saved.id);
  });
  void loadMappings(mappingSelect, null);

  file.addEventListener('change', () => {
    clear(result);
    const f = file.files && file.files[0];
    if (!f) {
      clear(preview);
      return;
    }
    if (/\.xlsx$/i.test(f.name)) {
      fill(preview, h('p', { className: 'muted' }, `Excel 文件 ${f.name}（${Math.ceil(f.size / 1024)} KB），上传后由服务器逐行检查。`));
      return;
    }
    void f
      .slice(0, 64 * 1024)
      .arrayBuffer()
      .then((buffer) => {
        const rows = csvPreview(decode(buffer));
        mappings.suggest(rows);
        if (!rows.length) {
          fill(preview, alert('文件是空的。'));
          return;
        }
        const at = headerIndex(rows);
        const head = rows[at];
        const body = rows.slice(at + 1);
        fill(
          preview,
          h('p', { className: 'muted' }, `预览 ${f.name} 表头（第 ${at + 1} 行）下的前 ${body.length} 行（以服务器检查结果为准）：`),
          table(
            ['行'].concat(head),
            body
              .map((r, i) => {
                if (!filledCells(r)) return null;
                return h(
                  'tr',
                  null,
                  h('td', { className: 'num' }, String(at + i + 2)),
                  head.map((_, j) => h('td', null, r[j] || '')),
                );
              })
              .filter(Boolean),
          ),
        );
      });
  });

  const setProgress = (done: number, total: number): void => {
    progress.hidden = false;
    progress.value = total > 0 ? Math.floor((done * 100) / total) : 0;
  };

  const finished = (): void => {
    sessionStorage.removeItem(JOB_KEY);
    submit.disabled = false;
  };

  /** Polls the job until it ends; stops quietly when the user leaves this screen. */
  const follow = (job: FollowedImport): void => {
    submit.disabled = true;
    setProgress(0, 0);
    progressText.textContent = `已提交导入任务（${job.filename}），正在排队…`;
    const poll = (): void => {
      if (!shell.current() || !document.body.contains(form)) return;
      api('GET', '/api/staff/jobs/{jobId}', { params: { jobId: job.jobId } }).then(
        (s) => {
          if (!document.body.contains(form)) return;
          if (s.state === 'completed') {
            setProgress(1, 1);
            progressText.textContent = `导入完成：共处理 ${s.progress.total} 行。`;
            finished();
            showResult(result, importResult(s));
            void onImported();
            return;
          }
          if (s.state === 'failed') {
            progress.hidden = true;
            progressText.textContent = '';
            finished();
            fill(result, alert(`导入失败：${s.failedReason || '未知原因'}。请检查文件后重新导入（已导入的行不会重复）。`));
            return;
          }
          setProgress(s.progress.done, s.progress.total);
          progressText.textContent = importProgressLine(s, progress.value);
          setTimeout(poll, POLL_MS);
        },
        (error: { status?: number }) => {
          if (error.status === 404) {
            progress.hidden = true;
            progressText.textContent = '';
            finished();
            fill(result, alert('找不到这次导入任务，请在“最近的银行转账”中核对，或重新导入（已导入的行不会重复）。'));
            return;
          }
          if (error.status === 401) return;
          // Network trouble or a busy queue: the job goes on; ask again a little later.
          progressText.textContent = '暂时无法获取导入进度，正在重试…';
          setTimeout(poll, POLL_MS * 3);
        },
      );
    };
    poll();
  };

  const resumed = h('p', { className: 'muted', id: 'import-resumed', hidden: true });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const f = file.files && file.files[0];
    const campaignCode = campaign.value;
    if (!campaignCode || !f) {
      fill(result, alert('请选择活动和银行流水文件。'));
      return;
    }
    if (f.size > MAX_BYTES) {
      fill(result, alert('文件超过 20 MB，请分批导入。'));
      return;
    }
    const data = new FormData();
    data.append('campaignCode', campaignCode);
    if (mappingSelect.value) data.append('mappingId', mappingSelect.value);
    data.append('file', f, f.name);
    setProgress(0, 1);
    progressText.textContent = '正在上传…';
    resumed.hidden = true;
    clear(result);
    busy(submit, () =>
      upload('/api/staff/bank-transfers/import-jobs', data, (loaded, total) => {
        progressText.textContent = loaded < total ? `正在上传 ${Math.round((loaded * 100) / total)}%` : '上传完成，正在提交导入任务…';
      }),
    ).then(
      (answer) => {
        // upload() answers untyped JSON (multipart is outside the typed api()); this route's 202 is StartedBackgroundJobView.
        const res = answer as StartedImport;
        const job: FollowedImport = { jobId: res.jobId, filename: f.name, campaignCode };
        sessionStorage.setItem(JOB_KEY, JSON.stringify(job));
        follow(job);
      },
      (error: unknown) => {
        progress.hidden = true;
        progressText.textContent = '';
        fill(result, alert(errorText(error)));
      },
    );
  });

  const panel = h('section', { className: 'panel' }, h('h2', null, '导入银行流水'), form, resumed, preview, result, mappings.el);
  const resume = (job: FollowedImport): void => {
    resumed.textContent = `继续跟踪此前提交的导入：${job.filename}`;
    resumed.hidden = false;
    follow(job);
  };
  const pending = savedJob();
  if (pending) {
    setTimeout(() => resume(pending), 0);
  } else {
    // Another tab, or a browser closed midway: the server still lists this user's running import.
    recentJobs('import_statement').then(
      (jobs) => {
        const running = jobs.filter(jobRunning)[0];
        if (running && document.body.contains(form) && !submit.disabled) {
          const filename = running.params && running.params.filename;
          resume({ jobId: running.jobId, filename: (typeof filename === 'string' && filename) || '银行流水' });
        }
      },
      () => undefined,
    );
  }
  return panel;
}

/** 下载模板: the canonical Chinese headers, as CSV or Excel. */
function templateButtons(): HTMLElement {
  const button = (format: 'csv' | 'xlsx', label: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', className: 'btn btn-ghost btn-small', id: `template-${format}` }, label);
    b.addEventListener('click', () => {
      busy(b, () =>
        fetchFile(`/api/staff/bank-transfers/statement-template.${format}`, `银行流水导入模板.${format}`).then((file) => {
          saveBlob(file.blob, file.filename);
        }),
      ).catch((error: unknown) => {
        toast(errorText(error), 'bad');
      });
    });
    return b;
  };
  return h('span', { className: 'export-buttons' }, button('csv', '下载模板 CSV'), button('xlsx', '下载模板 Excel'));
}

function loadMappings(select: HTMLSelectElement, selectId: string | null): Promise<void> {
  return api('GET', '/api/staff/bank-transfers/mappings').then(
    (res) => {
      fill(
        select,
        h('option', { value: '' }, '自动识别（四大行网银导出或模板）'),
        (res.items || []).map((m: Mapping) => h('option', { value: m.id, selected: m.id === selectId }, m.name)),
      );
    },
    () => {
      fill(select, h('option', { value: '' }, '自动识别（四大行网银导出或模板）'));
    },
  );
}

/** What each column of a statement means: [field, label, required]; the first four and an amount are needed. */
export const MAPPING_FIELDS: [ColumnKey, string, boolean][] = [
  ['bankReference', '交易流水号', true],
  ['receivedAt', '交易日期（或日期时间）', true],
  ['receivedTime', '交易时间（日期列不含时间时）', false],
  ['payerName', '对方户名（付款人）', true],
  ['payerAccount', '对方账号', false],
  ['creditAmount', '收入 / 贷方金额', false],
  ['debitAmount', '支出 / 借方金额（有金额的行跳过）', false],
  ['amount', '交易金额（带正负号，无收入列时）', false],
  ['direction', '借贷标志（借/支的行跳过）', false],
  ['fundCode', '基金代码', false],
];

/**
 * The mapping editor's checks: the header text typed for each field (empty ones left out), and what is missing,
 * in Chinese. `columns` is complete (its required fields set) only when there are no problems.
 */
export function mappingColumns(name: string, typed: Partial<Record<ColumnKey, string>>): { columns: Partial<Columns>; problems: string[] } {
  const columns: Partial<Columns> = {};
  MAPPING_FIELDS.forEach((f) => {
    const v = (typed[f[0]] || '').trim();
    if (v) columns[f[0]] = v;
  });
  const problems: string[] = [];
  if (!name.trim()) problems.push('请填写映射名称');
  MAPPING_FIELDS.forEach((f) => {
    if (f[2] && !columns[f[0]]) problems.push(`请填写“${f[1]}”所在列的表头`);
  });
  if (!columns.creditAmount && !columns.amount) problems.push('请填写收入金额（或交易金额）所在列的表头');
  return { columns, problems };
}

interface MappingEditor {
  el: HTMLElement;
  /** The cells of the first rows of a chosen CSV, offered as the header names to pick from. */
  suggest(rows: string[][]): void;
}

/** 保存列映射: staff name which column of their bank's export holds each field, once. */
function mappingEditor(onSaved: (saved: Mapping) => void): MappingEditor {
  const message = h('div', { className: 'form-message', id: 'mapping-message' });
  const options = h('datalist', { id: 'mapping-headers' });
  const inputs: Partial<Record<ColumnKey, HTMLInputElement>> = {};
  const fields = MAPPING_FIELDS.map((f) => {
    const el = h('input', { name: f[0], maxlength: 60, autocomplete: 'off', list: 'mapping-headers', required: f[2], dataset: { field: f[0] } });
    inputs[f[0]] = el;
    return field(f[1] + (f[2] ? '' : '（选填）'), el);
  });
  const name = h('input', { name: 'mappingName', maxlength: 60, required: true, placeholder: '例如 招商银行企业网银', id: 'mapping-name' });
  const form = h(
    'form',
    { id: 'mapping-form', className: 'grid-form', novalidate: true },
    field('映射名称', name),
    fields,
    options,
    h('div', { className: 'form-actions' }, h('button', { type: 'submit', className: 'btn', id: 'mapping-save' }, '保存列映射')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed: Partial<Record<ColumnKey, string>> = {};
    MAPPING_FIELDS.forEach((f) => (typed[f[0]] = inputs[f[0]]?.value));
    const checked = mappingColumns(name.value, typed);
    if (checked.problems.length) {
      fill(message, alert(`${checked.problems.join('；')}。`));
      return;
    }
    // No problems: the required columns are all set.
    const columns = checked.columns as Columns;
    void busy(form.querySelector<HTMLButtonElement>('button[type=submit]')!, () =>
      api('POST', '/api/staff/bank-transfers/mappings', { body: { name: name.value.trim(), columns } }).then(
        (saved) => {
          fill(message, alert(`已保存列映射“${saved.name}”，已在上方“列映射”中选中。`, 'ok'));
          onSaved(saved);
        },
        (error: unknown) => {
          fill(message, alert(errorText(error)));
        },
      ),
    );
  });
  const el = h(
    'details',
    { className: 'mapping-editor', id: 'mapping-editor' },
    h('summary', null, '保存列映射（其他银行或自定义格式）'),
    h(
      'p',
      { className: 'muted small' },
      '按文件表头填写每一项所在列的名称（选择 CSV 文件后可从下拉提示中选取）。保存后所有同事上传时都可选用；修改与删除均记入审计日志。',
    ),
    form,
    message,
  );
  return {
    el,
    suggest(rows) {
      fill(
        options,
        headerSuggestions(rows).map((c) => h('option', { value: c })),
      );
    },
  };
}

function showResult(el: HTMLElement, res: ImportResult): void {
  const errors = res.errors || [];
  fill(
    el,
    h(
      'div',
      { className: 'stat-row', id: 'import-summary' },
      h(
        'div',
        { className: 'stat stat-ok' },
        h('span', { className: 'stat-value', id: 'import-imported' }, String(res.imported)),
        h('span', { className: 'stat-label' }, '笔已导入'),
      ),
      h(
        'div',
        { className: 'stat' },
        h('span', { className: 'stat-value', id: 'import-duplicates' }, String(res.duplicates)),
        h('span', { className: 'stat-label' }, '笔重复（已登记过，跳过）'),
      ),
      h(
        'div',
        { className: 'stat' },
        h('span', { className: 'stat-value', id: 'import-skipped' }, String(res.skipped || 0)),
        h('span', { className: 'stat-label' }, '行支出或合计（不是捐赠，跳过）'),
      ),
      h(
        'div',
        { className: `stat${errors.length ? ' stat-warn' : ''}` },
        h('span', { className: 'stat-value', id: 'import-errors' }, String(errors.length)),
        h('span', { className: 'stat-label' }, '行有错误，未导入'),
      ),
    ),
    res.layout ? h('p', { className: 'muted', id: 'import-layout' }, `识别为：${res.layout.name}`) : null,
    errors.length
      ? h(
          'div',
          { id: 'import-error-table' },
          h('h3', null, '有问题的行（修改后可重新导入整个文件，已导入的行不会重复）'),
          table(
            ['行号', '错误代码', '说明'],
            errors.map((e) =>
              h(
                'tr',
                { dataset: { line: String(e.line) } },
                h('td', { className: 'num' }, String(e.line)),
                h('td', { className: 'mono' }, e.code),
                h('td', { className: 'wrap' }, e.message),
              ),
            ),
          ),
        )
      : alert('所有行均已处理。', 'ok'),
  );
}

interface RecentList {
  el: HTMLElement;
  reload: () => Promise<void>;
}

/** Bank transfers among the latest paid donations; reload() after a write. */
function recentList(params: Record<string, string>): RecentList {
  const list = h('div', null, h('p', { className: 'muted' }, '正在加载…'));
  const picker = campaignSelect(campaigns, 'campaignCode', true, params.campaign);
  picker.addEventListener('change', () => {
    location.hash = link('bank', { campaign: picker.value });
  });
  const el = h(
    'section',
    { className: 'panel', id: 'recent-transfers' },
    h('h2', null, '最近的银行转账'),
    h('div', { className: 'toolbar' }, field('活动', picker)),
    list,
  );
  const reload = (): Promise<void> =>
    api('GET', '/api/staff/donations', { query: { limit: 200, status: 'paid', campaignCode: params.campaign } }).then(
      (res) => {
        const items = (res.items || []).filter((d) => d.channel === 'bank_transfer');
        fill(
          list,
          table(
            ['订单号', '活动', '银行流水号', '付款人', '金额', '到账时间'],
            items.map((d) =>
              h(
                'tr',
                null,
                h('td', { className: 'mono' }, d.orderNo),
                h('td', null, d.campaignCode),
                h('td', { className: 'mono' }, d.bankReference),
                h('td', null, d.donorName),
                h('td', { className: 'num' }, yuan(d.amountFen)),
                h('td', null, time(d.paidAt)),
              ),
            ),
            '最近没有银行转账记录。',
          ),
        );
      },
      (error: unknown) => {
        fill(list, alert(errorText(error)));
      },
    );
  void reload();
  return { el, reload };
}

export function registerBank(): void {
  register('bank', {
    title: '银行转账',
    roles: ['finance', 'auditor'],
    render(el, params) {
      const canWrite = canFinance();
      const recent = recentList(params);
      fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '银行转账'),
          h('p', { className: 'muted' }, canWrite ? '登记单笔转账，或导入银行导出的对账单。以银行流水号去重。' : '只读：可查看已登记的银行转账。'),
        ),
        canWrite ? importForm(recent.reload) : null,
        canWrite ? recordForm(recent.reload) : null,
        recent.el,
      );
    },
  });
}
