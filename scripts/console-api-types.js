// The console's API types (console/src/api-types.ts), generated from openapi.json by openapi-typescript and
// formatted by Prettier, so the committed file is byte for byte what this produces. Used by `npm run openapi`
// (scripts/openapi.js) and by console/src/api-types.spec.ts, which fails when the committed file is stale.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OPENAPI_JSON = join(ROOT, 'openapi.json');
const API_TYPES = join(ROOT, 'console', 'src', 'api-types.ts');

const HEADER = `// Generated from openapi.json by \`npm run openapi\` (scripts/console-api-types.js, openapi-typescript): do not edit.\n`;

/** The text console/src/api-types.ts should hold for the given OpenAPI document (default: the committed openapi.json). */
async function generateApiTypes(document = JSON.parse(readFileSync(OPENAPI_JSON, 'utf8'))) {
  // The CommonJS builds: loaded the same way by node and by jest (with or without --experimental-vm-modules).
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const prettier = require('prettier');
  // defaultNonNullable: false — a field with a default is optional in a request (the server fills it in), not required.
  const ast = await openapiTS(document, { alphabetize: false, defaultNonNullable: false });
  const options = (await prettier.resolveConfig(API_TYPES)) ?? {};
  return prettier.format(HEADER + astToString(ast), { ...options, filepath: API_TYPES });
}

module.exports = { generateApiTypes, API_TYPES };
