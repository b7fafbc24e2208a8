/**
 * The Chinese words an export shows for the codes it holds (the console's staff-core.js shows the
 * same words on screen). Each labelled column is followed by a 代码 column with the raw code, so
 * a spreadsheet formula or a script keeps reading the stable value.
 */
export const DONATION_STATUS_LABELS: Record<string, string> = {
  pending: '待支付',
  paid: '已到账',
  failed: '失败',
  refunded: '已退款',
};

export const CHANNEL_LABELS: Record<string, string> = {
  sandbox: '模拟支付',
  wechatpay: '微信支付',
  alipay: '支付宝',
  bank_transfer: '银行转账',
};

export const RECEIPT_STATUS_LABELS: Record<string, string> = { issued: '已开具', voided: '已作废' };

/** A record is a 捐赠票据 only with an official 公益事业捐赠票据 attached; otherwise a 捐赠证明. */
export const RECEIPT_KIND_LABELS: Record<string, string> = { official: '捐赠票据', certificate: '捐赠证明' };

export const PLEDGE_STATUS_LABELS: Record<string, string> = { pledged: '待到货', received: '已到货', cancelled: '已取消' };

/** The lines of the goods ledger: a pledged line, an inspected line, or a stock movement. */
export const GOODS_RECORD_LABELS: Record<string, string> = {
  pledged: '认捐',
  inspected: '验收',
  received: '入库',
  distributed: '出库',
  adjusted: '调整',
};

/** The label of a code; an unknown code (one added later) shows as itself rather than as nothing. */
export function labelOf(labels: Record<string, string>, code: string | null): string | null {
  if (code === null || code === undefined) return null;
  return Object.prototype.hasOwnProperty.call(labels, code) ? labels[code] : code;
}
