// The campaign forms' fields and rules: settings read from a form into a request body, only what changed sent
// on edit, and a refusal of the API shown under the field it is about.
import { errorText, type BodyOf } from '../api';
import { alert, clear, fill, h, type Child } from '../dom';
import { parseYuan, yuan } from '../format';
import type { Campaign } from '../shell';

/** [input name, label, maxlength, placeholder] of each disclosure field (《慈善组织信息公开办法》). */
export const DISCLOSURE_FIELDS = [
  ['organizationName', '募捐组织', 100, '北京市温暖基金会'],
  ['organizationCreditCode', '统一社会信用代码', 18, '18 位，如 53110000500000000G'],
  ['fundraisingQualification', '公开募捐资格证书', 200, '证书编号或文字'],
  ['filingNumber', '慈善中国备案编号', 100, '募捐方案的备案编号'],
  ['contact', '联系方式', 200, '公开的电话或地址'],
] as const;

export type Disclosure = NonNullable<Campaign['disclosure']>;
export type DisclosureField = (typeof DISCLOSURE_FIELDS)[number][0];

/**
 * What each field takes, in Chinese: shown under the field when the server refuses it with
 * 400 VALIDATION_FAILED (its messages name the field in English).
 */
export const RULES: Record<string, string> = {
  code: '活动代码须为 2-63 位小写字母、数字或短横线（用于链接，创建后不能修改）。',
  title: '请填写活动名称（1-200 个字，不含控制字符）。',
  receiptPrefix: '票据编号前缀须为 2-8 位大写英文字母，如 WH。',
  goalFen: '目标金额须为大于 0 的金额（元，最多两位小数）。',
  receiptThresholdFen: '开票门槛须为大于 0 的金额（元，最多两位小数）。',
  startsAt: '请填写有效的开始时间。',
  endsAt: '请填写有效的结束时间。',
  autoApproveReceipts: '请选择是否自动批准票据申请。',
  receiptPayee: '收款人最多 100 个字，不含控制字符。',
  disclosureIntervalDays: '信息公开周期须为 1-90 天的整数（法规要求至少每三个月公开一次）。',
  organisation: '开票单位须为 2-100 个字。',
  'disclosure.organizationName': '募捐组织最多 100 个字，不含控制字符。',
  'disclosure.organizationCreditCode': '统一社会信用代码为 18 位。',
  'disclosure.fundraisingQualification': '公开募捐资格证书最多 200 个字，不含控制字符。',
  'disclosure.filingNumber': '备案编号最多 100 个字，不含控制字符。',
  'disclosure.contact': '联系方式最多 200 个字，不含控制字符。',
  fundCode: '基金代码须为 1-63 位小写字母、数字或短横线，在本活动内不能重复。',
  fundName: '请填写基金名称（1-100 个字，不含控制字符）。',
};

/** The field a refusal with a stable code is about; its message (Chinese, from the server) shows there. */
export const CODE_FIELDS: Record<string, string> = {
  CAMPAIGN_EXISTS: 'code',
  INVALID_CAMPAIGN_DATES: 'endsAt',
  INVALID_CREDIT_CODE: 'disclosure.organizationCreditCode',
  FUND_EXISTS: 'fundCode',
  FUND_NOT_FOUND: 'fundCode',
};

export const FIX_MARKED = '请按提示修改标出的内容后再提交。';

/** The settings of the form as the API takes them (code and receipt prefix only for a new campaign). */
export interface CampaignSettings {
  code?: string;
  title: string;
  receiptPrefix?: string;
  goalFen: number | null;
  receiptThresholdFen: number;
  startsAt: string | null;
  endsAt: string | null;
  receiptPayee: string | null;
  disclosureIntervalDays: number;
  autoApproveReceipts: boolean;
}

/** The settings form's values as typed (untrimmed); `code` and `receiptPrefix` only on the form for a new one. */
export interface SettingsInput {
  code?: string;
  title: string;
  receiptPrefix?: string;
  goalFen: string;
  receiptThresholdFen: string;
  startsAt: string;
  endsAt: string;
  receiptPayee: string;
  disclosureIntervalDays: string;
  autoApproveReceipts: string;
}

/** An ISO time as the value of a datetime-local input, in Beijing time ("2020-02-01T10:30"). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return '';
  return new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

/** A datetime-local value, read as Beijing time, as an ISO timestamp with its offset; '' → null. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  return `${value.length === 16 ? `${value}:00` : value.slice(0, 19)}+08:00`;
}

/** Fen as the value of an amount input: 123456 → "1234.56"; no amount → "". */
export function yuanInput(fen: number | null | undefined): string {
  return typeof fen === 'number' ? yuan(fen).replace(/^¥/, '').replace(/,/g, '') : '';
}

/** The form's values as settings; `invalid` names the fields refused here (amounts, an empty title), then `settings` is null. */
export function parseSettings(input: SettingsInput): { settings: CampaignSettings | null; invalid: string[] } {
  const invalid: string[] = [];
  const amount = (key: 'goalFen' | 'receiptThresholdFen'): number | null => {
    const fen = parseYuan(input[key].trim());
    if (fen === null || fen <= 0) {
      invalid.push(key);
      return null;
    }
    return fen;
  };
  const title = input.title.trim();
  const settings: CampaignSettings = {
    ...(input.code !== undefined ? { code: input.code.trim() } : {}),
    title,
    ...(input.receiptPrefix !== undefined ? { receiptPrefix: input.receiptPrefix.trim() } : {}),
    // The goal may be left out; the threshold may not.
    goalFen: input.goalFen.trim() ? amount('goalFen') : null,
    receiptThresholdFen: amount('receiptThresholdFen') ?? 0,
    startsAt: fromLocalInput(input.startsAt),
    endsAt: fromLocalInput(input.endsAt),
    receiptPayee: input.receiptPayee.trim() || null,
    disclosureIntervalDays: Number(input.disclosureIntervalDays),
    autoApproveReceipts: input.autoApproveReceipts === 'true',
  };
  if (!title) invalid.push('title');
  return { settings: invalid.length ? null : settings, invalid };
}

export type CreateCampaignBody = BodyOf<'POST', '/api/staff/campaigns'>;

/** A new campaign's body: what is not set is left out (the server's defaults apply). */
export function creationBody(s: CampaignSettings): CreateCampaignBody {
  return {
    code: s.code ?? '',
    title: s.title,
    receiptPrefix: s.receiptPrefix ?? '',
    ...(s.goalFen === null ? {} : { goalFen: s.goalFen }),
    receiptThresholdFen: s.receiptThresholdFen,
    ...(s.startsAt === null ? {} : { startsAt: s.startsAt }),
    ...(s.endsAt === null ? {} : { endsAt: s.endsAt }),
    ...(s.receiptPayee === null ? {} : { receiptPayee: s.receiptPayee }),
    disclosureIntervalDays: s.disclosureIntervalDays,
    autoApproveReceipts: s.autoApproveReceipts,
  };
}

/** A change of a campaign: any of its settings (null clears goal, dates and payee), or its disclosure (null clears it). */
export type CampaignChange = Partial<CampaignSettings> & { disclosure?: Disclosure | null };

/** Only what changed is sent: a time shown to the minute keeps its seconds when left alone. */
export function changedSettings(now: CampaignSettings, before: Partial<CampaignSettings>): CampaignChange {
  const changed: Record<string, unknown> = {};
  (Object.keys(now) as (keyof CampaignSettings)[]).forEach((k) => {
    if (JSON.stringify(now[k]) !== JSON.stringify(before[k])) changed[k] = now[k];
  });
  return changed;
}

/** The disclosure form's values as the API takes them: empty fields left out, all empty → null (cleared). */
export function disclosureBody(values: Record<DisclosureField, string>): Disclosure | null {
  const disclosure: Disclosure = {};
  DISCLOSURE_FIELDS.forEach((f) => {
    const v = values[f[0]].trim();
    if (v) disclosure[f[0]] = v;
  });
  return Object.keys(disclosure).length ? disclosure : null;
}

/**
 * The fields a refusal of the API is about, with the line to show under each: for 400 VALIDATION_FAILED the rule
 * of each field its (English) messages name, for a stable code the server's own message. `prefix` ("fund") reads a
 * bare "code"/"name" as fundCode/fundName.
 */
export function refusedFields(error: unknown, prefix?: string): { key: string; text: string }[] {
  const e = (error !== null && typeof error === 'object' ? error : {}) as { code?: unknown; message?: unknown; details?: unknown };
  const details = (e.details !== null && typeof e.details === 'object' ? e.details : {}) as { errors?: unknown };
  const fields: { key: string; text: string }[] = [];
  if (e.code === 'VALIDATION_FAILED' && Array.isArray(details.errors)) {
    details.errors.forEach((line: unknown) => {
      // "title must …", "disclosure.contact must …", "fund code must …", "funds.0.fund name must …".
      const text = String(line);
      const fund = /^(?:funds\.\d+\.)?fund (code|name)\b/.exec(text);
      let key = fund ? (fund[1] === 'code' ? 'fundCode' : 'fundName') : text.split(' ')[0];
      if (prefix && key === 'code') key = `${prefix}Code`;
      if (prefix && key === 'name') key = `${prefix}Name`;
      if (RULES[key]) fields.push({ key, text: RULES[key] });
    });
  } else if (typeof e.code === 'string' && CODE_FIELDS[e.code]) {
    fields.push({ key: CODE_FIELDS[e.code], text: String(e.message) });
  }
  return fields;
}

// ---- fields with their own error line ----
type Control = HTMLInputElement | HTMLSelectElement;
const fieldParts = new WeakMap<Element, { input: Control; error: HTMLElement }>();

/** A labelled input whose refusal shows under it: `errors.show(key, text)` finds it by `key`. */
export function errField(key: string, label: string, input: Control, hint?: string): HTMLElement {
  const id = `err-${key.replace(/\./g, '-')}`;
  input.setAttribute('aria-describedby', id);
  const error = h('small', { className: 'field-error', id, dataset: { errorFor: key }, hidden: true });
  const el = h(
    'label',
    { className: 'field', dataset: { field: key } },
    h('span', null, label),
    input,
    hint ? h('small', { className: 'hint' }, hint) : null,
    error,
  );
  fieldParts.set(el, { input, error });
  return el;
}

export interface FieldErrors {
  clear(): void;
  show(key: string, text: string): boolean;
  /** Puts a refusal of the API under the fields it names; what names no field goes above the button. */
  fromApi(error: unknown, prefix?: string): void;
}

/** The error lines of one form and the message above its button. */
export function errorsOf(form: HTMLFormElement, message: HTMLElement): FieldErrors {
  const errors: FieldErrors = {
    clear() {
      clear(message);
      form.querySelectorAll('[data-field]').forEach((f) => {
        const parts = fieldParts.get(f);
        if (!parts) return;
        parts.error.hidden = true;
        parts.error.textContent = '';
        parts.input.removeAttribute('aria-invalid');
      });
    },
    show(key, text) {
      const f = form.querySelector(`[data-field="${key}"]`);
      const parts = f && fieldParts.get(f);
      if (!parts) return false;
      parts.error.textContent = text;
      parts.error.hidden = false;
      parts.input.setAttribute('aria-invalid', 'true');
      return true;
    },
    fromApi(error, prefix) {
      errors.clear();
      const shown = refusedFields(error, prefix).filter((f) => errors.show(f.key, f.text)).length;
      fill(message, alert(shown ? FIX_MARKED : errorText(error)));
      const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (first) first.focus();
    },
  };
  return errors;
}

/** A control of a form by its name (null when the form has none, e.g. no code when editing). */
export function control(form: HTMLFormElement, name: string): Control | null {
  return form.elements.namedItem(name) as Control | null;
}

/** The settings fields, for a new campaign (`c` null) or an existing one. */
export function settingsFields(c: Campaign | null): Child[] {
  const isNew = !c;
  return [
    isNew
      ? errField(
          'code',
          '活动代码',
          h('input', { name: 'code', required: true, maxlength: 63, autocomplete: 'off', placeholder: 'warm-wuhan' }),
          '小写字母、数字和短横线，用于捐赠链接',
        )
      : null,
    errField('title', '活动名称', h('input', { name: 'title', required: true, maxlength: 200, value: c?.title || '' })),
    isNew
      ? errField(
          'receiptPrefix',
          '票据编号前缀',
          h('input', { name: 'receiptPrefix', required: true, maxlength: 8, placeholder: 'WH' }),
          '2-8 位大写字母，如 WH',
        )
      : null,
    errField('goalFen', '目标金额（元）', h('input', { name: 'goalFen', inputmode: 'decimal', value: yuanInput(c?.goalFen) }), '可不填'),
    errField(
      'receiptThresholdFen',
      '开票门槛（元）',
      h('input', { name: 'receiptThresholdFen', inputmode: 'decimal', value: c ? yuanInput(c.receiptThresholdFen) : '100.00' }),
      '达到此金额的捐赠可申请票据',
    ),
    errField('startsAt', '开始时间（北京时间）', h('input', { name: 'startsAt', type: 'datetime-local', value: toLocalInput(c?.startsAt) }), '可不填'),
    errField('endsAt', '结束时间（北京时间）', h('input', { name: 'endsAt', type: 'datetime-local', value: toLocalInput(c?.endsAt) }), '可不填'),
    errField('receiptPayee', '票据收款人', h('input', { name: 'receiptPayee', maxlength: 100, value: c?.receiptPayee || '' }), '可不填，不填则手写签名'),
    errField(
      'disclosureIntervalDays',
      '信息公开周期（天）',
      h('input', { name: 'disclosureIntervalDays', type: 'number', min: 1, max: 90, step: 1, value: String(c?.disclosureIntervalDays || 90) }),
      '1-90 天',
    ),
    errField(
      'autoApproveReceipts',
      '票据申请',
      h(
        'select',
        { name: 'autoApproveReceipts' },
        h('option', { value: 'true', selected: !c || c.autoApproveReceipts }, '核验通过后自动批准'),
        h('option', { value: 'false', selected: !!c && !c.autoApproveReceipts }, '全部人工审核'),
      ),
    ),
  ];
}

/** Reads the settings form into a request body; amounts refused here show under their field. */
export function readSettings(form: HTMLFormElement, errors: Pick<FieldErrors, 'show'>): CampaignSettings | null {
  const value = (name: string): string => control(form, name)?.value ?? '';
  const optional = (name: string): string | undefined => control(form, name)?.value;
  // No destructuring: esbuild cannot lower it for Safari 13 (a target of the bundle).
  const read = parseSettings({
    code: optional('code'),
    title: value('title'),
    receiptPrefix: optional('receiptPrefix'),
    goalFen: value('goalFen'),
    receiptThresholdFen: value('receiptThresholdFen'),
    startsAt: value('startsAt'),
    endsAt: value('endsAt'),
    receiptPayee: value('receiptPayee'),
    disclosureIntervalDays: value('disclosureIntervalDays'),
    autoApproveReceipts: value('autoApproveReceipts'),
  });
  read.invalid.forEach((key) => errors.show(key, RULES[key]));
  return read.settings;
}
