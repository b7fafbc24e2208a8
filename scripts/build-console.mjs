// `npm run build:console`: bundles the staff console's TypeScript (console/src/main.ts) with esbuild into one
// content-hashed file, templates/console-build/staff-console-<hash>.js, and writes templates/console-build/manifest.json
// ({ "main": "staff-console-<hash>.js" }), which src/console/console.controller.ts reads to name the script in the
// page (served at /assets/<name> with a year-long immutable cache). The hash is the first 64 bits of the
// content's SHA-256 spelt in the letters a-p (one per hex digit), so the name stays a plain /assets/staff-*.js one.
// Build output, git-ignored: run by `npm run build`, the jest global setup (so every e2e run has a fresh bundle),
// scripts/demo.sh (through `npm run build`) and the Dockerfile.
// Plain ES2019, no eval, no inline code: the page's CSP (script-src 'self') stays as it is.
//
// It also bundles the donor pages' scripts (donor/src/*.js, buildDonorPages below) into templates/donor-build/, kept
// under their plain names (donate.js, receipt-request.js, campaign.js): src/bootstrap.ts serves that folder at /assets/
// beside templates/assets, with the same one-hour cache as the other assets, so the pages' URLs stay what they were.
// They read and write amounts with the server's own src/common/money.ts; the build fails when a donor bundle takes
// anything else from src/ (page weight) or no longer takes money.ts (a parser of its own again).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'templates', 'console-build');
const donorOutdir = join(root, 'templates', 'donor-build');
// Tablets a few years old (iPadOS 13, Chrome 80 on Android); the donor pages' phones alike.
const TARGET = ['es2019', 'safari13', 'chrome80'];
/** The donor pages' scripts: /assets/<name>.js from donor/src/<name>.js. */
export const DONOR_SCRIPTS = ['donate', 'receipt-request', 'campaign'];
/** All a donor bundle may take from src/. */
const DONOR_SRC_ALLOWED = new Set(['src/common/money.ts', 'src/common/donation-amount.ts']);

/** What both bundles are built with: one IIFE each, minified, in memory (written here once checked). */
function bundleOptions(quiet) {
  return {
    bundle: true,
    format: 'iife',
    target: TARGET,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    tsconfig: join(root, 'console', 'tsconfig.json'),
    write: false,
    logLevel: quiet ? 'error' : 'warning',
  };
}

export async function buildConsole({ quiet = false } = {}) {
  const result = await build({
    entryPoints: { console: join(root, 'console', 'src', 'main.ts') },
    ...bundleOptions(quiet),
    outdir,
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

export async function buildDonorPages({ quiet = false } = {}) {
  const result = await build({
    entryPoints: Object.fromEntries(DONOR_SCRIPTS.map((name) => [name, join(root, 'donor', 'src', `${name}.js`)])),
    ...bundleOptions(quiet),
    metafile: true,
    outdir: donorOutdir,
  });
  const written = [];
  for (const name of DONOR_SCRIPTS) {
    const file = result.outputFiles.find((f) => f.path === join(donorOutdir, `${name}.js`));
    const output = result.metafile.outputs[`templates/donor-build/${name}.js`];
    if (!file || !output) throw new Error(`esbuild wrote no donor bundle ${name}.js`);
    const fromSrc = Object.keys(output.inputs).filter((input) => input.startsWith('src/'));
    const extra = fromSrc.filter((input) => !DONOR_SRC_ALLOWED.has(input));
    if (extra.length)
      throw new Error(`donor/src/${name}.js bundles ${extra.join(', ')}: the donor pages take only ${[...DONOR_SRC_ALLOWED].join(' and ')} from src/`);
    if (!fromSrc.includes('src/common/money.ts'))
      throw new Error(`donor/src/${name}.js no longer uses src/common/money.ts: amounts are read and written there, once`);
    written.push({ name: `${name}.js`, contents: file.contents });
  }
  mkdirSync(donorOutdir, { recursive: true });
  const names = new Set(written.map((w) => w.name));
  for (const old of readdirSync(donorOutdir)) if (!names.has(old)) rmSync(join(donorOutdir, old), { force: true });
  for (const w of written) writeFileSync(join(donorOutdir, w.name), w.contents);
  if (!quiet) process.stdout.write(`donor bundles: templates/donor-build/ ${written.map((w) => `${w.name} (${w.contents.length} bytes)`).join(', ')}\n`);
  return written.map((w) => ({ file: w.name, bytes: w.contents.length }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quiet = process.argv.includes('--quiet');
  Promise.all([buildConsole({ quiet }), buildDonorPages({ quiet })]).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
