import { Inject, Injectable } from '@nestjs/common';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Files under $STORAGE_DIR (receipt PDFs, screenshots, statements, attachments): written atomically
 * (a temp file renamed into place), and never outside the directory whatever path is asked for.
 */
@Injectable()
export class StorageDir {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.storageDir);
  }

  async write(relative: string, bytes: Buffer, options: { mode?: number } = {}): Promise<void> {
    const absolute = this.absolute(relative);
    await mkdir(dirname(absolute), { recursive: true });
    const temp = `${absolute}.${process.pid}.tmp`;
    await writeFile(temp, bytes, options.mode === undefined ? undefined : { mode: options.mode });
    await rename(temp, absolute);
  }

  read(relative: string): Promise<Buffer> {
    return readFile(this.absolute(relative));
  }

  private absolute(relative: string): string {
    const absolute = resolve(this.root, relative);
    if (!absolute.startsWith(this.root + sep)) throw new Error('path outside the storage directory');
    return absolute;
  }
}
