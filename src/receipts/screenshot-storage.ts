import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DomainError } from '../common/errors';
import { StorageDir } from '../common/storage-dir';

/** Largest payment screenshot accepted (a phone screenshot is 0.2–3 MB). */
export const SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;

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

/** Where screenshots are kept under STORAGE_DIR (the orphan sweep lists this folder). */
export const SCREENSHOTS_FOLDER = join('uploads', 'screenshots');

/**
 * Payment screenshots, kept under $STORAGE_DIR/uploads/screenshots with a random name: outside
 * the web root, never served except to staff, never named by what the donor uploaded. A file is
 * written just before its request is stored and removed again if storing fails; a crash between
 * the two leaves a file no request names, which the orphan sweep deletes.
 */
@Injectable()
export class ScreenshotStorage {
  constructor(private readonly files: StorageDir) {}

  /** The path a valid screenshot will be stored at; refuses anything but a PNG, JPEG or WebP image of at most 5 MB. */
  pathFor(bytes: Buffer): string {
    const kind = sniffImage(bytes);
    if (!kind || bytes.length > SCREENSHOT_MAX_BYTES) {
      throw new DomainError('INVALID_SCREENSHOT', '付款截图须为 PNG、JPEG 或 WebP 图片，且不超过 5 MB');
    }
    return join(SCREENSHOTS_FOLDER, `${randomUUID()}.${kind.ext}`);
  }

  write(relative: string, bytes: Buffer): Promise<void> {
    return this.files.write(relative, bytes);
  }

  remove(relative: string): Promise<void> {
    return this.files.remove(relative);
  }

  async read(relative: string): Promise<{ bytes: Buffer; type: string }> {
    const bytes = await this.files.read(relative);
    return { bytes, type: sniffImage(bytes)?.type ?? 'application/octet-stream' };
  }
}
