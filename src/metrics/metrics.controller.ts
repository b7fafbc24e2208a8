import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueueMetrics } from './queue-metrics';
import { registry } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly queues: QueueMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics: HTTP latency, queue depth and age, receipts issued, notification outcomes, process' })
  async metrics(): Promise<string> {
    await this.queues.refresh();
    return registry.metrics();
  }
}
