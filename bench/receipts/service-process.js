'use strict';
// Runs the built service (`node dist/main.js`) in child processes that die with the benchmark,
// and reads the CPU time of processes from /proc.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { serviceNodeFlags } = require('../platform/node-flags');

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'main.js');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const running = new Set();

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Synchronous so it can run from process.on('exit').
function killAllServices() {
  for (const child of running) child.kill('SIGKILL');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** BENCH_PRELOAD=<module>: loaded first by every service process (e.g. statement-counter.js). */
function preload() {
  return process.env.BENCH_PRELOAD ? ['-r', path.resolve(process.env.BENCH_PRELOAD)] : [];
}

/**
 * Starts `node dist/main.js` with env; resolves once the process printed `readyLine` (a RegExp)
 * on stdout. Output goes to logFile. It runs with production's Node flags (bench/platform/node-flags.js);
 * `nodeArgs` go after them, before the script (e.g. --cpu-prof).
 */
async function startService({ name, env, readyLine, logFile, nodeArgs = [] }) {
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...preload(), ...serviceNodeFlags(), ...nodeArgs, MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  exited.then(() => {
    running.delete(child);
    log.end();
  });
  let stderrTail = '';
  child.stderr.on('data', (chunk) => {
    log.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  try {
    await withTimeout(
      new Promise((resolve, reject) => {
        let buffered = '';
        child.stdout.on('data', (chunk) => {
          log.write(chunk);
          if (buffered === null) return;
          buffered += chunk.toString();
          if (readyLine.test(buffered)) {
            buffered = null;
            resolve();
          } else {
            buffered = buffered.slice(-4000);
          }
        });
        exited.then((code) => reject(new Error(`${name} exited (${code}) before it started: ${stderrTail.trim()}`)));
      }),
      START_TIMEOUT_MS,
      `starting ${name}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const startedAt = process.hrtime.bigint();
  return {
    pid: child.pid,
    spawnedAt,
    startedAt,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    stop,
  };
}

// User + system CPU time of a process so far, in microseconds; null when it is gone.
const TICKS_PER_SECOND = 100;
function processCpuMicros(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

// Peak resident set of a process, in MiB; null when it is gone.
function peakRssMiB(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function pidsByName(name) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

module.exports = { HOST, ROOT, MAIN, freePort, startService, killAllServices, withTimeout, processCpuMicros, peakRssMiB, pidsByName };
