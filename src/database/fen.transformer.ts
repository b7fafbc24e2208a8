import { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; money is kept as an integer number of fen, never a float. */
export const fenTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : toSafeInteger(value)),
};

export function toSafeInteger(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a safe integer: ${value}`);
  return n;
}
