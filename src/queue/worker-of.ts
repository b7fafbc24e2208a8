import { WorkerHost } from '@nestjs/bullmq';
import type { Worker } from 'bullmq';

/**
 * The BullMQ worker of a provider that is a @Processor, through @nestjs/bullmq's public `worker`
 * getter; null for any other provider, and before @nestjs/bullmq has created the worker (in its
 * onModuleInit; the getter throws until then).
 */
export function workerOf(instance: unknown): Worker | null {
  if (!(instance instanceof WorkerHost)) return null;
  try {
    return (instance as WorkerHost<Worker>).worker;
  } catch {
    return null;
  }
}
