import type { Role } from "@shared/roles.ts";

/** Who is acting: taken from the session on every request, passed to every service action. */
export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  orgId: string;
  /** The path of the actor's org: its jurisdiction is every org whose path starts with it. */
  orgPath: string;
  roles: readonly Role[];
  ip: string | null;
}
