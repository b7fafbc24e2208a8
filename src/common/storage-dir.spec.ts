import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { StorageDir } from './storage-dir';

describe('StorageDir', () => {
  let root: string;
  let storage: StorageDir;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'wennuan-storage-'));
    storage = new StorageDir({ storageDir: root } as AppConfig);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lets many writes of one file at once all succeed, leaving one whole file and no temp file', async () => {
    // A receipt job started again while it still runs writes the same PDF twice at the same moment.
    const versions = Array.from({ length: 8 }, (_, i) => Buffer.alloc(64 * 1024, i));
    await Promise.all(versions.map((bytes) => storage.write('receipts/2026/WH-2026-00000001.pdf', bytes)));
    const written = await readFile(join(root, 'receipts/2026/WH-2026-00000001.pdf'));
    expect(versions.some((v) => v.equals(written))).toBe(true);
    expect(await readdir(join(root, 'receipts/2026'))).toEqual(['WH-2026-00000001.pdf']);
  });

  it('never writes outside its directory', async () => {
    await expect(storage.write('../escape.pdf', Buffer.from('x'))).rejects.toThrow();
    expect(await readdir(root)).toEqual([]);
  });
});
