// Two projects: unit specs beside the code (no I/O), and e2e suites in test/ that run the real
// service over HTTP against the real PostgreSQL and Redis, in a database made for the run by
// test/global-setup.ts. NestJS 12 is ESM-only, so its packages go through our transform too.
const transform = { '^.+\\.(ts|js|mjs)$': '<rootDir>/test/support/jest-transform.js' };
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages().join('|')})/)`];

/** Packages in node_modules that are ES modules ("type": "module"), found when Jest starts. */
function esmPackages() {
  const fs = require('node:fs');
  const path = require('node:path');
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  for (const entry of fs.readdirSync(root)) {
    const scoped = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of scoped) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(name.replace(/[.+]/g, '\\$&'));
      } catch {
        // not a package
      }
    }
  }
  return names;
}

module.exports = {
  // Per-test limit for suites that wait on queue workers; a hang fails instead of blocking CI.
  testTimeout: 60000,
  // Suites wait on PostgreSQL, Redis, workers and browsers far more than on the CPU: two at a
  // time halves the run on a 2-core machine without starving either.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      testTimeout: 60000,
    },
  ],
};
