import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { APP_QUEUES } from './app-queues';
import { workerOf } from './worker-of';

/**
 * What is wrong with the workers a process runs, or null: every queue of the service needs exactly
 * one @Processor (none: its jobs wait forever; two: they race for its jobs with different code),
 * and a worker of a queue the service does not list is a queue no board or metric shows.
 */
export function queueHandlerProblems(expected: readonly string[], handled: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const name of handled) counts.set(name, (counts.get(name) ?? 0) + 1);
  const problems = [
    ...expected.filter((q) => !counts.has(q)).map((q) => `queue "${q}" has no worker`),
    ...[...counts].filter(([, n]) => n > 1).map(([q, n]) => `queue "${q}" has ${n} workers`),
    ...[...counts.keys()].filter((q) => !expected.includes(q)).map((q) => `queue "${q}" is not in APP_QUEUES`),
  ];
  return problems.length ? `Queue workers: ${problems.join('; ')}` : null;
}

/** A process that runs workers (APP_ROLE all|worker) refuses to start unless each queue has one. */
@Injectable()
export class QueueHandlersCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Workers are created by @nestjs/bullmq in its onModuleInit, so they are there by now. */
  onApplicationBootstrap(): void {
    if (this.config.appRole === 'api') return;
    const handled = this.discovery
      .getProviders()
      .map(({ instance }) => workerOf(instance)?.name)
      .filter((name): name is string => name !== undefined);
    const problem = queueHandlerProblems(APP_QUEUES, handled);
    if (problem) throw new Error(problem);
  }
}
