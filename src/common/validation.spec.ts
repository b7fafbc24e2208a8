import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { IsCampaignCode, IsFen } from './validation';

class Gift {
  @IsFen() amountFen: number;
}

class Bounded {
  @IsOptional() @IsFen({ min: 1, max: 100, message: '$property must be an integer number' }) amountFen?: number;
}

class Target {
  @IsCampaignCode() campaignCode: string;
}

/** The first message for a value, as the validation pipe (stopAtFirstError) reports it; null when valid. */
function firstError(type: new () => object, field: string, value: unknown): string | null {
  const errors = validateSync(plainToInstance(type, { [field]: value }), { stopAtFirstError: true });
  return errors.length === 0 ? null : Object.values(errors[0].constraints ?? {})[0];
}

describe('@IsFen', () => {
  it('takes integers of fen and refuses floats, strings, booleans and non-finite numbers', () => {
    expect(firstError(Gift, 'amountFen', 10000)).toBeNull();
    // Out of range is the service's 422 INVALID_AMOUNT, not a rule of the shape.
    expect(firstError(Gift, 'amountFen', 0)).toBeNull();
    for (const bad of [1.5, 0.1 + 0.2, '100', true, null, [100], Infinity, Number.NaN]) {
      expect(firstError(Gift, 'amountFen', bad)).toBe('amountFen must be an integer number of fen');
    }
  });

  it('with bounds refuses what lies outside them, with the messages the stacked decorators gave', () => {
    expect(firstError(Bounded, 'amountFen', 1)).toBeNull();
    expect(firstError(Bounded, 'amountFen', 100)).toBeNull();
    expect(firstError(Bounded, 'amountFen', 0)).toBe('amountFen must not be less than 1');
    expect(firstError(Bounded, 'amountFen', 101)).toBe('amountFen must not be greater than 100');
    expect(firstError(Bounded, 'amountFen', 1.5)).toBe('amountFen must be an integer number');
    // The bounds run first, as they did when @Max was the last of the stack.
    expect(firstError(Bounded, 'amountFen', 'abc')).toBe('amountFen must not be greater than 100');
  });
});

describe('@IsCampaignCode', () => {
  it('takes 2-63 lower-case letters, digits or dashes, starting with a letter or digit', () => {
    for (const good of ['warm-wuhan', 'ab', '2020', 'a'.repeat(63)]) expect(firstError(Target, 'campaignCode', good)).toBeNull();
    for (const bad of ['a', '-ab', 'Warm', 'warm_wuhan', 'a'.repeat(64), '温暖', 12]) {
      expect(firstError(Target, 'campaignCode', bad)).not.toBeNull();
    }
  });
});
