import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardFastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { ErrorFilter } from '../common/error.filter';
import { DomainError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { APP_QUEUES } from '../queue/app-queues';
import { queueOptions } from '../queue/queue-options';
import { redisConnectionOptions } from '../queue/redis-connection';
import { BOARD_PATH, QueueBoardSessions } from './queue-board.session';

const READ_METHODS = new Set(['GET', 'HEAD']);
/** bull-board's page links Google Fonts: unreachable in China, and a third party the CSP refuses. The page falls back to system fonts. */
const THIRD_PARTY_FONTS = /<link[^>]+href="https:\/\/fonts\.(?:googleapis|gstatic)\.com\/[^"]*"[^>]*>\s*/g;

/**
 * Mounts the BullMQ board (bull-board) at /staff/queues in processes that serve HTTP. Every request
 * under that path needs an admin's board session cookie (see QueueBoardSessions); the board is
 * read-only, so staff actions on jobs never bypass the audit log.
 */
@Injectable()
export class QueueBoardMount implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueBoardMount.name);
  private readonly errors = new ErrorFilter();
  private connection: Redis | null = null;
  private readonly queues: Queue[] = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly discovery: DiscoveryService,
    private readonly sessions: QueueBoardSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * At bootstrap, not module init: registering a plugin loads fastify's pending routes, and Nest's
   * routes must get Nest's error handler first (it is set after module init). Mounted earlier, every
   * error fastify itself raises (malformed JSON, oversized bodies) lost the common error shape.
   */
  async onApplicationBootstrap(): Promise<void> {
    const http = this.adapterHost.httpAdapter;
    if (this.config.appRole === 'worker' || !http) return; // no HTTP server here
    const fastify = http.getInstance<FastifyInstance>();

    const options = queueOptions(this.config);
    // One connection for every queue the board reads (the board never blocks on Redis).
    this.connection = new Redis(redisConnectionOptions(this.config.redisUrl));
    this.connection.on('error', () => undefined); // GET /health reports Redis; the queues log it once a minute
    for (const name of this.queueNames()) {
      const queue = new Queue(name, { ...options, connection: this.connection });
      queue.on('error', () => undefined);
      this.queues.push(queue);
    }

    const board = new BoardFastifyAdapter();
    board.setBasePath(BOARD_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: '温暖 · 队列' } },
    });
    await fastify.register(
      async (scope) => {
        scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
          try {
            if (!READ_METHODS.has(request.method)) throw new DomainError('FORBIDDEN', '队列面板只读');
            await this.sessions.check(request.headers.cookie);
          } catch (error) {
            this.errors.respond(error, reply);
            return reply;
          }
        });
        scope.addHook('onSend', async (_request, reply, payload) => {
          if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
          return payload.replace(THIRD_PARTY_FONTS, '');
        });
        await scope.register(board.registerPlugin());
      },
      { prefix: BOARD_PATH },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
    this.connection?.disconnect();
  }

  /** The known queues, and any other queue a feature of this process registered. */
  private queueNames(): string[] {
    const names = new Set(APP_QUEUES);
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof Queue) names.add(instance.name);
    }
    return [...names].sort();
  }
}
