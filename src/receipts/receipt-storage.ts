import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { StorageDir } from '../common/storage-dir';

export function pdfSha256(pdf: Buffer): string {
  return createHash('sha256').update(pdf).digest('hex');
}

/**
 * Receipt PDFs under $STORAGE_DIR/receipts/<prefix>/<year>/<receiptNo>.pdf, written atomically but
 * not flushed to the disk one by one: a receipt's PDF is a function of its record (the renderer is
 * pure, its dates come from the record), so a file a power cut lost or cut short is rendered again
 * from the ledger when it is next read (ReceiptIssuerService.storedPdf), and its recorded hash says
 * whether the bytes on disk are the ones issued. The per-file flush cost the issuing worker about a
 * fifth of its rate (docs/BENCHMARKS.md).
 */
@Injectable()
export class ReceiptStorage {
  constructor(private readonly files: StorageDir) {}

  async store(receiptNo: string, pdf: Buffer): Promise<{ path: string; sha256: string }> {
    const [prefix, year] = receiptNo.split('-');
    const relative = join('receipts', prefix, year, `${receiptNo}.pdf`);
    await this.files.write(relative, pdf, { flush: false });
    return { path: relative, sha256: pdfSha256(pdf) };
  }

  /** The stored bytes, or null when the file is not there. */
  async read(relative: string): Promise<Buffer | null> {
    return this.files.read(relative).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }
}
