import { Module } from '@nestjs/common';
import { PageRenderer } from '../common/page-renderer';
import { ConsoleController } from './console.controller';

/** Serves the staff console page (GET /staff); its data comes from the staff API. */
@Module({
  controllers: [ConsoleController],
  providers: [PageRenderer],
})
export class ConsoleModule {}
