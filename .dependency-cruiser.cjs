/**
 * Module boundaries (`npm run lint` runs this after ESLint):
 * - nothing imports app.module except the bootstrap;
 * - common/ (money, masking, crypto, errors) imports no feature, only config;
 * - the browser code (console/src, donor/src) takes from src/ only common/money.ts and common/donation-amount.ts,
 *   which import nothing but each other (they are bundled for Safari 13 by scripts/build-console.mjs);
 * - no cycles between feature folders beyond the known debt: scripts/boundaries/check.mjs, with the
 *   list in scripts/boundaries/known-debt.json.
 */
module.exports = {
  forbidden: [
    {
      name: 'not-to-app-module',
      comment: 'Features never import the root module: it wires them (main, bootstrap and the OpenAPI generator start it).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main|bootstrap|openapi|app\\.module)\\.ts$' },
      to: { path: '^src/app\\.module\\.ts$' },
    },
    {
      name: 'common-imports-no-feature',
      comment: 'common/ holds the cross-cutting pieces every feature uses; it depends on none of them.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/(common|config)/' },
    },
    {
      name: 'browser-code-takes-only-money',
      comment: 'The staff console and the donor pages are bundled for browsers: of src/ they take the money module only (page weight, no Node code).',
      severity: 'error',
      from: { path: '^(console|donor)/' },
      to: { path: '^src/', pathNot: '^src/common/(money|donation-amount)\\.ts$' },
    },
    {
      name: 'money-module-stays-browser-safe',
      comment: 'common/money.ts and common/donation-amount.ts are in the browser bundles: they import nothing else.',
      severity: 'error',
      from: { path: '^src/common/(money|donation-amount)\\.ts$' },
      to: { pathNot: '^src/common/(money|donation-amount)\\.ts$' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'import'], mainFields: ['main', 'types'] },
  },
};
