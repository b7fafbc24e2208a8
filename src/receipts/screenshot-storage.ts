import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DomainError } from '../common/errors';
import { sniffImage } from '../common/image-type';
import { StorageDir } from '../common/storage-dir';
import { SCREENSHOTS_FOLDER } from '../jobs/retention-jobs';

/** Largest payment screenshot accepted (a phone screenshot is 0.2–3 MB). */
export const SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;

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
