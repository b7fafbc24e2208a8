/**
 * What the columns of a bank statement mean. A statement's header row is found by its column names:
 * ours (the template's canonical Chinese headers, or the English ones of the API), or those of the
 * common Chinese banks' online-banking exports (工商银行, 中国银行, 建设银行, 农业银行 and the many that
 * share their wording). A layout none of these names can be mapped once by staff (a saved mapping).
 */
export const STATEMENT_FIELDS = [
  'bankReference',
  'receivedAt',
  'receivedTime',
  'payerName',
  'payerAccount',
  'creditAmount',
  'debitAmount',
  'amount',
  'direction',
  'fundCode',
] as const;

export type StatementField = (typeof STATEMENT_FIELDS)[number];

/** Header text of each field's column (as printed in the file); a mapping or a recognised layout. */
export type StatementColumns = Partial<Record<StatementField, string>>;

/** The names staff see for each field (the template's headers, the errors' wording). */
export const FIELD_LABELS: Record<StatementField, string> = {
  bankReference: '交易流水号',
  receivedAt: '交易日期',
  receivedTime: '交易时间',
  payerName: '对方户名',
  payerAccount: '对方账号',
  creditAmount: '贷方发生额',
  debitAmount: '借方发生额',
  amount: '交易金额',
  direction: '借贷标志',
  fundCode: '基金代码',
};

/** The downloadable template: the canonical Chinese headers, in this order. */
export const TEMPLATE_FIELDS: readonly StatementField[] = ['bankReference', 'receivedAt', 'payerName', 'payerAccount', 'creditAmount', 'fundCode'];

/**
 * Names each field goes by, best first: where a file has two candidates for one field (建设银行 prints
 * both 账户明细编号-交易流水号 and 凭证号), the earlier name here wins. Compared after `normalizeHeader`.
 */
const SYNONYMS: Record<StatementField, readonly string[]> = {
  bankReference: [
    '交易流水号',
    '银行流水号',
    '账户明细编号-交易流水号',
    '流水号',
    '交易流水',
    '交易参考号',
    '业务流水号',
    '核心流水号',
    '交易序号',
    '交易编号',
    '凭证号',
    '凭证号码',
    'bankreference',
  ],
  receivedAt: ['交易日期', '交易时间', '入账日期', '入账时间', '记账日期', '记账时间', '交易日期时间', '日期', 'receivedat'],
  receivedTime: ['交易时间', '入账时间', '记账时间'],
  payerName: [
    '对方户名',
    '对方账户名称',
    '对方账户名',
    '对方单位名称',
    '对方名称',
    '付款人名称',
    '付款方名称',
    '付款人户名',
    '付款人',
    '汇款人',
    '收/付方名称',
    'payername',
  ],
  payerAccount: ['对方账号', '对方账户', '对方账户账号', '对方卡号', '付款人账号', '付款方账号', '付款账号', '收/付方账号', 'payeraccount'],
  creditAmount: ['贷方发生额', '贷方金额', '收入金额', '收入', '存入金额', '来账金额', '收款金额', 'amountyuan'],
  debitAmount: ['借方发生额', '借方金额', '支出金额', '支出', '支取金额', '付款金额'],
  amount: ['交易金额', '发生额', '金额'],
  direction: ['借贷标志', '借/贷', '借贷', '借贷方向', '收支标志', '收/支', '收支', '收付标志', '交易方向'],
  fundCode: ['基金代码', '定向基金', 'fundcode'],
};

/** What a column's name is compared as: no spaces, ASCII punctuation, no unit in brackets (`贷方发生额（收入）`, `金额(元)`). */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

/**
 * The columns a header row names, by the known names; a date-only column with a 交易时间 beside it
 * reads its time from there (农业银行, 中国银行 print them apart).
 */
export function recogniseColumns(header: readonly string[]): StatementColumns {
  const normalized = header.map(normalizeHeader);
  const taken = new Set<number>();
  const columns: StatementColumns = {};
  const pick = (field: StatementField) => {
    for (const name of SYNONYMS[field]) {
      const i = normalized.findIndex((h, j) => h === name && !taken.has(j));
      if (i >= 0) {
        taken.add(i);
        columns[field] = header[i].trim();
        return;
      }
    }
  };
  for (const field of ['bankReference', 'receivedAt', 'payerName', 'payerAccount', 'creditAmount', 'debitAmount', 'direction', 'fundCode'] as const)
    pick(field);
  // 交易金额 is the amount only where no credit column says it better (a signed amount, or with 借贷标志).
  if (!columns.creditAmount) pick('amount');
  if (columns.receivedAt && /日期$/.test(normalizeHeader(columns.receivedAt))) pick('receivedTime');
  return columns;
}

export type StatementLayoutCode = 'icbc' | 'boc' | 'ccb' | 'abc' | 'standard' | 'mapping';

export const LAYOUT_NAMES: Record<StatementLayoutCode, string> = {
  icbc: '中国工商银行',
  boc: '中国银行',
  ccb: '中国建设银行',
  abc: '中国农业银行',
  standard: '通用格式',
  mapping: '已保存的列映射',
};

/** Which bank's export this is, from the bank's name above the header or the columns only its export has; informative only. */
export function identifyLayout(preamble: readonly string[][], header: readonly string[]): StatementLayoutCode {
  const above = preamble.flat().join(' ');
  const names = new Set(header.map(normalizeHeader));
  if (/工商银行|ICBC/i.test(above) || (names.has('对方单位名称') && names.has('借/贷'))) return 'icbc';
  if (/建设银行|CCB/i.test(above) || names.has('账户明细编号-交易流水号')) return 'ccb';
  if (/农业银行|ABC/.test(above) || (names.has('收入金额') && names.has('支出金额') && names.has('本次余额'))) return 'abc';
  if (/中国银行|BOC/i.test(above) || (names.has('付款人名称') && names.has('收款人名称'))) return 'boc';
  return 'standard';
}
