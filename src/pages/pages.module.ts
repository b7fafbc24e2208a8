import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ClaimTokensModule } from '../donations/claim-token';
import { DonationsModule } from '../donations/donations.module';
import { PaymentsModule } from '../payments/payments.module';
import { PaymentProvidersModule } from '../payment-providers/payment-providers.module';
import { TotalsModule } from '../totals/totals.module';
import { PageRenderer } from '../common/page-renderer';
import { PagesController } from './pages.controller';

@Module({
  imports: [CampaignsModule, ClaimTokensModule, DonationsModule, PaymentsModule, PaymentProvidersModule, TotalsModule],
  controllers: [PagesController],
  providers: [PageRenderer],
})
export class PagesModule {}
