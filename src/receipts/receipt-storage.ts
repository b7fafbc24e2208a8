import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { StorageDir } from '../common/storage-dir';

/** Receipt PDFs under $STORAGE_DIR/receipts/<prefix>/<year>/<receiptNo>.pdf, written atomically. */
@Injectable()
export class ReceiptStorage {
  constructor(private readonly files: StorageDir) {}

  async store(receiptNo: string, pdf: Buffer): Promise<{ path: string; sha256: string }> {
    const [prefix, year] = receiptNo.split('-');
    const relative = join('receipts', prefix, year, `${receiptNo}.pdf`);
    await this.files.write(relative, pdf);
    return { path: relative, sha256: createHash('sha256').update(pdf).digest('hex') };
  }

  async read(relative: string): Promise<Buffer> {
    return this.files.read(relative);
  }
}
