import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ErrorFilter } from '../common/error.filter';
import { sendPublic } from './public-response';
import { TotalsService } from './totals.service';

/** The route TotalsController.get declares (and documents in the OpenAPI). */
export const TOTALS_ROUTE = '/api/campaigns/:code/totals';

/**
 * The service's hottest read — GET /api/campaigns/:code/totals, the whole city refreshing one page —
 * answered by a fastify preHandler on that route, before Nest's per-request pipeline (execution
 * context, global guard, pipes, exception zone), which cost as much CPU as everything else in a
 * cached read (docs/BENCHMARKS.md). It does what TotalsController.get does, which stays as the
 * documented route: a public answer (no staff guard applies), the code checked by the service, the
 * same ETag/304 and headers through sendPublic, errors in the common shape through the ErrorFilter.
 */
@Injectable()
export class TotalsReadFastPath implements OnModuleInit {
  private readonly errors = new ErrorFilter();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly totals: TotalsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return; // worker processes have no HTTP server
    fastify.addHook('preHandler', (request, reply, done) => {
      if (request.method !== 'GET' || request.routeOptions.url !== TOTALS_ROUTE) return done();
      const { code } = request.params as { code: string };
      // Answered here, errors included: done() is not called, so the route's Nest handler does not run.
      this.totals.totalsBody(code).then(
        (body) => sendPublic(request, reply, body, 1),
        (error: unknown) => this.errors.respond(error, reply),
      );
    });
  }
}
