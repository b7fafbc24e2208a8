// How our TypeScript is compiled for the tests (jest.config.js) and for `npm run openapi`.
module.exports = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
  swcrc: false,
};
