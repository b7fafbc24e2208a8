import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Uploaded bank statements waiting for (or kept after) an import job, under $STORAGE_DIR/imports
 * with a random name: outside the web root, never served, read only by the import worker.
 * STORAGE_DIR must be shared by the API and worker processes (as for receipt PDFs).
 */
@Injectable()
export class StatementStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.storageDir);
  }

  /** Stores the bytes atomically; returns the path relative to STORAGE_DIR (`imports/<uuid>`). */
  async store(bytes: Buffer): Promise<string> {
    const relative = join('imports', randomUUID());
    const absolute = this.absolute(relative);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(`${absolute}.tmp`, bytes, { mode: 0o600 });
    await rename(`${absolute}.tmp`, absolute);
    return relative;
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
