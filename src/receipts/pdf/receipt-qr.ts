import { toBuffer } from 'qrcode';

/**
 * PNG of the verification QR code, without a quiet zone (the layout leaves white space around
 * it) and with whole pixels per module so scaling in the PDF keeps the modules square.
 */
export async function renderVerifyQrPng(verifyUrl: string): Promise<Buffer> {
  if (verifyUrl === '') throw new RangeError('verifyUrl is empty');
  // M recovers from about 15% damage (a stamp or a crease) and keeps the code small.
  return toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 8 });
}
