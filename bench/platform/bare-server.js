'use strict';
// Baseline: node:http with hand-written routing, body parsing and the same checks as the DTO.
const http = require('node:http');
const { campaignTotals, CHANNELS, MAX_AMOUNT_FEN, MAX_DONOR_NAME_LENGTH, acceptedDonation } = require('./fixtures');

const ROUTE = /^\/api\/campaigns\/([^/?]+)\/(totals|donations)(?:\?.*)?$/;
const BODY_LIMIT_BYTES = 100 * 1024;
const DONATION_KEYS = new Set(['amountFen', 'channel', 'donorName']);

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

// Mirrors DonationIntakeDto with ValidationPipe({ whitelist, forbidNonWhitelisted }).
function donationProblems(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return ['body must be an object'];
  const problems = [];
  for (const key of Object.keys(input)) {
    if (!DONATION_KEYS.has(key)) problems.push(`property ${key} should not exist`);
  }
  const { amountFen, channel, donorName } = input;
  if (!Number.isInteger(amountFen) || amountFen < 1 || amountFen > MAX_AMOUNT_FEN) {
    problems.push(`amountFen must be an integer from 1 to ${MAX_AMOUNT_FEN}`);
  }
  if (!CHANNELS.includes(channel)) problems.push(`channel must be one of: ${CHANNELS.join(', ')}`);
  if (donorName !== undefined && donorName !== null && (typeof donorName !== 'string' || donorName.length > MAX_DONOR_NAME_LENGTH)) {
    problems.push(`donorName must be a string of at most ${MAX_DONOR_NAME_LENGTH} characters`);
  }
  return problems;
}

function intakeDonation(req, res) {
  if (!(req.headers['content-type'] || '').startsWith('application/json')) {
    return send(res, 415, { statusCode: 415, message: 'expected application/json' });
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) {
      send(res, 413, { statusCode: 413, message: 'body too large' });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.headersSent) return;
    let input;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { statusCode: 400, message: 'malformed JSON' });
    }
    const problems = donationProblems(input);
    if (problems.length > 0) return send(res, 400, { statusCode: 400, message: problems });
    send(res, 201, acceptedDonation(input));
  });
}

function handle(req, res) {
  const match = ROUTE.exec(req.url);
  if (match && match[2] === 'totals' && req.method === 'GET') return send(res, 200, campaignTotals);
  if (match && match[2] === 'donations' && req.method === 'POST') return intakeDonation(req, res);
  send(res, 404, { statusCode: 404, message: 'not found' });
}

async function listen(host) {
  const server = http.createServer(handle);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return server.address().port;
}

module.exports = { listen };
