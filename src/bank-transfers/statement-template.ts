import { Workbook } from 'exceljs';
import { FIELD_LABELS, TEMPLATE_FIELDS } from './statement-layouts';

/** The statement template staff download: the canonical Chinese headers, read back by the importer as they are. */
export const TEMPLATE_HEADERS: readonly string[] = TEMPLATE_FIELDS.map((f) => FIELD_LABELS[f]);

const NOTES: ReadonlyArray<[string, string]> = [
  ['交易流水号', '必填。银行的交易流水号，1-64 个字母、数字或符号；同一流水号只登记一次'],
  ['交易日期', '必填。北京时间，如 2020-02-03、2020/02/03 10:30、20200203 103000'],
  ['对方户名', '必填。付款人名称，用作票据上的捐赠人名称'],
  ['对方账号', '选填。付款账号，加密保存，页面上只显示脱敏号码'],
  ['贷方发生额', '必填。收入金额（元），可带千位分隔符，如 5,000.00；支出行请删除或留空本列'],
  ['基金代码', '选填。定向捐赠的基金代码（活动设置的基金）'],
];

export const TEMPLATE_FILENAME = '银行流水导入模板';

/** CSV in UTF-8 with a BOM, so that Excel on Chinese Windows opens it without garbling the headers. */
export function statementTemplateCsv(): Buffer {
  return Buffer.from(`\uFEFF${TEMPLATE_HEADERS.join(',')}\r\n`, 'utf8');
}

/** XLSX: the headers on the first sheet (the one imported), their meaning on a second one. */
export async function statementTemplateXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('银行流水');
  sheet.addRow([...TEMPLATE_HEADERS]).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 2 ? 30 : 20;
    // Text cells: account numbers and references keep their digits (Excel would round 19 digits).
    column.numFmt = TEMPLATE_FIELDS[i] === 'creditAmount' ? '#,##0.00' : '@';
  });
  const notes = workbook.addWorksheet('填写说明');
  notes.addRow(['列', '说明']).font = { bold: true };
  for (const note of NOTES) notes.addRow([...note]);
  notes.getColumn(1).width = 14;
  notes.getColumn(2).width = 70;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
