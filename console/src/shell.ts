// The console's shared state and the screen registry: the screens register here, and the router (router.ts)
// sets `current`, `onSignedOut`, `setCount` and `restart`; the queue screen sets `refreshQueueCount`.
import { api } from './api';
import type { components } from './api-types';
import { clearStoredSession } from './session';

export type Me = components['schemas']['MeView'];
export type Campaign = Awaited<ReturnType<typeof listCampaigns>>[number];

export interface View {
  title: string;
  roles: string[];
  render(el: HTMLElement, params: Record<string, string>): unknown;
  /** Menu position (default 500); ties keep SCREEN_ORDER. */
  rank?: number;
  /** false: not in the menu (e.g. the account's own security, in the top bar). */
  nav?: boolean;
}

export interface Shell {
  views: Record<string, View>;
  order: string[];
  me: Me | null;
  campaignCache: Promise<Campaign[]> | null;
  /** Whether the screen that asked is still the one shown (set by the router for every render). */
  current: () => boolean;
  onSignedOut: (message: string) => void;
  setCount: (name: string, n: number) => void;
  restart: () => Promise<void>;
  refreshQueueCount?: () => void;
}

export const shell: Shell = {
  views: {},
  order: [],
  me: null,
  campaignCache: null,
  current: () => false,
  onSignedOut: () => undefined,
  setCount: () => undefined,
  restart: () => Promise.resolve(),
};

/**
 * The menu's order among screens of one rank (the order staff have always seen), whatever order the
 * screens register in.
 */
export const SCREEN_ORDER = ['home', 'queue', 'donations', 'bank', 'receipts', 'receipt-books', 'totals', 'goods'];

export function menuOrder(views: Record<string, Pick<View, 'rank'>>, registered: string[]): string[] {
  const position = (name: string): number => {
    const i = SCREEN_ORDER.indexOf(name);
    return i >= 0 ? i : SCREEN_ORDER.length + registered.indexOf(name);
  };
  return registered.slice().sort((a, b) => (views[a].rank || 500) - (views[b].rank || 500) || position(a) - position(b));
}

/** Registers a screen: { title, roles, render(container, params), rank?, nav? }. */
export function register(name: string, view: View): void {
  shell.views[name] = view;
  if (shell.order.indexOf(name) < 0) shell.order.push(name);
  shell.order = menuOrder(shell.views, shell.order);
}

export function clearSession(): void {
  clearStoredSession();
  shell.me = null;
  shell.campaignCache = null;
}

/** Changes money and receipts: admin and finance. Auditors and warehouse staff only read. */
export function canFinance(): boolean {
  return !!shell.me && (shell.me.role === 'admin' || shell.me.role === 'finance');
}

export function isAdmin(): boolean {
  return !!shell.me && shell.me.role === 'admin';
}

async function listCampaigns() {
  const res = await api('GET', '/api/staff/campaigns');
  return res.items || [];
}

/** Campaigns for the pickers, fetched once per session (`fresh`: fetch again). */
export function campaigns(fresh?: boolean): Promise<Campaign[]> {
  if (!shell.campaignCache || fresh) {
    shell.campaignCache = listCampaigns().catch((error: unknown) => {
      shell.campaignCache = null;
      throw error;
    });
  }
  return shell.campaignCache;
}
