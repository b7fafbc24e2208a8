/**
 * Module boundaries (`npm run lint` runs this after ESLint):
 * - nothing imports app.module except the bootstrap;
 * - common/ (money, masking, crypto, errors) imports no feature, only config;
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
