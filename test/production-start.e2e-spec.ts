import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// scripts/start.sh is how production starts the service (the Dockerfile, `npm run start:prod`,
// scripts/demo.sh): with the Node/V8 flags of deploy/node-flags, in node's own process.
const ROOT = resolve(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the production start', () => {
  let bin: string;

  beforeAll(() => {
    // A stand-in `node` first on PATH: it notes its process id, its directory and its arguments.
    bin = mkdtempSync(join(tmpdir(), 'wennuan-start-'));
    writeFileSync(join(bin, 'node'), `#!/bin/sh\nprintf '%s\\n' "$$" "$PWD" "$@" > "${bin}/called"\n`);
    chmodSync(join(bin, 'node'), 0o755);
  });

  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('runs dist/main.js from the project directory with the flags of deploy/node-flags, as node itself (exec: SIGTERM reaches it)', () => {
    const child = spawnSync('sh', [join(ROOT, 'scripts/start.sh')], { cwd: tmpdir(), env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(child.status).toBe(0);
    const [pid, cwd, ...args] = readFileSync(join(bin, 'called'), 'utf8').trim().split('\n');
    expect(Number(pid)).toBe(child.pid);
    expect(cwd).toBe(ROOT);
    expect(args).toEqual(['--max-semi-space-size=16', 'dist/main.js']);
  });

  it('passes flags this Node accepts (a mistyped one would stop the service at start)', () => {
    const flags = read('deploy/node-flags').replace(/#.*/g, '').split(/\s+/).filter(Boolean);
    expect(flags.length).toBeGreaterThan(0);
    expect(execFileSync(process.execPath, [...flags, '-e', 'process.stdout.write("started")']).toString()).toBe('started');
  });

  it('is the start of the Docker image, of npm run start:prod and of the demo', () => {
    expect(read('Dockerfile')).toMatch(/^CMD \["sh", "scripts\/start\.sh"\]$/m);
    expect(read('Dockerfile')).toMatch(/^COPY scripts\/start\.sh \.\/scripts\/$/m);
    expect(read('Dockerfile')).toMatch(/^COPY deploy\/node-flags \.\/deploy\/$/m);
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['start:prod']).toBe('sh scripts/start.sh');
    expect(read('scripts/demo.sh').trimEnd().split('\n').pop()).toBe('exec sh scripts/start.sh');
  });
});
