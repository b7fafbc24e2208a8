import { parseYuanToFen } from '../../common/money';
import { parseTimestamp } from '../../common/text';

/** One line of a WeChat Pay trade bill (bill_type=ALL): a payment, or a refund of one. */
export interface TradeBillLine {
  tradeTime: Date;
  transactionId: string;
  orderNo: string;
  tradeState: string; // SUCCESS, REFUND, REVOKED…
  amountFen: number; // 应结订单总金额 (or 订单金额 when the bill has no settlement column)
  refundId: string | null;
  refundNo: string | null;
  refundFen: number;
  refundStatus: string | null;
}

const COLUMNS = {
  tradeTime: '交易时间',
  transactionId: '微信订单号',
  orderNo: '商户订单号',
  tradeState: '交易状态',
  settlementTotal: '应结订单总金额',
  orderTotal: '订单金额',
  refundId: '微信退款单号',
  refundNo: '商户退款单号',
  refund: '退款金额',
  refundStatus: '退款状态',
} as const;

export class TradeBillError extends Error {}

/**
 * Reads the bill's text: a header line of Chinese column names, one line per trade with every field
 * prefixed by a backtick, then a summary header (总交易单数…) and its line. Columns are found by name,
 * so WeChat adding a column does not shift the others. Amounts are yuan with two decimals → fen.
 */
export function parseTradeBill(text: string): TradeBillLine[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = splitLine(lines[0]);
  const at = (name: string) => header.indexOf(name);
  for (const name of [COLUMNS.tradeTime, COLUMNS.transactionId, COLUMNS.orderNo, COLUMNS.tradeState]) {
    if (at(name) < 0) throw new TradeBillError(`trade bill has no column ${name}`);
  }
  const totalColumn = at(COLUMNS.settlementTotal) >= 0 ? at(COLUMNS.settlementTotal) : at(COLUMNS.orderTotal);
  if (totalColumn < 0) throw new TradeBillError('trade bill has no amount column');
  const out: TradeBillLine[] = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith('总交易单数')) break; // the summary follows the trades
    const f = splitLine(line);
    const get = (i: number) => (i >= 0 && i < f.length ? f[i] : '');
    const tradeTime = parseTimestamp(get(at(COLUMNS.tradeTime)).replace(' ', 'T') + '+08:00');
    if (!tradeTime) throw new TradeBillError(`trade bill line with a bad time: ${get(at(COLUMNS.tradeTime))}`);
    const money = (i: number) => {
      const v = get(i);
      return v === '' ? 0 : parseYuanToFen(v);
    };
    out.push({
      tradeTime,
      transactionId: get(at(COLUMNS.transactionId)),
      orderNo: get(at(COLUMNS.orderNo)),
      tradeState: get(at(COLUMNS.tradeState)),
      amountFen: money(totalColumn),
      refundId: reference(get(at(COLUMNS.refundId))),
      refundNo: reference(get(at(COLUMNS.refundNo))),
      refundFen: money(at(COLUMNS.refund)),
      refundStatus: get(at(COLUMNS.refundStatus)) || null,
    });
  }
  return out;
}

/** WeChat writes `0 (or nothing) where a payment line has no refund. */
function reference(value: string): string | null {
  return value === '' || value === '0' ? null : value;
}

/** Fields are separated by commas; each value starts with a backtick (so spreadsheets keep it text). */
function splitLine(line: string): string[] {
  return line.split(',').map((v) => v.trim().replace(/^`/, ''));
}
