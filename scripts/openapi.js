// `npm run openapi`: writes openapi.json, the OpenAPI document of every route, from the app's own
// Swagger set-up (src/openapi.ts) without PostgreSQL or Redis. test/openapi.e2e-spec.ts fails when
// the running service serves another document: run this and commit the file with the change. It also
// regenerates the console's API types (console/src/api-types.ts, scripts/console-api-types.js) from it.
// The TypeScript is compiled as the tests compile it (swc, scripts/swc-options.js, as jest.config.js), so the
// decorator metadata Swagger reads is the same.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const swcOptions = require('./swc-options.js');
const { generateApiTypes, API_TYPES } = require('./console-api-types.js');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, sourceMaps: false, filename });
  module._compile(code, filename);
};

const target = join(__dirname, '..', 'openapi.json');
require('../src/openapi.ts')
  .generateOpenApiDocument()
  .then(async (document) => {
    writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(`openapi.json: ${Object.keys(document.paths).length} paths\n`);
    writeFileSync(API_TYPES, await generateApiTypes(JSON.parse(JSON.stringify(document))));
    process.stdout.write('console/src/api-types.ts: regenerated\n');
  })
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
