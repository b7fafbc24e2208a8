import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create } from 'qrcode';
import { RECEIPT_TEMPLATES_DIR, ReceiptField, ReceiptLayout } from './receipt-layout';
import { formatShanghaiDate, ReceiptPdfData, renderReceiptPdf } from './receipt-pdf.renderer';
import { verifyQrModules } from './receipt-qr';
import { formatYuanDisplay, toChineseCapitals } from '../../common/money';

// pdfkit as it is, noting the font each document is given (the receipt font test below).
const mockFontsGiven: unknown[] = [];
jest.mock('pdfkit', () => {
  const Actual = jest.requireActual<new (options?: { font?: unknown }) => object>('pdfkit');
  return class Tracking extends Actual {
    constructor(options?: { font?: unknown }) {
      super(options);
      mockFontsGiven.push(options?.font);
    }
  };
});

// Needs poppler-utils (pdftotext, pdftoppm, pdffonts) on the PATH: scripts/system-packages.sh installs it.
const run = promisify(execFile);
jest.setTimeout(60_000);

const layout = JSON.parse(readFileSync(join(RECEIPT_TEMPLATES_DIR, 'receipt', 'receipt.layout.json'), 'utf8')) as ReceiptLayout;
const rowLabel = (field: ReceiptField) => layout.table.rows.find((row) => row.field === field)!.label;

function receipt(overrides: Partial<ReceiptPdfData> = {}): ReceiptPdfData {
  const receiptNo = `WH-2020-${String(randomBytes(3).readUIntBE(0, 3)).padStart(8, '0')}`;
  return {
    receiptNo,
    donorName: '张伟',
    invoiceTitle: '武汉市光谷科技有限公司',
    campaignTitle: '温暖武汉',
    amountFen: 123456,
    donatedAt: new Date('2020-01-31T17:30:00Z'), // already 1 February in Shanghai
    issuedAt: new Date('2020-02-03T02:00:00Z'),
    organisation: '北京市温暖基金会',
    verifyUrl: `https://wennuan.example.org/verify/${receiptNo}?s=${randomBytes(16).toString('hex')}`,
    ...overrides,
  };
}

/**
 * The text of the PDF as poppler's pdftotext reads it back: `layout` keeps table rows on one
 * line; `raw` keeps the order things were drawn in (a rotated stamp, a wrapped cell).
 */
async function textOf(pdf: Buffer, mode: 'layout' | 'raw' = 'layout'): Promise<string> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'receipt.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], { maxBuffer: 8 * 1024 * 1024 });
    return stdout;
  });
}

/** The value printed in the table row of field, as the PDF parser reads it back. */
function rowValue(text: string, field: ReceiptField): string | undefined {
  const label = rowLabel(field).replace(/[()（）]/g, '\\$&');
  return new RegExp(`${label}[ \\t]*(.+)`).exec(text)?.[1].trim();
}

async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'receipt-pdf-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function decodeQrOnPage1(pdf: Buffer): Promise<string | undefined> {
  return withTempDir(async (dir) => {
    await writeFile(join(dir, 'receipt.pdf'), pdf);
    await run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', join(dir, 'receipt.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(await readFile(join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  });
}

describe('renderReceiptPdf', () => {
  it.each([
    [123456, '¥1,234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    [100500, '¥1,005.00', '壹仟零伍元整'],
    [10000, '¥100.00', '壹佰元整'],
    [5, '¥0.05', '伍分'],
    [100000000, '¥1,000,000.00', '壹佰万元整'],
  ])('prints %i fen as %s and %s with every required field', async (amountFen, figures, capitals) => {
    const data = receipt({ amountFen });
    const pdf = await renderReceiptPdf(data);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = await textOf(pdf);
    expect(text).toContain('捐赠证明');
    for (const value of [data.receiptNo, data.donorName, data.invoiceTitle, data.campaignTitle, data.organisation]) {
      expect(text).toContain(value);
    }
    expect(rowValue(text, 'amountFigures')).toBe(figures);
    expect(rowValue(text, 'amountCapitals')).toBe(capitals);
    expect(rowValue(text, 'donatedAt')).toBe('2020年02月01日');
    expect(text).toContain('2020年02月03日'); // issue date
    expect(text).not.toContain('2020年01月31日'); // a UTC date would be the day before
  });

  it('is a 捐赠证明 without an official receipt: no 捐赠票据 title, no official numbers, no tax claim', async () => {
    const data = receipt();
    const pdf = await renderReceiptPdf(data);
    for (const mode of ['layout', 'raw'] as const) {
      const text = await textOf(pdf, mode);
      expect(text).toContain('捐赠证明');
      expect(text).not.toContain('捐赠票据');
      expect(text).not.toContain('税前扣除');
      expect(text).not.toContain('票据代码');
      expect(text).not.toContain('校验码');
      expect(text).toContain(data.receiptNo);
    }
  });

  it.each([
    ['fiscal', { kind: 'fiscal' as const, code: '42010124', number: '0000123456', checkCode: 'a1b2c3', issuedAt: new Date('2020-02-04T02:00:00Z') }],
    ['paper', { kind: 'paper' as const, code: '42010125', number: '0000000042', issuedAt: new Date('2020-02-04T02:00:00Z') }],
  ])('is a 捐赠票据 with a %s official receipt: its 票据代码, 票据号码 (and 校验码) printed', async (kind, official) => {
    const data = receipt({ official });
    const text = await textOf(await renderReceiptPdf(data));
    expect(text).toContain('捐赠票据');
    expect(text).not.toContain('捐赠证明');
    expect(text).not.toContain('税前扣除');
    expect(text).toMatch(new RegExp(`票据代码：\\s*${official.code}`));
    expect(text).toMatch(new RegExp(`票据号码：\\s*${official.number}`));
    if (kind === 'fiscal') expect(text).toMatch(/校验码：\s*a1b2c3/);
    else expect(text).not.toContain('校验码');
    expect(text).toContain(data.receiptNo);
    for (const value of [data.donorName, data.invoiceTitle, data.campaignTitle, data.organisation]) expect(text).toContain(value);
  });

  it('embeds the subset Chinese font with a ToUnicode map and uses no other font', async () => {
    const pdf = await renderReceiptPdf(receipt());
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(raw).toContain('/ToUnicode');

    const fonts = await withTempDir(async (dir) => {
      await writeFile(join(dir, 'receipt.pdf'), pdf);
      return (await run('pdffonts', [join(dir, 'receipt.pdf')])).stdout.trim().split('\n').slice(2);
    });
    expect(fonts).toHaveLength(1);
    // name, type (CID TrueType), encoding, then emb / sub / uni all "yes"
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
  });

  it('draws a QR code that decodes back to the verification link', async () => {
    const data = receipt();
    expect(await decodeQrOnPage1(await renderReceiptPdf(data))).toBe(data.verifyUrl);
  });

  it('keeps a long QR link decodable', async () => {
    const data = receipt();
    data.verifyUrl += `&t=${randomBytes(40).toString('hex')}`;
    expect(await decodeQrOnPage1(await renderReceiptPdf(data))).toBe(data.verifyUrl);
  });

  it('encodes the QR link as one byte-mode segment, without searching for a mixed-mode split per receipt', () => {
    // A link of mixed case with runs of digits: qrcode's search would split it into four segments.
    const url = 'https://wennuan.example.org/verify/WN2020-2026-00012345?s=AbCdEfGhIjKlMnOpQrStUv';
    expect(create(url, { errorCorrectionLevel: 'M' }).segments.length).toBeGreaterThan(1);
    const byte = create([{ data: Buffer.from(url, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
    const drawn = verifyQrModules(url);
    expect(drawn.size).toBe(byte.size);
    drawn.rows.forEach((runs, row) => {
      const dark = Array.from({ length: byte.size }, (_, col) => runs.some(([start, end]) => col >= start && col < end));
      expect(dark).toEqual(Array.from({ length: byte.size }, (_, col) => Boolean(byte.get(row, col))));
    });
  });

  it('marks a voided receipt with 作废 and leaves a live one unmarked', async () => {
    const data = receipt();
    const voided = await textOf(await renderReceiptPdf({ ...data, voided: true }), 'raw');
    const live = await textOf(await renderReceiptPdf(data), 'raw');
    expect(voided).toContain('作废');
    expect(live).not.toContain('作废');
    expect(voided).toContain(data.receiptNo);
  });

  it('lists in-kind items only when there are some', async () => {
    const items = [
      { name: '医用外科口罩', quantity: 10000, unit: '只' },
      { name: '医用防护服', quantity: 200, unit: '套' },
    ];
    const goods = await textOf(await renderReceiptPdf(receipt({ items })));
    expect(rowValue(goods, 'items')).toBe('医用外科口罩 10,000 只；医用防护服 200 套');
    const cash = await textOf(await renderReceiptPdf(receipt({ items: [] })));
    expect(cash).not.toContain(rowLabel('items'));
  });

  it('wraps a long invoice title instead of cutting it', async () => {
    const invoiceTitle = '中国建筑第八工程局有限公司华中分公司武汉市光谷科技园区第三项目经理部工会委员会';
    const text = await textOf(await renderReceiptPdf(receipt({ invoiceTitle })), 'raw');
    expect(text.replace(/\s+/g, '')).toContain(invoiceTitle);
    expect(text).not.toContain('…');
  });

  it("prints the Art. 6 fields: 交款人 and an organisation's 统一社会信用代码, 项目编码, 备注, 开票日期, 开票单位, 复核人, 收款人", async () => {
    const data = receipt({
      payerCreditCode: '91350100M000100Y43',
      projectCode: 'warm-wuhan/medical',
      remark: '订单号 WH2020020112345678901234',
      reviewer: '李审核',
      payee: '王会计',
    });
    const text = await textOf(await renderReceiptPdf(data));
    expect(rowValue(text, 'invoiceTitle')).toBe(data.invoiceTitle);
    expect(rowLabel('invoiceTitle')).toBe('交款人');
    expect(rowValue(text, 'payerCreditCode')).toBe('91350100M000100Y43');
    expect(rowValue(text, 'projectCode')).toBe('warm-wuhan/medical');
    expect(rowValue(text, 'remark')).toBe('订单号 WH2020020112345678901234');
    expect(text).toMatch(/开票日期：\s*2020年02月03日/);
    expect(text).toMatch(/开票单位（盖章）：\s*北京市温暖基金会/);
    expect(text).toMatch(/复核人：\s*李审核/);
    expect(text).toMatch(/收款人：\s*王会计/);
    // An individual: no credit-code row; a payee not configured leaves the field to sign by hand.
    const person = await textOf(await renderReceiptPdf(receipt({ reviewer: '系统自动核验' })));
    expect(person).not.toContain(rowLabel('payerCreditCode'));
    expect(person).toMatch(/复核人：\s*系统自动核验/);
    expect(person).toMatch(/收款人：\s*$/m);
  });

  it('lists every gift of an aggregate (date, order number, amount) after the first page, with the total in figures and capitals', async () => {
    const gifts = Array.from({ length: 14 }, (_, i) => ({
      donatedAt: new Date(Date.UTC(2020, 1, 1 + i, 2)),
      orderNo: `WH202002${String(1 + i).padStart(2, '0')}${'ABCDEFGHJKMNPQ'}`,
      amountFen: 10000 + i,
    }));
    const amountFen = gifts.reduce((sum, g) => sum + g.amountFen, 0);
    const data = receipt({ amountFen, gifts, donatedAt: gifts[13].donatedAt });
    const pdf = await renderReceiptPdf(data);
    const text = await textOf(pdf);
    expect(rowValue(text, 'donatedAt')).toBe('2020年02月01日 至 2020年02月14日');
    expect(rowValue(text, 'remark')).toBe('合并开具 14 笔捐赠，逐笔明细见附页');
    const pages = text.split('\f');
    expect(pages.filter((p) => p.trim() !== '')).toHaveLength(3); // 11 gifts a page
    gifts.forEach((g, i) => {
      const line = new RegExp(
        `^\\s*${i + 1}\\s+${formatShanghaiDate(g.donatedAt)}\\s+${g.orderNo}\\s+${formatYuanDisplay(g.amountFen).replace('.', '\\.')}\\s*$`,
        'm',
      );
      expect(text).toMatch(line);
    });
    expect(pages[2]).toMatch(new RegExp(`合计\\s+14\\s*笔\\s+${toChineseCapitals(amountFen)}\\s+${formatYuanDisplay(amountFen).replace('.', '\\.')}`));
    expect(pages[1]).not.toContain('合计');
    expect(pages[1]).toContain(data.receiptNo);
    // A single gift has no list.
    expect((await textOf(await renderReceiptPdf(receipt()))).split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
  });

  it('gives the same bytes for the same data', async () => {
    const data = receipt();
    const [first, second] = await Promise.all([renderReceiptPdf(data), renderReceiptPdf(data)]);
    expect(first.equals(second)).toBe(true);
  });

  it('refuses an amount that is not a whole number of fen', async () => {
    await expect(renderReceiptPdf(receipt({ amountFen: 12.5 }))).rejects.toThrow(RangeError);
  });
});

describe('formatShanghaiDate', () => {
  it('gives the calendar day in Asia/Shanghai', () => {
    expect(formatShanghaiDate(new Date('2020-01-31T15:59:59Z'))).toBe('2020年01月31日');
    expect(formatShanghaiDate(new Date('2020-01-31T16:00:00Z'))).toBe('2020年02月01日');
    expect(formatShanghaiDate(new Date('2021-12-31T16:00:00Z'))).toBe('2022年01月01日');
  });
});

describe('the receipt font', () => {
  it('is parsed once per process and shared by every document (pdfkit gets the parsed font, not the bytes); each PDF embeds only its own glyphs', async () => {
    await renderReceiptPdf(receipt()); // the first render of the process parses it
    mockFontsGiven.length = 0;
    const small = await renderReceiptPdf(receipt({ donorName: '张伟' }));
    const more = await renderReceiptPdf(receipt({ donorName: '喆昇堃赟犇', invoiceTitle: '喆昇堃赟犇鑫淼焱垚' }));
    expect(mockFontsGiven).toHaveLength(2);
    expect(Buffer.isBuffer(mockFontsGiven[0])).toBe(false);
    expect(typeof (mockFontsGiven[0] as { layout?: unknown }).layout).toBe('function');
    expect(mockFontsGiven[1]).toBe(mockFontsGiven[0]);
    // Its layout is layoutsKept's (receipt-font.spec.ts), not fontkit's own: labels are shaped once per process.
    const given = mockFontsGiven[0] as { layout: unknown };
    expect(Object.prototype.hasOwnProperty.call(given, 'layout')).toBe(true);
    expect(given.layout).not.toBe((Object.getPrototypeOf(given) as { layout: unknown }).layout);
    // The 3 MB font is subset into each document: a few dozen glyphs, tens of kilobytes.
    expect(small.length).toBeLessThan(100_000);
    expect(more.length).toBeGreaterThan(small.length);
    expect((await textOf(more)).replace(/\s+/g, '')).toContain('喆昇堃赟犇');
  });
});
