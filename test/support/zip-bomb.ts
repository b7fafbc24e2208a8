/**
 * XLSX files built byte by byte (ZIP with deflate, zlib's CRC-32), so that a test can make what no
 * spreadsheet program would: a decompression bomb, or one whose ZIP headers lie about its sizes.
 */
import { crc32, deflateRawSync } from 'node:zlib';

interface ZipEntry {
  name: string;
  data: Buffer;
  /** The inflated size the headers claim; the truth unless a test wants a lie. */
  declaredSize?: number;
}

// Deflating 300 MB takes seconds: a bomb and its lying twin share the work.
const deflated = new WeakMap<Buffer, Buffer>();

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflated.get(entry.data) ?? deflateRawSync(entry.data, { level: 9 });
    deflated.set(entry.data, packed);
    const crc = crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const HEADER_ROW =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>bankReference</t></is></c><c r="B1" t="inlineStr"><is><t>amountYuan</t></is></c><c r="C1" t="inlineStr"><is><t>payerName</t></is></c><c r="D1" t="inlineStr"><is><t>receivedAt</t></is></c><c r="E1" t="inlineStr"><is><t>payerAccount</t></is></c></row>';

/** A minimal workbook around one worksheet's `<sheetData>` content. */
const sheets = new WeakMap<Buffer, Buffer>();

export function xlsx(sheetRows: Buffer, options: { declaredSheetSize?: number } = {}): Buffer {
  const sheet =
    sheets.get(sheetRows) ??
    Buffer.concat([
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${HEADER_ROW}`,
      ),
      sheetRows,
      Buffer.from('</sheetData></worksheet>'),
    ]);
  sheets.set(sheetRows, sheet);
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="流水" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: options.declaredSheetSize },
  ]);
}

/** `count` copies of one statement row (no `r` attributes: they are optional, and identical rows compress best). */
export function repeatedRows(
  count: number,
  row = '<row><c t="inlineStr"><is><t>BOMB</t></is></c><c><v>1</v></c><c t="inlineStr"><is><t>x</t></is></c></row>',
): Buffer {
  const one = Buffer.from(row);
  return Buffer.alloc(one.length * count, one);
}

/** Rows of a real statement (`lines` of them), numbered like a spreadsheet program writes them. */
export function statementRows(lines: { bankReference: string; amountYuan: string; payerName: string; receivedAt: string }[]): Buffer {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  return Buffer.from(
    lines
      .map((l, i) => {
        const r = i + 2;
        return `<row r="${r}">${cell(`A${r}`, l.bankReference)}${cell(`B${r}`, l.amountYuan)}${cell(`C${r}`, l.payerName)}${cell(`D${r}`, l.receivedAt)}</row>`;
      })
      .join(''),
  );
}
