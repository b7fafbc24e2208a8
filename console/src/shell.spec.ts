import { menuOrder, SCREEN_ORDER } from './shell';

describe('console menu order', () => {
  it('sorts by rank, then by the old load order, whatever order the screens register in', () => {
    const views = { security: { rank: 990 }, 'receipt-books': {}, home: {}, users: { rank: 800 }, queue: {}, campaigns: { rank: 600 } };
    // Moved screens (bundle) register before the IIFE files: receipt-books and home first.
    expect(menuOrder(views, ['security', 'receipt-books', 'home', 'users', 'queue', 'campaigns'])).toEqual([
      'home',
      'queue',
      'receipt-books',
      'campaigns',
      'users',
      'security',
    ]);
  });

  it('puts screens it does not know after the known ones of their rank, in registration order', () => {
    expect(menuOrder({ b: {}, home: {}, a: {} }, ['b', 'home', 'a'])).toEqual(['home', 'b', 'a']);
    expect(SCREEN_ORDER[0]).toBe('home');
  });
});
