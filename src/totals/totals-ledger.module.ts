import { Global, Module } from '@nestjs/common';
import { TotalsCounters } from './totals-counters';
import { TotalsCountersRepository } from './totals-counters.repository';
import { TotalsEvents } from './totals-events';

/**
 * What the writers of money need from totals: the counters written in their transaction and the
 * change notice sent after it commits. Global, like the outbox, so the ledger (and the goods
 * ledger) can count without depending on the totals feature.
 */
@Global()
@Module({
  providers: [TotalsCounters, TotalsCountersRepository, TotalsEvents],
  exports: [TotalsCounters, TotalsEvents],
})
export class TotalsLedgerModule {}
