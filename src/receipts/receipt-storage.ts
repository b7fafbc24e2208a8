import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Receipt PDFs under $STORAGE_DIR/receipts/<prefix>/<year>/<receiptNo>.pdf, written atomically. */
@Injectable()
export class ReceiptStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.storageDir);
  }

  async store(receiptNo: string, pdf: Buffer): Promise<{ path: string; sha256: string }> {
    const [prefix, year] = receiptNo.split('-');
    const relative = join('receipts', prefix, year, `${receiptNo}.pdf`);
    const absolute = this.absolute(relative);
    await mkdir(dirname(absolute), { recursive: true });
    const temp = `${absolute}.${process.pid}.tmp`;
    await writeFile(temp, pdf);
    await rename(temp, absolute);
    return { path: relative, sha256: createHash('sha256').update(pdf).digest('hex') };
  }

  async read(relative: string): Promise<Buffer> {
    return readFile(this.absolute(relative));
  }

  private absolute(relative: string): string {
    const absolute = resolve(this.root, relative);
    if (!absolute.startsWith(this.root + sep)) throw new Error('path outside the storage directory');
    return absolute;
  }
}
