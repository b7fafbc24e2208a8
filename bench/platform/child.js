'use strict';
// Entry of a server child process: `node child.js <bare|fastify|express>`. Listens on an
// ephemeral port of 127.0.0.1, reports it to run.js over IPC and answers CPU-time queries.
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const HOST = '127.0.0.1';

// Same SWC settings as jest.config.js: legacy decorators with design:* metadata for the pipe.
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

// Never outlive run.js, whatever way it ends.
process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === 'cpu-usage') process.send({ cpuUsage: process.cpuUsage() });
});

async function main(variant) {
  const port = variant === 'bare' ? await require('./bare-server').listen(HOST) : await require('./nest-server.ts').listen(variant, HOST);
  process.send({ listening: { host: HOST, port } });
}

const variant = process.argv[2];
if (!['bare', 'fastify', 'express'].includes(variant)) {
  console.error(`unknown variant ${variant}`);
  process.exit(2);
}
main(variant).catch((error) => {
  console.error(error);
  process.exit(1);
});
