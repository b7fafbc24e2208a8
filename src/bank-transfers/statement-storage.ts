import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { StorageDir } from '../common/storage-dir';

/**
 * Uploaded bank statements waiting for (or kept after) an import job, under $STORAGE_DIR/imports
 * with a random name: outside the web root, never served, read only by the import worker.
 * STORAGE_DIR must be shared by the API and worker processes (as for receipt PDFs).
 */
@Injectable()
export class StatementStorage {
  constructor(private readonly files: StorageDir) {}

  /** Stores the bytes atomically; returns the path relative to STORAGE_DIR (`imports/<uuid>`). */
  async store(bytes: Buffer): Promise<string> {
    const relative = join('imports', randomUUID());
    await this.files.write(relative, bytes, { mode: 0o600 });
    return relative;
  }

  async read(relative: string): Promise<Buffer> {
    return this.files.read(relative);
  }
}
