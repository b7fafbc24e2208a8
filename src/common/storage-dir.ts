import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * A temp file beside the target, its own for every write: two writes of one file at once (a job started again
 * while still running) must not rename each other's temp file away.
 */
function tempName(absolute: string): string {
  return `${absolute}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

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
    const temp = tempName(absolute);
    const put = () => writeFile(temp, bytes, options.mode === undefined ? undefined : { mode: options.mode });
    // The folder is there for all but the first file in it (a receipt PDF a second): it is made
    // only when the write says it is missing, not asked for before every file.
    await put().catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dirname(absolute), { recursive: true });
      await put();
    });
    await rename(temp, absolute);
  }

  /** Writes a stream (a large export) to a temp file, renamed into place once complete; returns its size. */
  async writeStream(relative: string, source: Readable, options: { mode?: number } = {}): Promise<number> {
    const absolute = this.absolute(relative);
    await mkdir(dirname(absolute), { recursive: true });
    const temp = tempName(absolute);
    const out = createWriteStream(temp, options.mode === undefined ? undefined : { mode: options.mode });
    try {
      await pipeline(source, out);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await rename(temp, absolute);
    return out.bytesWritten;
  }

  read(relative: string): Promise<Buffer> {
    return readFile(this.absolute(relative));
  }

  /** Deletes a file; a file already gone is not an error. */
  async remove(relative: string): Promise<void> {
    await rm(this.absolute(relative), { force: true });
  }

  /** The files directly in a folder with their last change, for retention; none when the folder does not exist. */
  async files(folder: string): Promise<{ path: string; modifiedAt: Date }[]> {
    const dir = this.absolute(folder);
    const names = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const out: { path: string; modifiedAt: Date }[] = [];
    for (const entry of names) {
      if (!entry.isFile()) continue;
      const info = await stat(join(dir, entry.name)).catch(() => null);
      if (info) out.push({ path: join(folder, entry.name), modifiedAt: info.mtime });
    }
    return out;
  }

  private absolute(relative: string): string {
    const absolute = resolve(this.root, relative);
    if (!absolute.startsWith(this.root + sep)) throw new Error('path outside the storage directory');
    return absolute;
  }
}
