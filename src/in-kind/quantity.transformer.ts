import { ValueTransformer } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';

/** Quantities are bigint in PostgreSQL (stock adds up across a campaign); read back as safe integers. */
export const quantityTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : toSafeInteger(value)),
};
