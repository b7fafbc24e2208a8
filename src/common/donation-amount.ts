// The donation form's amount, in the donor's words: used by the page's script (donor/src/donate.js, bundled) and by
// the form posted without JavaScript (src/pages/pages.controller.ts), so both refuse the same amounts the same way.
// Browser-safe: it imports money.ts only (scripts/build-console.mjs checks what the donor bundles take from src/).
import { groupedYuanBrief, readYuanInput } from './money';

export type DonationAmount = { fen: number; error?: undefined } | { fen?: undefined; error: string };

/** The typed amount (readYuanInput: full-width digits, ¥ and 元, thousands grouping) as fen between 1 and maxFen. */
export function donationAmountFen(typed: string, maxFen: number): DonationAmount {
  const reading = readYuanInput(typed);
  const tooMuch = `单笔捐赠最多 ${groupedYuanBrief(maxFen)} 元`;
  switch (reading.problem) {
    case 'empty':
      return { error: '请选择或输入捐赠金额' };
    case 'format':
      return { error: '请输入正确的金额，例如 88.88' };
    case 'decimals':
      return { error: '金额最多保留两位小数（精确到分）' };
    case 'too_large':
      return { error: tooMuch };
    case undefined:
      break;
  }
  if (!(reading.fen > 0)) return { error: '捐赠金额需大于 0 元' };
  if (reading.fen > maxFen) return { error: tooMuch };
  return { fen: reading.fen };
}
