// Two projects: unit specs beside the code (no I/O), and e2e suites in test/ that run the real
// service over HTTP against the real PostgreSQL and Redis, in a database made for the run by
// test/global-setup.ts. Our TypeScript is compiled by swc; NestJS 12 and the other ES-module-only
// packages load as they are (Jest's require(esm), Node 24 with --experimental-vm-modules, set by `npm test`).
const swcOptions = require('./scripts/swc-options.js');
const transform = { '^.+\\.ts$': ['@swc/jest', swcOptions] };
const transformIgnorePatterns = ['/node_modules/'];

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
      // console/src: the staff console's browser-side logic (formatting, labels, the API helper), in Node.
      roots: ['<rootDir>/src', '<rootDir>/console/src'],
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
