import { applyDecorators } from '@nestjs/common';
import { IsInt, IsString, Matches, Max, Min, ValidationOptions } from 'class-validator';

/** A campaign's code: 2-63 lower-case letters, digits or dashes, as the campaigns table checks it. */
export const CAMPAIGN_CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface FenBounds {
  /** The least amount a field takes (a rule of the request's shape: 400 VALIDATION_FAILED below it). */
  min?: number;
  /** The largest amount a field takes, at most Number.MAX_SAFE_INTEGER. */
  max?: number;
  /** The message when the value is not an integer; by default `<field> must be an integer number of fen`. */
  message?: string;
}

/**
 * A money field of a body or query: an integer number of fen (never a float, a string or yuan).
 * With bounds, an amount outside them is 400 VALIDATION_FAILED too; where leaving a range is a
 * business answer (422 INVALID_AMOUNT, worded by the service), the field takes no bounds here.
 * The rules run in the order the stacked decorators ran before (the bounds first), so each value
 * is refused with the same message as before.
 */
export function IsFen(bounds: FenBounds = {}): PropertyDecorator {
  const rules: PropertyDecorator[] = [];
  if (bounds.max !== undefined) rules.push(Max(bounds.max));
  if (bounds.min !== undefined) rules.push(Min(bounds.min));
  rules.push(IsInt({ message: bounds.message ?? '$property must be an integer number of fen' }));
  return applyDecorators(...rules);
}

/** A campaign code field; a malformed one is 400 VALIDATION_FAILED (an unknown one is the service's 404). */
export function IsCampaignCode(options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(Matches(CAMPAIGN_CODE, options), IsString());
}
