import { Controller, Get, Inject, Optional, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { PageRenderer } from '../common/page-renderer';
import { DisclosureScheduler } from '../publications/disclosure-scheduler.service';
import { PublicationsService } from '../publications/publications.service';
import { groupedYuan } from '../common/money';
import { campaignPageView } from './campaign-page.view';
import { DisbursementPlansService } from '../totals/disbursement-plans.service';
import { DisbursementsService } from '../totals/disbursements.service';
import { IN_KIND_DELIVERIES, InKindDeliveries } from '../totals/in-kind-totals';
import { sendPublic } from '../totals/public-response';
import { TotalsCache } from '../totals/totals-cache';
import { TotalsEvents } from '../totals/totals-events';
import { TotalsService } from '../totals/totals.service';

const WALL_SIZE = 20;
const CHART_DAYS = 30;
/** A city opening the page at once costs one render per campaign and process per this long. */
const PAGE_TTL_MS = 2000;

interface RenderedPage {
  bytes: Buffer;
  etag: string;
}

/** GET /c/:code: the public totals page (Chinese, mobile-first, no framework), updated live by /assets/campaign.js. */
@ApiExcludeController()
@Controller()
export class CampaignPageController {
  private readonly cache = new TotalsCache<RenderedPage>(PAGE_TTL_MS, 500);

  constructor(
    private readonly pages: PageRenderer,
    private readonly campaigns: CampaignsService,
    private readonly totals: TotalsService,
    private readonly disbursements: DisbursementsService,
    private readonly publications: PublicationsService,
    private readonly schedule: DisclosureScheduler,
    private readonly plans: DisbursementPlansService,
    events: TotalsEvents,
    @Optional() @Inject(IN_KIND_DELIVERIES) private readonly deliveries?: InKindDeliveries,
  ) {
    events.onChange((campaignId) => this.cache.invalidate(campaignId));
  }

  @Get('c/:code')
  async page(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      const page = await this.cache.get(code, () => this.render(code));
      sendPublic(request, reply, page, 5, 'text/html; charset=utf-8');
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const html = this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message });
      void reply.status(error.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    }
  }

  private async render(code: string): Promise<{ value: RenderedPage; tag: string }> {
    const campaign = await this.campaigns.findByCode(code);
    const view = this.campaigns.map(campaign, await this.campaigns.funds(campaign.id));
    const [totals, daily, wall, disbursements, publications, schedule, plans, deliveries] = await Promise.all([
      this.totals.forCampaign(code),
      this.totals.daily(code, chartDays(campaign.createdAt)),
      this.totals.wall(code, WALL_SIZE),
      this.disbursements.list(code),
      this.publications.list(code),
      this.schedule.forCampaign(code),
      this.plans.listPublic(code),
      this.deliveries ? this.deliveries.forCampaign(campaign.id) : [],
    ]);
    const organisation = view.disclosure?.organizationName ?? view.organisation;
    const meta = this.campaigns.shareMeta(
      view.code,
      'c',
      `${organisation}「${view.title}」善款公示：已筹 ¥${groupedYuan(totals.amountFen)}，${totals.donorCount} 位爱心人士参与，已拨付 ¥${groupedYuan(totals.disbursedFen)}。接受社会监督。`,
    );
    const html = this.pages.render('campaign', {
      meta,
      ...campaignPageView({
        campaign: { code: view.code, title: view.title, organisation: view.organisation, status: view.status, goalFen: view.goalFen },
        disclosure: view.disclosure,
        totals,
        daily,
        wall: wall.items,
        disbursements: disbursements.items,
        publications: publications.items,
        schedule,
        plans: plans.items,
        deliveries,
      }),
    });
    const bytes = Buffer.from(html, 'utf8');
    return { value: { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` }, tag: campaign.id };
  }
}

/** The days since the campaign began (today included), between a week and CHART_DAYS. */
function chartDays(createdAt: Date): number {
  const days = Math.floor((Date.now() - createdAt.getTime()) / 86_400_000) + 1;
  return Math.min(CHART_DAYS, Math.max(7, days));
}
