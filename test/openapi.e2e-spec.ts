import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument } from '../src/openapi';
import { startApp, TestApp } from './support/test-app';

/**
 * openapi.json at the repository root is the API contract that clients (the staff console's types)
 * are generated from, so a change to it shows in review. It must be what the running service
 * serves at /docs-json: after changing a route or a DTO, run `npm run openapi` and commit the file.
 */
describe('the committed OpenAPI document', () => {
  const committed: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is the document the running service serves at /docs-json (else: npm run openapi, and commit openapi.json)', async () => {
    const res = await t.request('GET', '/docs-json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(committed);
  });

  it('is what `npm run openapi` writes, without PostgreSQL or Redis', async () => {
    expect(JSON.parse(JSON.stringify(await generateOpenApiDocument()))).toEqual(committed);
  });
});
