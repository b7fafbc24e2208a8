'use strict';
// One process of the flash crowd: opens `count` totals streams (SSE) to the given servers, from
// loopback source addresses 127.<a>.<b>.<c> taken from `firstAddress` on, `perAddress` streams each,
// and reports to its parent: how many are open, and when each stream saw each event id.
//   args (JSON): { targets: [url], path, count, perAddress, firstAddress }
const http = require('node:http');

const { targets, path, count, perAddress, firstAddress } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let open = 0;
let failed = 0;
const statuses = {};
// event id → arrival times (ms since epoch, fractional), one per stream that saw it
const arrivals = new Map();

function address(i) {
  const n = firstAddress + Math.floor(i / perAddress);
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255 || 1}`;
}

function openStream(i) {
  return new Promise((resolve) => {
    const url = new URL(path, targets[i % targets.length]);
    const req = http.get(
      { host: url.hostname, port: url.port, path: url.pathname, agent, localAddress: address(i), headers: { accept: 'text/event-stream' } },
      (res) => {
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode !== 200) {
          failed += 1;
          res.resume();
          return resolve();
        }
        open += 1;
        let buffer = '';
        let firstSeen = false;
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          const at = performance.timeOrigin + performance.now();
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (.*)$/m.exec(block)?.[1];
            if (!id) continue;
            let list = arrivals.get(id);
            if (!list) arrivals.set(id, (list = []));
            list.push(at);
            if (!firstSeen) {
              firstSeen = true;
              resolve();
            }
          }
        });
        res.on('close', () => {
          open -= 1;
        });
      },
    );
    req.on('error', () => {
      failed += 1;
      resolve();
    });
  });
}

async function main() {
  // Opened in waves so the servers' accept queues are not what is measured.
  const WAVE = 200;
  for (let i = 0; i < count; i += WAVE) {
    await Promise.all(Array.from({ length: Math.min(WAVE, count - i) }, (_, k) => openStream(i + k)));
  }
  process.send({ type: 'opened', open, failed, statuses });
}

process.on('message', (message) => {
  if (message.type === 'arrivals') {
    const list = arrivals.get(message.id) ?? [];
    process.send({ type: 'arrivals', id: message.id, times: list, open });
  } else if (message.type === 'stop') {
    process.exit(0);
  }
});

main().catch((error) => {
  process.send({ type: 'error', message: String(error) });
  process.exit(1);
});
