import { disclosureSchedule } from './disclosure-schedule';

const day = (n: number) => new Date(Date.UTC(2020, 1, 1) + n * 86_400_000);

describe('disclosureSchedule', () => {
  const base = { startsAt: day(0), endsAt: null, createdAt: day(0), intervalDays: 90, last: null, hasActivity: true };

  it('is due the interval after the start, then after each publication', () => {
    expect(disclosureSchedule(base, day(10))).toMatchObject({ nextDueAt: day(90).toISOString(), overdue: false, nextKind: 'scheduled' });
    expect(disclosureSchedule(base, day(91))).toMatchObject({ overdue: true });
    expect(disclosureSchedule({ ...base, last: { asOf: day(91) } }, day(92))).toMatchObject({ nextDueAt: day(181).toISOString(), overdue: false });
  });

  it('starts the clock when the campaign was recorded, and is never overdue with nothing to account for', () => {
    expect(disclosureSchedule({ ...base, createdAt: day(50) }, day(100))).toMatchObject({ nextDueAt: day(140).toISOString(), overdue: false });
    expect(disclosureSchedule({ ...base, hasActivity: false }, day(91))).toMatchObject({ overdue: false, nextDueAt: day(90).toISOString() });
  });

  it('asks for the final account at the end, and nothing after it', () => {
    const ending = { ...base, endsAt: day(30) };
    expect(disclosureSchedule(ending, day(10))).toMatchObject({ nextDueAt: day(30).toISOString(), nextKind: 'final', finalDeadline: day(120).toISOString() });
    expect(disclosureSchedule(ending, day(31))).toMatchObject({ overdue: true, nextKind: 'final', finalPublished: false });
    expect(disclosureSchedule({ ...ending, last: { asOf: day(31) } }, day(40))).toMatchObject({
      nextDueAt: null,
      nextKind: null,
      overdue: false,
      finalPublished: true,
    });
  });
});
