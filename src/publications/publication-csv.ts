import { formatYuan } from '../common/money';

export interface PublishedDonation {
  paidAt: Date;
  name: string; // already masked
  amountFen: number;
  channel: string;
  /** The designated fund's name, when the campaign has funds ('' for a gift to none). */
  fund?: string;
}

export const PUBLICATION_CSV_HEADER = ['序号', '到账时间', '捐赠人', '金额（分）', '金额（元）', '支付渠道'];
export const PUBLICATION_CSV_FUND_HEADER = '定向基金';

/**
 * The frozen list of a publication: one line per paid donation (the donor's masked name only when they
 * agreed to be shown, else 爱心人士), Chinese column headers, oldest first, UTF-8 with a BOM (so
 * spreadsheet programs read the Chinese names), CRLF line ends (RFC 4180). Pure: the same rows
 * always give the same bytes, which is what the published SHA-256 is taken over.
 */
export function renderPublicationCsv(rows: PublishedDonation[], withFunds = false): Buffer {
  const lines = [(withFunds ? [...PUBLICATION_CSV_HEADER, PUBLICATION_CSV_FUND_HEADER] : PUBLICATION_CSV_HEADER).join(',')];
  rows.forEach((row, i) => {
    const cells = [String(i + 1), beijingIso(row.paidAt), cell(row.name), String(row.amountFen), formatYuan(row.amountFen), cell(row.channel)];
    if (withFunds) cells.push(cell(row.fund ?? ''));
    lines.push(cells.join(','));
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** 2020-02-01T10:30:00+08:00: the time as donors in China read it, with its offset. */
export function beijingIso(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}

/**
 * Quoted when needed; a value a spreadsheet would run as a formula (=, +, -, @, tab, CR) is
 * prefixed with an apostrophe, so opening the file can never execute donor-typed text.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
