// `npm run build:console`: bundles the staff console's TypeScript (console/src/main.ts) with esbuild into one
// content-hashed file, templates/console-build/staff-console-<hash>.js, and writes templates/console-build/manifest.json
// ({ "main": "staff-console-<hash>.js" }), which src/console/console.controller.ts reads to name the script in the
// page (served at /assets/<name> with a year-long immutable cache). The hash is the first 64 bits of the
// content's SHA-256 spelt in the letters a-p (one per hex digit), so the name stays a plain /assets/staff-*.js one.
// Build output, git-ignored: run by `npm run build`, the jest global setup (so every e2e run has a fresh bundle),
// scripts/demo.sh (through `npm run build`) and the Dockerfile.
// Plain ES2019, no eval, no inline code: the page's CSP (script-src 'self') stays as it is.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'templates', 'console-build');

export async function buildConsole({ quiet = false } = {}) {
  const result = await build({
    entryPoints: { console: join(root, 'console', 'src', 'main.ts') },
    bundle: true,
    format: 'iife',
    // Tablets a few years old (iPadOS 13, Chrome 80 on Android).
    target: ['es2019', 'safari13', 'chrome80'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    tsconfig: join(root, 'console', 'tsconfig.json'),
    write: false,
    outdir,
    logLevel: quiet ? 'error' : 'warning',
  });
  const file = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!file) throw new Error('esbuild wrote no console bundle');
  // Only the new bundle and its manifest stay: old hashes go, written whole before the manifest names them.
  mkdirSync(outdir, { recursive: true });
  const hex = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
  const name = `staff-console-${[...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('')}.js`;
  for (const old of readdirSync(outdir)) if (old !== name) rmSync(join(outdir, old), { force: true });
  writeFileSync(join(outdir, name), file.contents);
  writeFileSync(join(outdir, 'manifest.json'), `${JSON.stringify({ main: name }, null, 2)}\n`);
  if (!quiet) process.stdout.write(`console bundle: templates/console-build/${name} (${file.contents.length} bytes)\n`);
  return { file: name, bytes: file.contents.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildConsole({ quiet: process.argv.includes('--quiet') }).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
