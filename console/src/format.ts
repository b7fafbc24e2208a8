// Labels and formatting. Money is integer fen: no floating point anywhere; amounts are read and written by the
// server's own src/common/money.ts (browser-safe, bundled in), so the console and the service agree on every amount.
import { formatYuanDisplay, readYuanInput } from '../../src/common/money';

export type Role = 'admin' | 'finance' | 'warehouse' | 'auditor';

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', finance: '财务', warehouse: '仓库', auditor: '审计' };

export const STATUS: Record<string, string> = {
  pending: '待支付',
  paid: '已到账',
  failed: '失败',
  refunded: '已退款',
  pending_review: '待审核',
  queued: '开票中',
  issued: '已开具',
  rejected: '已驳回',
  voided: '已作废',
};

export const CHANNEL: Record<string, string> = { sandbox: '模拟支付', wechatpay: '微信支付', alipay: '支付宝', bank_transfer: '银行转账' };

export const CAMPAIGN_STATUS: Record<string, string> = { active: '进行中', ended: '已结束', upcoming: '未开始' };

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] || role;
}

/** 123456 → "¥1,234.56" (common/money.ts, the server's own writing); anything but a safe integer of fen → "—". */
export function yuan(fen: unknown): string {
  return typeof fen === 'number' && Number.isSafeInteger(fen) ? formatYuanDisplay(fen) : '—';
}

/**
 * "1,234.5" → 123450, read as the server and the donor pages read a typed amount (common/money.ts readYuanInput:
 * ¥/￥, 元, spaces, full-width digits and commas, correct thousands grouping); null when it is not an amount in yuan
 * with at most two decimals, or has more than nine yuan digits.
 */
export function parseYuan(text: string | number | null | undefined): number | null {
  const fen = readYuanInput(String(text || '')).fen;
  return fen !== undefined && fen < 100_000_000_000 ? fen : null;
}

/** An ISO timestamp as Beijing time (Asia/Shanghai, no daylight saving), "2020-02-01 10:30"; `seconds`: "2020-02-01 10:30:05". */
export function time(iso: string | number | Date | null | undefined, seconds?: boolean): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return String(iso);
  const b = new Date(d.getTime() + 8 * 3600 * 1000).toISOString();
  return `${b.slice(0, 10)} ${b.slice(11, seconds ? 19 : 16)}`;
}

export interface Route {
  name: string;
  params: Record<string, string>;
}

/** Route parameters from "#/view?x=1&y=2". */
export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const name = q < 0 ? h : h.slice(0, q);
  const params: Record<string, string> = {};
  if (q >= 0) {
    h.slice(q + 1)
      .split('&')
      .forEach((pair) => {
        if (!pair) return;
        const i = pair.indexOf('=');
        const k = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
        params[k] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' '));
      });
  }
  return { name, params };
}

/** "#/name?k=v" with empty, null and undefined parameters left out. */
export function link(name: string, params?: Record<string, string | number | boolean | null | undefined>): string {
  const p = params || {};
  const q = Object.keys(p)
    .filter((k) => p[k] !== '' && p[k] !== undefined && p[k] !== null)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(p[k]))}`)
    .join('&');
  return `#/${name}${q ? `?${q}` : ''}`;
}
