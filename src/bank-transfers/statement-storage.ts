import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PiiCipher } from '../common/pii-cipher';
import { StorageDir } from '../common/storage-dir';

/** The AAD of a sealed statement: a sealed file of another kind cannot be read as one. */
const PURPOSE = 'bank-statement';

/**
 * Uploaded bank statements waiting for (or kept after) an import job, under $STORAGE_DIR/imports
 * with a random name: outside the web root, never served, read only by the import worker.
 * They hold payers' names and account numbers, so they are sealed with the personal-data cipher
 * (AES-256-GCM under PII_ENCRYPTION_KEY, as in the database) before they touch the disk; a
 * statement is at most 20 MB, sealed in one piece. STORAGE_DIR must be shared by the API and worker
 * processes (as for receipt PDFs).
 */
@Injectable()
export class StatementStorage {
  constructor(
    private readonly files: StorageDir,
    private readonly cipher: PiiCipher,
  ) {}

  /** Stores the sealed bytes atomically; returns the path relative to STORAGE_DIR (`imports/<uuid>`). */
  async store(bytes: Buffer): Promise<string> {
    const relative = join('imports', randomUUID());
    await this.files.write(relative, this.cipher.sealBytes(bytes, PURPOSE), { mode: 0o600 });
    return relative;
  }

  async read(relative: string): Promise<Buffer> {
    const stored = await this.files.read(relative);
    // Statements stored before they were sealed are still read until retention deletes them.
    return PiiCipher.isSealed(stored) ? this.cipher.openBytes(stored, PURPOSE) : stored;
  }
}
