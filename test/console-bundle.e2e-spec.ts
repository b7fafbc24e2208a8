import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, TestApp } from './support/test-app';

/**
 * The staff console's TypeScript, bundled by scripts/build-console.mjs (the jest global setup runs it), is
 * served under a name that is a hash of its content, so browsers keep it for good and a new build is a new name.
 */
describe('the staff console bundle', () => {
  const buildDir = join(__dirname, '..', 'templates', 'console-build');
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is the only script of the page, named by the manifest after the hash of its content', async () => {
    const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as { main: string };
    expect(manifest.main).toMatch(/^staff-console-[a-p]{16}\.js$/);
    const page = await t.request('GET', '/staff');
    const sources = [...page.text.matchAll(/<script src="([^"]+)" defer><\/script>/g)].map((m) => m[1]);
    expect(sources[0]).toBe(`/assets/${manifest.main}`);
    // The bundle is the page's only script: the ES5 files that shared window.Staff are gone, and the router is
    // in the bundle.
    expect(sources).toEqual([`/assets/${manifest.main}`]);
    for (const gone of ['staff-core', 'staff-files', 'staff-main', 'staff-bank']) expect((await t.request('GET', `/assets/${gone}.js`)).status).toBe(404);
  });

  it('is served as JavaScript with a year-long immutable cache, under the page security headers', async () => {
    const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as { main: string };
    const res = await t.request('GET', `/assets/${manifest.main}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.text).toBe(readFileSync(join(buildDir, manifest.main), 'utf8'));
    // CSP-clean: no eval or Function constructor in the bundle.
    expect(res.text).not.toMatch(/\beval\(|new Function\(/);
  });

  it('answers 404 for a hash it never built, and leaves the other assets to the static files', async () => {
    const unknown = await t.request('GET', '/assets/staff-console-aaaaaaaaaaaaaaaa.js');
    expect(unknown.status).toBe(404);
    // Not cached for good: another instance may have that build (a rolling deploy).
    expect(unknown.headers.get('cache-control') ?? '').not.toContain('immutable');
    expect((await t.request('GET', '/assets/staff-console-../manifest.json')).status).toBe(404);
    const css = await t.request('GET', '/assets/staff.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).not.toContain('immutable');
  });
});
