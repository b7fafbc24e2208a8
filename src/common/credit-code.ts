// Unified social credit codes (统一社会信用代码, GB 32100-2015 with its amendment No. 1).

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Registration authority (1st char) → organisation types (2nd char) it may issue.
const TYPES_BY_AUTHORITY: Record<string, string> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 群众团体, 其他
  '2': '19', // 外交
  '3': '123459', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};
// Authority, type, 6-digit region code (GB/T 2260), 9-char subject id, check char.
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a credit code body is 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`not a credit code character: ${first17[i]}`);
    sum += value * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(text: string): boolean {
  if (typeof text !== 'string') return false;
  const code = text.trim().toUpperCase();
  if (!SHAPE.test(code)) return false;
  if (!(TYPES_BY_AUTHORITY[code[0]] ?? '').includes(code[1])) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
