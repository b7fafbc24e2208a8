/** The images staff and donors may upload (payment screenshots, disbursement proofs), told apart by their first bytes. */
const KINDS: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    ext: 'png',
    test: (b) =>
      b.length > 24 &&
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
      b.subarray(12, 16).toString('latin1') === 'IHDR',
  },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b) => b.length > 16 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** The image type of `bytes` by their content (not by the name or the type the client claims). */
export function sniffImage(bytes: Buffer): { type: string; ext: string } | null {
  const kind = KINDS.find((k) => k.test(bytes));
  return kind ? { type: kind.type, ext: kind.ext } : null;
}
