import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
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

/** Flushes a directory's entries (a file renamed into it, a folder made in it) to the disk. */
async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * Directory flushes shared by the writes that need them (a group commit): a write that renamed its
 * file waits for a flush that starts after its rename; while one runs, the writes arriving meanwhile
 * all wait for the one next flush. Receipts come many a second into one folder: each flush costs
 * the disk a journal commit, and one covers every rename made before it began.
 */
class DirectoryFlushes {
  private readonly running = new Map<string, Promise<void>>();
  private readonly next = new Map<string, Promise<void>>();

  flush(folder: string): Promise<void> {
    const waiting = this.next.get(folder);
    if (waiting) return waiting; // not started yet: it covers this rename too
    const before = this.running.get(folder)?.catch(() => undefined) ?? Promise.resolve();
    const flush = before.then(() => {
      this.next.delete(folder);
      const run = syncDirectory(folder).finally(() => {
        if (this.running.get(folder) === run) this.running.delete(folder);
      });
      this.running.set(folder, run);
      return run;
    });
    this.next.set(folder, flush);
    return flush;
  }
}

/**
 * Files under $STORAGE_DIR (receipt PDFs, screenshots, statements, attachments): written atomically
 * (a temp file renamed into place), and never outside the directory whatever path is asked for.
 * Durably, too: the database records a file (a receipt PDF's hash, a screenshot's path) once it is
 * written, so a power cut after that commit must not lose it. The temp file's bytes reach the disk
 * before the rename, and the rename (and a folder just made) before the write returns; writes into
 * one folder at once share its flushes. A file its reader can make again from the database (a
 * receipt PDF: see ReceiptStorage) is written with `flush: false`: still atomically, not flushed.
 */
@Injectable()
export class StorageDir {
  private readonly root: string;
  private readonly folders = new DirectoryFlushes();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.storageDir);
  }

  /**
   * `flush: false` leaves the bytes and the rename to the kernel's writeback: after a power cut the
   * file may be missing or cut short, which its reader must detect (a recorded hash) and repair.
   */
  async write(relative: string, bytes: Buffer, options: { mode?: number; flush?: boolean } = {}): Promise<void> {
    const absolute = this.absolute(relative);
    const temp = tempName(absolute);
    const flush = options.flush !== false;
    const put = async () => {
      const file = await open(temp, 'wx', options.mode);
      try {
        await file.writeFile(bytes);
        if (flush) await file.datasync();
      } finally {
        await file.close();
      }
    };
    // The folder is there for all but the first file in it (a receipt PDF a second): it is made
    // only when the write says it is missing, not asked for before every file.
    try {
      await put().catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await this.makeFolder(dirname(absolute));
        await put();
      });
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await rename(temp, absolute);
    if (flush) await this.folders.flush(dirname(absolute));
  }

  /** Writes a stream (a large export) to a temp file, renamed into place once complete; returns its size. */
  async writeStream(relative: string, source: Readable, options: { mode?: number } = {}): Promise<number> {
    const absolute = this.absolute(relative);
    await this.makeFolder(dirname(absolute));
    const temp = tempName(absolute);
    // flush: the stream fsyncs its file before closing it, so the bytes are on disk before the rename.
    const out = createWriteStream(temp, { flush: true, mode: options.mode });
    try {
      await pipeline(source, out);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await rename(temp, absolute);
    await this.folders.flush(dirname(absolute));
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

  /** Makes a folder (and those above it) if missing; each one made is flushed into its parent. */
  private async makeFolder(folder: string): Promise<void> {
    const first = await mkdir(folder, { recursive: true });
    if (first === undefined) return;
    for (let made = folder; ; made = dirname(made)) {
      await syncDirectory(dirname(made));
      if (made === first || made === this.root) return;
    }
  }

  private absolute(relative: string): string {
    const absolute = resolve(this.root, relative);
    if (!absolute.startsWith(this.root + sep)) throw new Error('path outside the storage directory');
    return absolute;
  }
}
