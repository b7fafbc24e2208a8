import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The text of a PDF as poppler's pdftotext reads it (what a reader's copy and search would find): in reading
 * order, or with `layout` the page's columns kept side by side (a form's label beside its value).
 */
export async function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-text-'));
  try {
    await writeFile(join(dir, 'r.pdf'), pdf);
    const { stdout } = await run('pdftotext', [options.layout ? '-layout' : '-raw', '-enc', 'UTF-8', join(dir, 'r.pdf'), '-']);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
