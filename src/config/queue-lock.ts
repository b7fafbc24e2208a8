/**
 * How long a worker holds a job before another worker may take it over (a worker that died hands its
 * job on once the lock lapses). BullMQ takes it in the @Processor decorator, which runs when the
 * class loads, before AppConfig exists: so it is read here, once, from QUEUE_LOCK_DURATION_MS
 * (validated with the rest of the environment in environment-variables.ts; the fault suites shorten it).
 */
export interface QueueLock {
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
}

export function loadQueueLock(env: NodeJS.ProcessEnv): QueueLock {
  const ms = Number(env.QUEUE_LOCK_DURATION_MS) > 0 ? Number(env.QUEUE_LOCK_DURATION_MS) : 30_000;
  return { lockDuration: ms, stalledInterval: Math.max(1000, Math.floor(ms / 2)), maxStalledCount: 5 };
}

/** The worker options of the queues whose jobs run long (receipts, approvals, imports). */
export const QUEUE_WORKER_LOCK: QueueLock = loadQueueLock(process.env);
