import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { SessionInfo } from "@shared/auth/schemas.ts";
import type { Role } from "@shared/roles.ts";
import { ApiError, api, onSessionLost, setCsrfToken } from "./api.ts";

interface SessionState {
  /** undefined while the first check runs; null when signed out. */
  session: SessionInfo | null | undefined;
  /** Why the user was sent back to sign in (an expired session), shown on the sign-in page. */
  lostReason: string | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  replace(session: SessionInfo): void;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [lostReason, setLostReason] = useState<string | null>(null);

  const replace = useCallback((next: SessionInfo | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    onSessionLost((problem) => {
      setLostReason(problem.title);
      replace(null);
    });
    api<SessionInfo>("GET", "/api/auth/session")
      .then(replace)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setLostReason(null);
        replace(null);
      });
  }, [replace]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      lostReason,
      async signIn(username, password) {
        replace(await api<SessionInfo>("POST", "/api/auth/login", { username, password }));
        setLostReason(null);
      },
      async signOut() {
        await api("POST", "/api/auth/logout").catch(() => undefined);
        replace(null);
      },
      replace,
      hasRole: (...roles) => !!session && session.account.roles.some((role) => roles.includes(role)),
    }),
    [session, lostReason, replace],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error("useSession outside SessionProvider");
  return context;
}

/** The signed-in session inside the app shell, where it always exists. */
export function useSignedIn(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error("useSignedIn outside the signed-in shell");
  return session;
}
