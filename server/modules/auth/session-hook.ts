import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../http/deps.ts";
import { AppError } from "../../http/errors.ts";
import { resolveSession } from "./service.ts";
import { SESSION_COOKIE, sameToken } from "./tokens.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Runs before every API route: loads the actor from the session cookie, enforces the idle
 * timeout, checks the CSRF header on every state-changing request, and holds accounts that
 * must change their initial password, or enrol in two-factor sign-in, to that one task.
 */
export function sessionHook(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.actor = null;
    request.csrfToken = null;
    const config = request.routeOptions.config;
    const token = request.cookies[SESSION_COOKIE];
    if (config.public) return;
    if (!token) throw new AppError(401, "unauthenticated");
    // Not in a transaction: each of its statements (the read, an expiry's delete, a touch)
    // stands alone, and every request pays for a BEGIN and a COMMIT in round trips.
    const resolved = await resolveSession({ tx: deps.db.orm, clock: deps.clock, config: deps.config, ip: request.ip }, token);
    if (resolved.status === "none") throw new AppError(401, "unauthenticated");
    if (resolved.status === "expired") throw new AppError(401, "session.expired");
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !sameToken(sent, resolved.csrfToken)) throw new AppError(403, "csrf.invalid");
    }
    if (resolved.mustChangePassword && !config.beforePasswordChange) throw new AppError(403, "password.mustChange");
    if (resolved.mustEnrolTwoFactor && !config.beforeTwoFactor) throw new AppError(403, "twoFactor.enrolRequired");
    request.actor = resolved.actor;
    request.csrfToken = resolved.csrfToken;
  };
}
