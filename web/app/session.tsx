import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { SessionInfo } from "@shared/auth/schemas.ts";
import type { LoginAnswer } from "@shared/auth/two-factor-schemas.ts";
import type { Role } from "@shared/roles.ts";
import { ApiError, api, onSessionLost, setCsrfToken } from "./api.ts";

interface SessionState {
  /** undefined while the first check runs; null when signed out. */
  session: SessionInfo | null | undefined;
  /** Why the user was sent back to sign in (an expired session), shown on the sign-in page. */
  lostReason: string | null;
  /** The first check could not reach the server at all: the app waits for the network and checks again. */
  offline: boolean;
  retry(): void;
  /** "code" when the account has two-factor sign-in: the password was right, `completeSignIn` takes the code. */
  signIn(username: string, password: string): Promise<"done" | "code">;
  completeSignIn(code: string): Promise<void>;
  signOut(): Promise<void>;
  replace(session: SessionInfo): void;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [lostReason, setLostReason] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);

  const replace = useCallback((next: SessionInfo | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  const check = useCallback(() => {
    api<SessionInfo>("GET", "/api/auth/session")
      .then((next) => {
        setOffline(false);
        replace(next);
      })
      .catch((error: unknown) => {
        // No network is not "signed out": the session cookie may well be valid.
        if (error instanceof ApiError && error.status === 0) {
          setOffline(true);
          return;
        }
        if (error instanceof ApiError && error.status === 401) setLostReason(null);
        setOffline(false);
        replace(null);
      });
  }, [replace]);

  useEffect(() => {
    onSessionLost((problem) => {
      setLostReason(problem.title);
      replace(null);
    });
    check();
  }, [replace, check]);

  // The 'online' event fires only when the device's connection changes; a timer covers a
  // network that is up but carries nothing.
  useEffect(() => {
    if (!offline) return;
    window.addEventListener("online", check);
    const timer = window.setInterval(check, 15_000);
    return () => {
      window.removeEventListener("online", check);
      window.clearInterval(timer);
    };
  }, [offline, check]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      lostReason,
      offline,
      retry: check,
      async signIn(username, password) {
        const answer = await api<LoginAnswer>("POST", "/api/auth/login", { username, password });
        setLostReason(null);
        if ("twoFactorRequired" in answer) return "code";
        replace(answer);
        return "done";
      },
      async completeSignIn(code) {
        replace(await api<SessionInfo>("POST", "/api/auth/login/two-factor", { code }));
      },
      async signOut() {
        await api("POST", "/api/auth/logout").catch(() => undefined);
        replace(null);
      },
      replace,
      hasRole: (...roles) => !!session && session.account.roles.some((role) => roles.includes(role)),
    }),
    [session, lostReason, offline, check, replace],
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
