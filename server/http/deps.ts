import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Actor } from "../policy/actor.ts";

/** What a running Huajie node is built from; tests build it with their own clock and database. */
export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, health, API documents). */
    public?: boolean;
    /** Reachable while the account still has to change its initial password. */
    beforePasswordChange?: boolean;
    /** Reachable while a role of the account requires two-factor and it has not enrolled yet. */
    beforeTwoFactor?: boolean;
  }
}

/** The signed-in actor of a request; the session hook has already refused requests without one. */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error("route without a session reached a handler that needs one");
  return request.actor;
}
