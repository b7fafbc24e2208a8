import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, isUniqueViolation } from '../common/errors';
import { cleanText, parseTimestamp } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { Campaign } from './campaign.entity';
import { campaignChanges } from './campaign-changes';
import { normalizeDisclosure } from './campaign-disclosure';
import { CampaignFund } from './campaign-fund.entity';
import { CampaignFundsRepository } from './campaign-funds.repository';
import { CampaignsRepository } from './campaigns.repository';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { UpdateCampaignDto } from './dto/update-campaign.dto';
import { CampaignView, toCampaignView } from './dto/campaign.view';

export type { CampaignView };

/** QR images kept in memory (oldest dropped first); a campaign has two, one per format. */
const QR_CACHE_SIZE = 512;
/**
 * How long a process answers donations from the campaign (and its funds) it read: a change of
 * dates or funds reaches new gifts within this time on every process (staff's own process at once).
 */
export const DONATION_CAMPAIGN_TTL_MS = 5_000;
/** Campaigns kept for the donation path (only ones that exist: an unknown code is never cached). */
const DONATION_CAMPAIGN_CACHE_SIZE = 256;

/** A campaign as the donation path needs it: the row and its designated funds. */
export interface DonationCampaign {
  campaign: Campaign;
  funds: CampaignFund[];
}

@Injectable()
export class CampaignsService {
  private readonly qrCache = new Map<string, Promise<Buffer | string>>();
  private readonly donationCache = new Map<string, { until: number; value: Promise<DonationCampaign> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLogService,
    private readonly campaigns: CampaignsRepository,
    private readonly fundsRepository: CampaignFundsRepository,
  ) {}

  async create(dto: CreateCampaignDto, actor: StaffPrincipal | null): Promise<CampaignView> {
    const startsAt = dto.startsAt ? parseTimestamp(dto.startsAt) : null;
    const endsAt = dto.endsAt ? parseTimestamp(dto.endsAt) : null;
    if ((dto.startsAt && !startsAt) || (dto.endsAt && !endsAt))
      throw new DomainError('INVALID_CAMPAIGN_DATES', '开始和结束时间须为 1970 至 9999 年之间的有效时间');
    if (startsAt && endsAt && endsAt <= startsAt) throw new DomainError('INVALID_CAMPAIGN_DATES', '结束时间必须晚于开始时间');
    const disclosure = normalizeDisclosure(dto.disclosure as Record<string, unknown> | undefined);
    const fundCodes = (dto.funds ?? []).map((f) => f.code);
    if (new Set(fundCodes).size !== fundCodes.length) throw new DomainError('VALIDATION_FAILED', '专项基金代码不能重复');
    const funds = (dto.funds ?? []).map((f) => ({ code: f.code, name: cleanText(f.name) ?? f.code }));
    try {
      return await this.dataSource.transaction(async (manager) => {
        const campaign = await this.campaigns.insert(manager, {
          code: dto.code,
          title: dto.title,
          receiptPrefix: dto.receiptPrefix,
          goalFen: dto.goalFen ?? null,
          receiptThresholdFen: dto.receiptThresholdFen ?? 10000,
          startsAt,
          endsAt,
          autoApproveReceipts: dto.autoApproveReceipts ?? true,
          organisation: dto.organisation ?? this.config.organisationName,
          receiptPayee: cleanText(dto.receiptPayee) ?? null,
          disclosure,
          disclosureIntervalDays: dto.disclosureIntervalDays ?? 90,
        });
        const view = this.map(campaign, await this.fundsRepository.insert(manager, campaign.id, funds));
        await this.audit.record(manager, actor, { action: 'campaign.create', entity: 'campaign', entityId: campaign.id, after: view });
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'campaigns_code_key')) throw new DomainError('CAMPAIGN_EXISTS', `活动代码 ${dto.code} 已被使用`);
      throw error;
    }
  }

  async findByCode(code: string): Promise<Campaign> {
    const campaign = /^[a-z0-9][a-z0-9-]{1,62}$/.test(code) ? await this.campaigns.findByCode(code) : null;
    if (!campaign) throw new DomainError('CAMPAIGN_NOT_FOUND', '活动不存在');
    return campaign;
  }

  /** The campaign a record of it names (it exists: its id is a foreign key). */
  byId(id: string): Promise<Campaign> {
    return this.campaigns.getById(id);
  }

  /**
   * The campaign and its funds for a new gift, read from the database at most once every
   * DONATION_CAMPAIGN_TTL_MS per process: a gift is the hottest request of a campaign, and its
   * campaign changes rarely. 404 CAMPAIGN_NOT_FOUND as findByCode.
   */
  async forDonation(code: string): Promise<DonationCampaign> {
    const now = Date.now();
    const hit = this.donationCache.get(code);
    if (hit && hit.until > now) return hit.value;
    const value = this.findByCode(code).then(async (campaign) => ({ campaign, funds: await this.fundsRepository.forCampaign(campaign.id) }));
    this.donationCache.set(code, { until: now + DONATION_CAMPAIGN_TTL_MS, value });
    // A miss (or a database error) is not kept: the next request asks again.
    value.catch(() => this.donationCache.delete(code));
    if (this.donationCache.size > DONATION_CAMPAIGN_CACHE_SIZE) this.donationCache.delete(this.donationCache.keys().next().value as string);
    return value;
  }

  /** The fund of a campaign read by forDonation(); 422 FUND_NOT_FOUND as fundByCode. */
  donationFund(campaign: DonationCampaign, code: string): CampaignFund {
    const fund = campaign.funds.find((f) => f.code === code);
    if (!fund) throw new DomainError('FUND_NOT_FOUND', `本活动没有代码为 ${String(code).slice(0, 64)} 的专项基金`);
    return fund;
  }

  async get(code: string): Promise<CampaignView> {
    const campaign = await this.findByCode(code);
    return this.map(campaign, await this.fundsRepository.forCampaign(campaign.id));
  }

  async list(): Promise<{ items: CampaignView[] }> {
    const campaigns = await this.campaigns.list();
    const funds = await this.fundsRepository.forCampaigns(campaigns.map((c) => c.id));
    return { items: campaigns.map((c) => this.map(c, funds.get(c.id) ?? [])) };
  }

  /** The funds of a campaign, in their order. */
  funds(campaignId: string): Promise<CampaignFund[]> {
    return this.fundsRepository.forCampaign(campaignId);
  }

  /** The fund of this campaign with that code; 422 FUND_NOT_FOUND when there is none. */
  async fundByCode(campaignId: string, code: string): Promise<CampaignFund> {
    const fund = typeof code === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(code) ? await this.fundsRepository.findByCode(campaignId, code) : null;
    if (!fund) throw new DomainError('FUND_NOT_FOUND', `本活动没有代码为 ${String(code).slice(0, 64)} 的专项基金`);
    return fund;
  }

  /**
   * Admins change a campaign's settings (campaign-changes.ts says which and how); the changed
   * values are audited before and after. `close` ends it now (an upcoming one starts and ends now).
   */
  async update(code: string, dto: UpdateCampaignDto, actor: StaffPrincipal, action = 'campaign.update'): Promise<CampaignView> {
    const found = await this.findByCode(code);
    const view = await this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.lock(manager, found.id);
      const { settings, before, after } = campaignChanges(campaign, dto);
      await this.campaigns.update(manager, campaign.id, settings);
      const updated = await this.campaigns.getById(campaign.id, manager);
      await this.audit.record(manager, actor, { action, entity: 'campaign', entityId: campaign.id, before, after });
      return this.map(updated, await this.fundsRepository.forCampaign(campaign.id, manager));
    });
    // The public pages are cached for at most two seconds (src/totals), so they show it at once after.
    this.forget(found.code);
    return view;
  }

  /** Drops what the donation path keeps of a campaign, after its settings or funds changed. */
  forget(code: string): void {
    this.donationCache.delete(code);
  }

  /** Title, description, link and image for share previews (WeChat, Weibo, Open Graph). */
  shareMeta(code: string, page: 'donate' | 'c', description: string): { url: string; image: string; description: string } {
    const base = this.config.publicBaseUrl;
    return { url: `${base}/${page}/${code}`, image: `${base}/api/campaigns/${code}/poster.png`, description };
  }

  donateUrl(code: string): string {
    return `${this.config.publicBaseUrl}/donate/${code}`;
  }

  /**
   * The QR code of a campaign's donation link. Rendering a PNG costs tens of milliseconds of CPU
   * on a public route, and the image never changes for a given link, so it is made once and kept.
   */
  async qrCode(code: string, format: 'png' | 'svg'): Promise<Buffer | string> {
    const campaign = await this.findByCode(code);
    const url = this.donateUrl(campaign.code);
    const key = `${format} ${url}`;
    let image = this.qrCache.get(key);
    if (!image) {
      image =
        format === 'png'
          ? QRCode.toBuffer(url, { type: 'png', width: 512, margin: 2, errorCorrectionLevel: 'M' })
          : QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      this.qrCache.set(key, image);
      image.catch(() => this.qrCache.delete(key));
      if (this.qrCache.size > QR_CACHE_SIZE) this.qrCache.delete(this.qrCache.keys().next().value as string);
    }
    return image;
  }

  map(c: Campaign, funds: Pick<CampaignFund, 'code' | 'name'>[] = []): CampaignView {
    return toCampaignView(c, funds, this.donateUrl(c.code));
  }
}
