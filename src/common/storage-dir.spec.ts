import fs from 'node:fs';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
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

  describe('durably', () => {
    let events: string[];
    let target: string;
    let proto: { datasync: () => Promise<void>; sync: () => Promise<void> };

    beforeEach(async () => {
      // Node's FileHandle class is not exported: its prototype, from a handle of our own.
      const handle = await open(root, 'r');
      proto = Object.getPrototypeOf(handle) as typeof proto;
      await handle.close();
      events = [];
      const datasync = proto.datasync;
      const sync = proto.sync;
      // Each flush notes whether the file is in place yet: the bytes must be on disk before the rename, the rename after.
      jest.spyOn(proto, 'datasync').mockImplementation(function (this: unknown) {
        events.push(`file bytes flushed, ${existsSync(target) ? 'in place' : 'not in place'}`);
        return datasync.call(this);
      });
      jest.spyOn(proto, 'sync').mockImplementation(function (this: unknown) {
        events.push(`folder flushed, ${existsSync(target) ? 'in place' : 'not in place'}`);
        return sync.call(this);
      });
      // A write stream's `flush` option fsyncs its descriptor through the fs module (a streamed export).
      const fsync = fs.fsync;
      jest.spyOn(fs, 'fsync').mockImplementation((fd, callback) => {
        events.push(`file bytes flushed, ${existsSync(target) ? 'in place' : 'not in place'}`);
        fsync(fd, callback);
      });
    });

    afterEach(() => jest.restoreAllMocks());

    it('flushes the bytes before the file is renamed into place, and the folder after (the database records the file once write returns)', async () => {
      target = join(root, 'receipts/2026/WH-2026-00000002.pdf');
      await storage.write('receipts/2026/WH-2026-00000001.pdf', Buffer.from('first'));
      events = [];
      await storage.write('receipts/2026/WH-2026-00000002.pdf', Buffer.from('%PDF-1.7 second'));
      expect(events).toEqual(['file bytes flushed, not in place', 'folder flushed, in place']);
      expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 second');
    });

    it('with flush: false (a file its reader can make again) writes it atomically and flushes nothing', async () => {
      target = join(root, 'receipts/2026/WH-2026-00000003.pdf');
      await storage.write('receipts/2026/WH-2026-00000001.pdf', Buffer.from('first'));
      events = [];
      await storage.write('receipts/2026/WH-2026-00000003.pdf', Buffer.from('%PDF-1.7 third'), { flush: false });
      expect(events).toEqual([]);
      expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 third');
      expect((await readdir(join(root, 'receipts/2026'))).sort()).toEqual(['WH-2026-00000001.pdf', 'WH-2026-00000003.pdf']);
    });

    it('flushes each folder it makes into its parent, the first file in a new year too', async () => {
      target = join(root, 'receipts/2027/WH-2027-00000001.pdf');
      await storage.write('receipts/2027/WH-2027-00000001.pdf', Buffer.from('%PDF-1.7'));
      // receipts/ and receipts/2027/ made: root and receipts/ flushed; then the bytes, then the folder of the file.
      expect(events).toEqual(['folder flushed, not in place', 'folder flushed, not in place', 'file bytes flushed, not in place', 'folder flushed, in place']);
    });

    it('shares a folder flush among the writes renamed while one runs, each resolving after a flush begun after its rename', async () => {
      await storage.write('receipts/2026/WH-2026-00000000.pdf', Buffer.from('first'));
      const names = Array.from({ length: 8 }, (_, i) => `WH-2026-0000001${i}.pdf`);
      const folder = join(root, 'receipts/2026');
      const seen: string[][] = [];
      let releaseFirst: () => void = () => undefined;
      const firstHeld = new Promise<void>((release) => (releaseFirst = release));
      jest.spyOn(proto, 'sync').mockImplementation(async function () {
        // What is in the folder when this flush begins is what it makes durable.
        seen.push((await readdir(folder)).filter((name) => names.includes(name)));
        if (seen.length === 1) await firstHeld; // a slow disk: the first flush still runs while the others rename
      });
      const done: string[] = [];
      const writes = names.map((name) => storage.write(`receipts/2026/${name}`, Buffer.from(name)).then(() => done.push(name)));
      // Wait for every rename, the first flush still held, then let the disk go on.
      while ((await readdir(folder)).filter((name) => names.includes(name)).length < names.length) await new Promise((r) => setTimeout(r, 2));
      expect(done).toEqual([]);
      releaseFirst();
      await Promise.all(writes);
      // One flush that began with some files in place, one more for all those renamed meanwhile: not one each.
      expect(seen).toHaveLength(2);
      expect([...seen[1]].sort()).toEqual(names);
      expect(done.sort()).toEqual(names);
    });

    it('flushes a streamed file (an export) before it is renamed into place', async () => {
      target = join(root, 'exports/ledger.csv');
      await storage.writeStream('exports/ledger.csv', Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]));
      expect(events).toEqual(['folder flushed, not in place', 'file bytes flushed, not in place', 'folder flushed, in place']);
      expect(await readFile(target, 'utf8')).toBe('a,b\n1,2\n');
    });
  });

  it('never writes outside its directory', async () => {
    await expect(storage.write('../escape.pdf', Buffer.from('x'))).rejects.toThrow();
    expect(await readdir(root)).toEqual([]);
  });
});
