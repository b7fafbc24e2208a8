import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxAcknowledger } from './outbox-acknowledger';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';
import { OutboxRepository } from './outbox.repository';

/** Transactional outbox: jobs written with the data that causes them, relayed to BullMQ until done. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxService, OutboxRelay, OutboxAcknowledger, OutboxRepository],
  exports: [OutboxService],
})
export class OutboxModule {}
