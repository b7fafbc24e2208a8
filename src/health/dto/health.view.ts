import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthChecksView {
  @ApiProperty({ enum: ['up', 'down'] })
  postgres: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down'] })
  redis: 'up' | 'down';
}

/** GET /health: 200 `ok` when PostgreSQL and Redis answer; 503 `unavailable` (with the error shape's fields) otherwise. */
export class HealthView {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiPropertyOptional({ enum: [503], description: 'only when unavailable' })
  statusCode?: 503;

  @ApiPropertyOptional({ enum: ['SERVICE_UNAVAILABLE'], description: 'only when unavailable' })
  code?: 'SERVICE_UNAVAILABLE';

  @ApiPropertyOptional({ description: 'only when unavailable' })
  message?: string;

  @ApiProperty({ enum: ['all', 'api', 'worker'], description: 'APP_ROLE of the process' })
  role: string;

  @ApiProperty({ type: () => HealthChecksView })
  checks: HealthChecksView;
}
