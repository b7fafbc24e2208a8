import { readFileSync } from 'node:fs';
import { API_TYPES, generateApiTypes } from '../../scripts/console-api-types.js';

describe('console API types', () => {
  it('are generated from the committed openapi.json (run `npm run openapi` and commit api-types.ts)', async () => {
    expect(readFileSync(API_TYPES, 'utf8') === (await generateApiTypes())).toBe(true);
  });
});
