// Jest on Node 20 cannot load ES modules from require(), and NestJS 12 ships only ES modules
// (Node's own require(esm) runs them fine in the built service). So Jest compiles our
// TypeScript and those packages to CommonJS with swc. `createRequire(import.meta.url)`, the
// one ESM-only idiom they use, becomes the CommonJS module's own require.
const { createHash } = require('node:crypto');
const swc = require('@swc/core');

const VERSION = `${require('@swc/core/package.json').version}:1`;

function options(filename) {
  const typescript = filename.endsWith('.ts');
  return {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: typescript ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
      transform: typescript ? { legacyDecorator: true, decoratorMetadata: true } : undefined,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    swcrc: false,
    configFile: false,
  };
}

function rewriteImportMeta(source) {
  if (!source.includes('import.meta')) return source;
  return source
    .replace(/const require\s*=\s*createRequire\(import\.meta\.url\);?/g, '')
    .replace(/import\.meta\.url/g, 'require("node:url").pathToFileURL(__filename).href')
    .replace(/import\.meta\.dirname/g, '__dirname')
    .replace(/import\.meta\.filename/g, '__filename');
}

module.exports = {
  process(source, filename) {
    const { code, map } = swc.transformSync(rewriteImportMeta(source), options(filename));
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(VERSION).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
