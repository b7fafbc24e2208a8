import { Global, Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { AuditModule } from '../staff/audit/audit.module';
import { PageRenderer } from '../common/page-renderer';
import { IN_KIND_DELIVERIES, IN_KIND_TOTALS } from '../totals/in-kind-totals';
import { DeliveryConfirmationController } from './delivery-confirmation.controller';
import { DeliveryConfirmationSigner } from './delivery-confirmation.signer';
import { DeliveryConfirmationsRepository } from './delivery-confirmations.repository';
import { DeliveryConfirmationsService } from './delivery-confirmations.service';
import { DistributionsController } from './distributions.controller';
import { DistributionsRepository } from './distributions.repository';
import { DistributionsService } from './distributions.service';
import { InKindCatalogueController } from './in-kind-catalogue.controller';
import { InKindCatalogueService } from './in-kind-catalogue.service';
import { InKindDonationsController } from './in-kind-donations.controller';
import { InKindDonationsService } from './in-kind-donations.service';
import { InKindItemsRepository } from './in-kind-items.repository';
import { InKindPledgesRepository } from './in-kind-pledges.repository';
import { InKindReceiptBasisService } from './in-kind-receipt-basis.service';
import { InKindStockController } from './in-kind-stock.controller';
import { InKindStockService } from './in-kind-stock.service';
import { InKindTotalsService } from './in-kind-totals.service';
import { PledgeChangesService } from './pledge-changes.service';
import { PledgeViews } from './pledge-views';
import { StockLedger } from './stock-ledger';
import { StockRepository } from './stock.repository';

/**
 * The goods line of the public totals (IN_KIND_TOTALS) and the public list of distributions
 * (IN_KIND_DELIVERIES). Global, so totals reads them through the tokens without importing goods.
 */
@Global()
@Module({
  providers: [
    InKindTotalsService,
    StockRepository,
    { provide: IN_KIND_TOTALS, useExisting: InKindTotalsService },
    { provide: IN_KIND_DELIVERIES, useExisting: DeliveryConfirmationsService },
    DeliveryConfirmationSigner,
    DeliveryConfirmationsRepository,
    DeliveryConfirmationsService,
  ],
  exports: [IN_KIND_TOTALS, IN_KIND_DELIVERIES, InKindTotalsService, StockRepository, DeliveryConfirmationSigner, DeliveryConfirmationsService],
})
export class InKindTotalsModule {}

/** What receipts need to issue a receipt for goods (no routes: loadable in worker processes). */
@Module({
  providers: [InKindReceiptBasisService, InKindItemsRepository, InKindPledgesRepository],
  exports: [InKindReceiptBasisService, InKindItemsRepository, InKindPledgesRepository],
})
export class InKindReceiptsModule {}

/**
 * Goods: the catalogue, pledges, inspection on arrival, stock (the StockLedger is the one place it is
 * written), distributions with delivery notes. Gives the public totals their goods line.
 */
@Module({
  imports: [CampaignsModule, AuditModule, InKindTotalsModule, InKindReceiptsModule],
  controllers: [InKindCatalogueController, InKindDonationsController, InKindStockController, DistributionsController, DeliveryConfirmationController],
  providers: [
    PageRenderer,
    InKindCatalogueService,
    InKindDonationsService,
    InKindStockService,
    DistributionsService,
    DistributionsRepository,
    StockLedger,
    PledgeViews,
    PledgeChangesService,
  ],
  exports: [InKindDonationsService, InKindTotalsModule, InKindReceiptsModule],
})
export class InKindModule {}
