import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away PostgreSQL server of our own (initdb in a temp dir), which a test may stop and start. */
export interface PrivatePostgres {
  url: string;
  start(): Promise<void>;
  /** Stops at once, as a crash would (pg_ctl -m immediate). */
  crash(): Promise<void>;
  destroy(): Promise<void>;
}

function bin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  return join('/usr/lib/postgresql', versions[versions.length - 1], 'bin', name);
}

/** Runs as the postgres user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function privatePostgres(port: number): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'wennuan-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const [cmd, args] = asPostgres(bin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  execFileSync(cmd, args, { stdio: 'pipe' });
  let server: ChildProcess | null = null;

  const ready = async () => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        execFileSync(bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'pipe' });
        return;
      } catch {
        if (Date.now() > deadline) throw new Error('private PostgreSQL did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/wennuan_faults`,
    async start() {
      const [c, a] = asPostgres(bin('postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dir, '-c', 'fsync=off']);
      server = spawn(c, a, { stdio: 'ignore' });
      await ready();
    },
    async crash() {
      const [c, a] = asPostgres(bin('pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w']);
      execFileSync(c, a, { stdio: 'pipe' });
      server = null;
    },
    async destroy() {
      if (server) await pg.crash().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
