import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { devToken, onSessionEnded } from '../api/client';
import { firstMe } from './boot';
import type { Me } from './me';

export type { Me, Role } from './me';

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
  const q = useQuery({ queryKey: SESSION_KEY, queryFn: firstMe, staleTime: 5 * 60_000 });
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
