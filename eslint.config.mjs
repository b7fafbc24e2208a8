// ESLint: typescript-eslint's type-checked rules over src/, test/, console/ and bench/ (formatting is Prettier's,
// module boundaries are dependency-cruiser's: .dependency-cruiser.cjs).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', 'var/', '.tools/', 'bench/', 'templates/', '*.js', '*.cjs', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Input is checked against control characters on purpose (NUL bytes, C0 controls).
      'no-control-regex': 'off',
      // Async hooks and interface methods (providers, fastify hooks) are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The staff console's browser code (console/src, strict, DOM): its own tsconfig; its unit specs are in tsconfig.test.json.
    files: ['console/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./console/tsconfig.json', './tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Configuration is read once, typed and validated, in src/config/ (and by the test harness).
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through AppConfig (src/config/).' }],
    },
  },
  {
    // Tests read JSON answers of the running service: `body` is deliberately untyped there.
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'console/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
