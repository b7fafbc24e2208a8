'use strict';
// Baseline: node:http answering every request with the exact bytes and headers the service sent
// for GET /api/campaigns/:code/totals. `node bare-server.js <body-file> <headers-json-file>`; prints {"port":N}.
const fs = require('node:fs');
const http = require('node:http');

const body = fs.readFileSync(process.argv[2]);
const headers = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
headers['content-length'] = body.length;

const server = http.createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
