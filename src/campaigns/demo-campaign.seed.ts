import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors';
import { CampaignsService } from './campaigns.service';

/** SEED_DEMO=true: the 温暖武汉 campaign of February 2020, created once if missing. */
@Injectable()
export class DemoCampaignSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoCampaignSeed.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly campaigns: CampaignsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    try {
      await this.campaigns.create(
        {
          code: 'warm-wuhan',
          title: '温暖武汉',
          receiptPrefix: 'WH',
          goalFen: 500_000_000,
          receiptThresholdFen: 10_000,
          autoApproveReceipts: true,
          organisation: '北京市温暖基金会',
        },
        null,
      );
      this.logger.log('Demo campaign warm-wuhan created');
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CAMPAIGN_EXISTS')) throw error;
    }
  }
}
