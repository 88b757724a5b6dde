import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ChangePasswordInput, LoginInput, SessionInfo } from "@shared/auth/schemas.ts";
import { LoginAnswer } from "@shared/auth/two-factor-schemas.ts";
import { actorOf } from "../../http/deps.ts";
import { signInLimits } from "../../http/rate-limits.ts";
import * as auth from "./service.ts";
import { CHALLENGE_COOKIE, SESSION_COOKIE, cookieOptionsOf } from "./tokens.ts";

const Ok = z.object({ ok: z.literal(true) });

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const cookieOptions = cookieOptionsOf(config);

  app.post(
    "/api/auth/login",
    {
      // The limits come first: they also count attempts for usernames that do not exist.
      config: { public: true, rateLimit: false },
      ...signInLimits(fastify, config),
      schema: {
        tags: ["auth"],
        summary: "Sign in",
        description: "An account with two-factor sign-in answers `twoFactorRequired` and a short-lived cookie; POST /api/auth/login/two-factor then completes it.",
        body: LoginInput,
        response: { 200: LoginAnswer },
      },
    },
    async (request, reply) => {
      const ctx = { clock, config, ip: request.ip };
      // The failure counter must survive the refusal, so sign-in commits before it answers.
      const result = await db.orm.transaction(async (tx) => {
        try {
          return { ok: await auth.signIn({ ...ctx, tx }, { ...request.body, userAgent: request.headers["user-agent"] ?? null }) };
        } catch (error) {
          return { error };
        }
      });
      if ("error" in result) throw result.error;
      if ("challenge" in result.ok) {
        reply.setCookie(CHALLENGE_COOKIE, result.ok.challenge, { ...cookieOptions, path: "/api/auth/login", maxAge: auth.CHALLENGE_MS / 1000 });
        return { twoFactorRequired: true as const };
      }
      const { token, csrfToken } = result.ok;
      const resolved = await db.orm.transaction((tx) => auth.resolveSession({ ...ctx, tx }, token));
      if (resolved.status !== "active") throw new Error("a session just created did not resolve");
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return auth.sessionInfo(db.orm, config, resolved.actor, csrfToken);
    },
  );

  app.post(
    "/api/auth/logout",
    { config: { beforePasswordChange: true, beforeTwoFactor: true }, schema: { tags: ["auth"], summary: "Sign out", response: { 200: Ok } } },
    async (request, reply) => {
      await db.orm.transaction((tx) =>
        auth.signOut({ tx, clock, config, ip: request.ip }, actorOf(request), request.cookies[SESSION_COOKIE]!),
      );
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/session",
    {
      config: { beforePasswordChange: true, beforeTwoFactor: true },
      schema: { tags: ["auth"], summary: "The signed-in account, its org and the CSRF token", response: { 200: SessionInfo } },
    },
    async (request) => auth.sessionInfo(db.orm, config, actorOf(request), request.csrfToken!),
  );

  app.post(
    "/api/auth/password",
    {
      config: { beforePasswordChange: true, beforeTwoFactor: true },
      schema: { tags: ["auth"], summary: "Change one's own password", body: ChangePasswordInput, response: { 200: SessionInfo } },
    },
    async (request) => {
      const actor = actorOf(request);
      await db.orm.transaction((tx) =>
        auth.changeOwnPassword({ tx, clock, config, ip: request.ip }, actor, request.cookies[SESSION_COOKIE]!, request.body),
      );
      return auth.sessionInfo(db.orm, config, actor, request.csrfToken!);
    },
  );
}
