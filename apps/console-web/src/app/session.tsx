import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { devToken, onSessionEnded } from '../api/client';

export type Role = 'regulator' | 'lab' | 'enterprise' | 'admin';

/** Who is signed in (GET /api/v1/auth/me). */
export interface Me {
  sub: string;
  role: Role;
  jurisdiction: string | null;
  org: string | null;
  staffNo: string | null;
  displayName: string | null;
}

/** The claims of a developer's token, read without checking it: the API checks it. */
function claimsOf(token: string): Me | null {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const c = JSON.parse(json) as Record<string, unknown>;
    if (typeof c.sub !== 'string' || typeof c.role !== 'string') return null;
    if (typeof c.exp === 'number' && c.exp * 1000 < Date.now()) return null;
    const s = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      sub: c.sub,
      role: c.role as Role,
      jurisdiction: s(c.jurisdiction),
      org: s(c.org),
      staffNo: s(c.staffNo),
      displayName: s(c.name),
    };
  } catch {
    return null;
  }
}

/**
 * The session: the account the cookies (or a developer's token) speak for, or null when
 * nobody is signed in.
 */
async function fetchMe(): Promise<Me | null> {
  const token = devToken.get();
  const res = await fetch('/api/v1/auth/me', {
    credentials: 'same-origin',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.ok) return (await res.json()) as Me;
  // An app without the sign-in routes: the token's own claims.
  if (res.status === 404 && token) return claimsOf(token);
  if (res.status === 401 && !token) {
    const refreshed = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
    });
    if (refreshed.ok) return fetchMe();
  }
  return null;
}

interface SessionValue {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<unknown>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);
export const SESSION_KEY = ['session'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const q = useQuery({ queryKey: SESSION_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
  useEffect(
    () =>
      onSessionEnded(() => {
        client.setQueryData(SESSION_KEY, null);
      }),
    [client],
  );
  const value: SessionValue = {
    me: q.data ?? null,
    loading: q.isLoading,
    refresh: () => q.refetch(),
    async signOut() {
      devToken.clear();
      await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(
        () => undefined,
      );
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in account; only for pages behind the shell, which requires one. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
