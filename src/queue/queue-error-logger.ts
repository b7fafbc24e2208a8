import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { workerOf } from './worker-of';

const REPEAT_AFTER_MS = 60_000;

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * BullMQ queues and workers emit `error` for every failed reconnection; with no listener BullMQ
 * prints each one with its stack trace on stderr. This logs one warning a minute per queue or
 * worker instead (GET /health reports the outage; BullMQ keeps reconnecting by itself).
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');

  constructor(private readonly discovery: DiscoveryService) {}

  /** Queues exist once providers are built: watch them before anything uses them. */
  onModuleInit(): void {
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof Queue) this.watch(`queue ${instance.name}`, instance as ErrorEmitter);
    }
  }

  /** Workers are created by @nestjs/bullmq in its onModuleInit, so they are there by now. */
  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      const worker = workerOf(instance);
      if (worker) this.watch(`worker ${worker.name}`, worker);
    }
  }

  private watch(what: string, emitter: ErrorEmitter): void {
    let lastLogged = 0;
    emitter.on('error', (error: Error) => {
      if (Date.now() - lastLogged < REPEAT_AFTER_MS) return;
      lastLogged = Date.now();
      this.logger.warn(`${what}: ${error.message} (BullMQ keeps retrying; repeats are logged once a minute)`);
    });
  }
}
