'use strict';
// Starts one variant's server in a child process (child.js) and guarantees it can be stopped.
const { fork } = require('node:child_process');
const path = require('node:path');

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
const running = new Set();

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Synchronous so it can run from process.on('exit').
function killAllServers() {
  for (const child of running) child.kill('SIGKILL');
}

async function startServer(variant) {
  const child = fork(path.join(__dirname, 'child.js'), [variant], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => running.delete(child));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  try {
    const address = await withTimeout(
      new Promise((resolve, reject) => {
        child.on('message', (message) => message.listening && resolve(message.listening));
        exited.then((code) => reject(new Error(`${variant} server exited (${code}) before listening`)));
      }),
      START_TIMEOUT_MS,
      `starting the ${variant} server`,
    );
    if (address.host !== HOST) throw new Error(`${variant} server listens on ${address.host}, not ${HOST}`);

    // User + system CPU time of the server process so far, in microseconds.
    const cpuMicros = () =>
      withTimeout(
        new Promise((resolve) => {
          const onMessage = (message) => {
            if (!message.cpuUsage) return;
            child.off('message', onMessage);
            resolve(message.cpuUsage.user + message.cpuUsage.system);
          };
          child.on('message', onMessage);
          child.send('cpu-usage');
        }),
        5_000,
        `reading the ${variant} server's CPU time`,
      );

    return { baseUrl: `http://${HOST}:${address.port}`, cpuMicros, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

module.exports = { HOST, startServer, killAllServers, withTimeout };
