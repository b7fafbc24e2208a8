import { create } from 'qrcode';

export interface QrModules {
  /** Modules per side. */
  size: number;
  /** Dark modules of each row as [start, end) column runs, so a row is drawn as few rectangles. */
  rows: [number, number][][];
}

/**
 * The modules of the verification QR code, without a quiet zone (the layout leaves white space
 * around it). Drawn as vector squares: sharp at any zoom or print resolution, and far cheaper
 * than encoding a PNG that pdfkit then decodes and re-compresses for every receipt.
 */
export function verifyQrModules(verifyUrl: string): QrModules {
  if (verifyUrl === '') throw new RangeError('verifyUrl is empty');
  // M recovers from about 15% damage (a stamp or a crease) and keeps the code small. The link is
  // one byte-mode segment: given a bare string, qrcode searches (Dijkstra over every split into
  // numeric, alphanumeric and byte runs) for the shortest encoding, which cost half of the code's
  // time for a few bits on a link of mixed case; scanners read either alike.
  const { modules } = create([{ data: Buffer.from(verifyUrl, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const rows: [number, number][][] = [];
  for (let row = 0; row < modules.size; row += 1) {
    const runs: [number, number][] = [];
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      runs.push([start, col]);
    }
    rows.push(runs);
  }
  return { size: modules.size, rows };
}
