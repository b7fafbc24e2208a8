import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { FrontAnswer, FrontDoor, FrontRoute } from '../common/front-door';
import { matches, publicJsonAnswers } from './public-response';
import { CampaignTotals, PublicBody, TotalsService } from './totals.service';

/** The route TotalsController.get declares (and documents in the OpenAPI). */
export const TOTALS_ROUTE = '/api/campaigns/:code/totals';
/** The same URL, exactly (no query string, no encoded characters: those go the long way). */
const TOTALS_URL = /^\/api\/campaigns\/([a-z0-9-]{2,63})\/totals$/;

/**
 * The service's hottest read — GET /api/campaigns/:code/totals, the whole city refreshing one page —
 * answered by the FrontDoor while the campaign's totals are in TotalsService's cache (loaded, at most a
 * second old, dropped at every change notice): the same bytes, ETag/304 and headers as
 * TotalsController.get, which stays the documented route and answers every other case (first read
 * after a change, unknown campaigns, HEAD, query strings) through Nest, errors included.
 */
@Injectable()
export class TotalsReadFront implements FrontRoute, OnModuleInit, BeforeApplicationShutdown {
  readonly pattern = TOTALS_ROUTE;
  private remove?: () => void;
  /** The two answers of each cached body, built once (a body lives at most a second in the cache). */
  private readonly answers = new WeakMap<PublicBody<CampaignTotals>, { ok: FrontAnswer; notModified: FrontAnswer }>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly totals: TotalsService,
  ) {}

  onModuleInit(): void {
    // Worker processes have no HTTP server, hence no FrontDoor.
    this.remove = FrontDoor.of(this.adapterHost.httpAdapter?.getHttpServer?.())?.add(this);
  }

  beforeApplicationShutdown(): void {
    this.remove?.();
  }

  answer(url: string, request: IncomingMessage): FrontAnswer | undefined {
    const code = TOTALS_URL.exec(url)?.[1];
    const body = code === undefined ? undefined : this.totals.cachedTotalsBody(code);
    if (!body) return undefined;
    let answers = this.answers.get(body);
    if (!answers) {
      answers = publicJsonAnswers(body, 1);
      this.answers.set(body, answers);
    }
    return matches(request.headers['if-none-match'], body.etag) ? answers.notModified : answers.ok;
  }
}
