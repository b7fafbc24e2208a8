import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TotalsCache } from '../totals-cache';
import { TotalsService } from '../totals.service';
import { campaignPosterLayout } from './campaign-poster.layout';
import { renderPosterPdf } from './campaign-poster.pdf';
import { renderPosterPng } from './campaign-poster.png';

export interface Poster {
  bytes: Buffer;
  etag: string;
  filename: string;
}

/** A poster states the time of its figures; one a minute old is fine, and rendering a PNG costs CPU. */
const POSTER_TTL_MS = 60_000;

/** The share poster of a campaign (title, current figures, the donate QR code) as PDF or PNG. */
@Injectable()
export class CampaignPosterService {
  private readonly cache = new TotalsCache<Poster>(POSTER_TTL_MS, 200);

  constructor(
    private readonly campaigns: CampaignsService,
    private readonly totals: TotalsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  poster(code: string, format: 'pdf' | 'png'): Promise<Poster> {
    return this.cache.get(`${format}:${code}`, async () => {
      const campaign = await this.campaigns.findByCode(code);
      const totals = await this.totals.forCampaign(code);
      const asOf = new Date();
      const layout = campaignPosterLayout({
        title: campaign.title,
        organisation: campaign.organisation,
        amountFen: totals.amountFen,
        donorCount: totals.donorCount,
        donationCount: totals.donationCount,
        disbursedFen: totals.disbursedFen,
        goalFen: totals.goalFen,
        donateUrl: this.campaigns.donateUrl(campaign.code),
        pageUrl: `${this.config.publicBaseUrl}/c/${campaign.code}`,
        asOf: asOf.toISOString(),
      });
      const bytes =
        format === 'pdf'
          ? await renderPosterPdf(layout, { title: `${campaign.title} · 募捐海报`, author: campaign.organisation, date: asOf })
          : renderPosterPng(layout);
      const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
      return { value: { bytes, etag, filename: `${campaign.code}-poster.${format}` }, tag: `poster:${campaign.id}` };
    });
  }
}
