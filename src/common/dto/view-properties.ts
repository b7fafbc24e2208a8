import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * The fields every feature's views share, each documented once: money (integer fen and its yuan
 * text), times, nullable text, and the campaign code and order number donors and staff see.
 * `options` adds to or overrides what is set here (a description, an example, `required: false`).
 */
type Options = ApiPropertyOptions;

/** An amount in integer fen (the one money type). */
export const FenProperty = (options: Options = {}) => ApiProperty({ description: 'integer fen', example: 10000, ...options });

export const NullableFenProperty = (options: Options = {}) => ApiProperty({ description: 'integer fen', nullable: true, type: Number, ...options });

/** The same amount in yuan with two decimals (formatYuan). */
export const YuanProperty = (example = '100.00', options: Options = {}) => ApiProperty({ example, ...options });

export const NullableYuanProperty = (example = '100.00', options: Options = {}) => ApiProperty({ nullable: true, type: String, example, ...options });

/** An instant, ISO-8601 in UTC (toISOString). */
export const DateTimeProperty = (options: Options = {}) => ApiProperty({ format: 'date-time', ...options });

export const NullableDateTimeProperty = (options: Options = {}) => ApiProperty({ format: 'date-time', nullable: true, type: String, ...options });

export const NullableStringProperty = (options: Options = {}) => ApiProperty({ nullable: true, type: String, ...options });

export const UuidProperty = (options: Options = {}) => ApiProperty({ format: 'uuid', ...options });

export const CampaignCodeProperty = (options: Options = {}) => ApiProperty({ example: 'warm-wuhan', ...options });

/** A donation's order number (订单号). */
export const OrderNoProperty = (options: Options = {}) => ApiProperty({ example: 'WN20261202ABCDEFGH23456789', ...options });

/** A receipt record's number: <campaign prefix>-<year>-<8 digits>. */
export const ReceiptNoProperty = (options: Options = {}) => ApiProperty({ example: 'WH-2026-00000001', ...options });
