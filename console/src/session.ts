// The sign-in token lives in sessionStorage only: it ends with the tab, and is never sent as a cookie.
const TOKEN_KEY = 'wennuan.staff.session';
const PREFIX = 'wennuan.staff.';

export interface Session {
  token: string;
  expiresAt: number | null;
}

export function session(now: number = Date.now()): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null') as Partial<Session> | null;
    if (!s || typeof s.token !== 'string') return null;
    if (s.expiresAt && now >= s.expiresAt) {
      sessionStorage.removeItem(TOKEN_KEY);
      return null;
    }
    return { token: s.token, expiresAt: s.expiresAt ?? null };
  } catch {
    return null;
  }
}

export function saveSession(token: string, expiresInSeconds?: number | null, now: number = Date.now()): void {
  const expiresAt = expiresInSeconds ? now + expiresInSeconds * 1000 : null;
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token, expiresAt }));
}

/** Forgets the token and everything else this console kept for the tab (e.g. an import being followed). */
export function clearStoredSession(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (key && key.indexOf(PREFIX) === 0) sessionStorage.removeItem(key);
  }
}

export function authHeader(): Record<string, string> {
  const s = session();
  return s ? { Authorization: `Bearer ${s.token}` } : {};
}
