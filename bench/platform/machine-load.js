'use strict';
// This machine is shared: measure how much CPU other processes take, and wait for a quiet spell.
const fs = require('node:fs');

const QUIET_OTHER_CPU = 0.25; // of one core
const USER_HZ = 100;

// Busy CPU time of the whole machine so far, in microseconds; null where /proc/stat is missing.
function machineBusyMicros() {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.slice(1, 9).map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1_000_000) / USER_HZ;
  } catch {
    return null;
  }
}

// Returns the other processes' load (fraction of a core) once it drops below the threshold, or
// the last reading when maxWaitMs runs out; the caller records it either way.
async function waitForQuiet(maxWaitMs) {
  const deadline = Date.now() + maxWaitMs;
  let other = null;
  do {
    const machineBefore = machineBusyMicros();
    if (machineBefore === null) return null;
    const ownBefore = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const own = process.cpuUsage(ownBefore);
    other = Math.max(0, machineBusyMicros() - machineBefore - own.user - own.system) / 1_000_000;
    if (other < QUIET_OTHER_CPU) return other;
  } while (Date.now() < deadline);
  return other;
}

module.exports = { QUIET_OTHER_CPU, machineBusyMicros, waitForQuiet };
