import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_STATUS } from '../errors';

/** The one error shape every route answers with (src/common/error.filter.ts builds it). */
export class ErrorView {
  @ApiProperty({ description: 'the HTTP status, repeated', example: 422 })
  statusCode: number;

  @ApiProperty({ description: 'stable machine code (src/common/errors.ts)', enum: Object.keys(ERROR_STATUS), example: 'BELOW_RECEIPT_THRESHOLD' })
  code: string;

  @ApiProperty({ description: 'readable by a donor, in Chinese', example: '金额低于开具捐赠票据的最低金额' })
  message: string;

  @ApiPropertyOptional({ description: 'more about the refusal (validation errors, a retry delay, a line number)', type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

/** The error statuses a route documents, each with the codes it answers them with. */
export function ApiErrors(errors: Partial<Record<number, string>>): MethodDecorator & ClassDecorator {
  return applyDecorators(...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), description, type: ErrorView })));
}
