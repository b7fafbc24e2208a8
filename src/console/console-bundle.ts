import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../common/page-renderer';

/** Where scripts/build-console.mjs writes the console's bundle and its manifest (build output, git-ignored). */
export const CONSOLE_BUILD_DIR = join(TEMPLATES_DIR, 'console-build');
/** The URL prefix of the bundle, beside the other assets: its name carries a hash of its content, so it is cached for good. */
export const CONSOLE_BUNDLE_PREFIX = '/assets/';
/** staff-console-<hash>.js, the hash in the letters a-p (scripts/build-console.mjs). */
export const BUNDLE_NAME = /^staff-console-[a-p]{16}\.js$/;

/**
 * The console's built files. The manifest is read for every page (a few bytes; `npm run build:console` may
 * run while the service does, e.g. in development); a hashed file is read once and kept, as its name is its content.
 */
export class ConsoleBundle {
  private readonly files = new Map<string, Buffer>();

  constructor(private readonly dir: string = CONSOLE_BUILD_DIR) {}

  /** The URL of the current bundle; throws when it was never built. */
  scriptUrl(): string {
    let main: unknown;
    try {
      main = (JSON.parse(readFileSync(join(this.dir, 'manifest.json'), 'utf8')) as { main?: unknown }).main;
    } catch {
      throw new Error('The staff console is not built: run `npm run build:console` (scripts/build-console.mjs).');
    }
    if (typeof main !== 'string' || !BUNDLE_NAME.test(main)) throw new Error('templates/console-build/manifest.json names no console bundle');
    return CONSOLE_BUNDLE_PREFIX + main;
  }

  /** A built file by its hashed name, or null (unknown name, or not there). */
  file(name: string): Buffer | null {
    if (!BUNDLE_NAME.test(name)) return null;
    const cached = this.files.get(name);
    if (cached) return cached;
    try {
      const content = readFileSync(join(this.dir, name));
      this.files.set(name, content);
      return content;
    } catch {
      return null;
    }
  }
}
