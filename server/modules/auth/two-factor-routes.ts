import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { SessionInfo } from "@shared/auth/schemas.ts";
import { DisableTwoFactorInput, RecoveryCodes, SecondStepInput, TwoFactorCodeInput, TwoFactorEnrolment, TwoFactorStatus } from "@shared/auth/two-factor-schemas.ts";
import { AppError } from "../../http/errors.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import * as auth from "./service.ts";
import { CHALLENGE_COOKIE, SESSION_COOKIE, cookieOptionsOf } from "./tokens.ts";
import * as twoFactor from "./two-factor-service.ts";

const tags = ["auth"];

export async function twoFactorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const cookieOptions = cookieOptionsOf(config);
  const own = <Input, Result>(request: { actor: Actor | null }, action: (args: twoFactor.OwnArgs<Input>) => Promise<Result>, input: Input) =>
    db.orm.transaction((tx) => action({ actor: actorOf(request), input, tx, clock, config }));

  app.post(
    "/api/auth/login/two-factor",
    {
      // A second step is a sign-in attempt: the same per-address cap as the password step.
      config: { public: true, rateLimit: { max: config.signInRateLimitPerAddress, timeWindow: config.rateLimitWindowSeconds * 1000 } },
      schema: { tags, summary: "Complete a two-factor sign-in with a current code or a recovery code", body: SecondStepInput, response: { 200: SessionInfo } },
    },
    async (request, reply) => {
      const challenge = request.cookies[CHALLENGE_COOKIE];
      if (!challenge) throw new AppError(401, "twoFactor.challengeExpired");
      const ctx = { clock, config, ip: request.ip };
      // A wrong code counts toward the lockout, so the attempt commits before it answers.
      const result = await db.orm.transaction(async (tx) => {
        try {
          return { ok: await twoFactor.completeSecondStep({ ...ctx, tx }, { challenge, code: request.body.code, userAgent: request.headers["user-agent"] ?? null }) };
        } catch (error) {
          return { error };
        }
      });
      if ("error" in result) throw result.error;
      const resolved = await db.orm.transaction((tx) => auth.resolveSession({ ...ctx, tx }, result.ok.token));
      if (resolved.status !== "active") throw new Error("a session just created did not resolve");
      reply.clearCookie(CHALLENGE_COOKIE, { ...cookieOptions, path: "/api/auth/login" });
      reply.setCookie(SESSION_COOKIE, result.ok.token, cookieOptions);
      return auth.sessionInfo(db.orm, config, resolved.actor, result.ok.csrfToken);
    },
  );

  app.get(
    "/api/auth/two-factor",
    { config: { beforeTwoFactor: true }, schema: { tags, summary: "One's own two-factor sign-in: on or off, recovery codes left", response: { 200: TwoFactorStatus } } },
    (request) => own(request, twoFactor.twoFactorStatus, undefined),
  );

  app.post(
    "/api/auth/two-factor/enrolment",
    {
      config: { beforeTwoFactor: true },
      schema: { tags, summary: "Start setting up an authenticator: a new secret and its otpauth:// URI, pending until confirmed", response: { 200: TwoFactorEnrolment } },
    },
    (request) => own(request, twoFactor.startTwoFactorEnrolment, undefined),
  );

  app.post(
    "/api/auth/two-factor/enrolment/confirm",
    {
      config: { beforeTwoFactor: true },
      schema: { tags, summary: "Confirm the authenticator with a current code: two-factor is on; the recovery codes are shown once", body: TwoFactorCodeInput, response: { 200: RecoveryCodes } },
    },
    (request) => own(request, twoFactor.confirmTwoFactorEnrolment, request.body),
  );

  app.post(
    "/api/auth/two-factor/disable",
    { schema: { tags, summary: "Turn two-factor sign-in off with a current code or the password", body: DisableTwoFactorInput, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => {
      await own(request, twoFactor.disableTwoFactor, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    "/api/auth/two-factor/recovery-codes",
    { schema: { tags, summary: "New recovery codes (the old ones stop working), with a current code", body: TwoFactorCodeInput, response: { 200: RecoveryCodes } } },
    (request) => own(request, twoFactor.regenerateRecoveryCodes, request.body),
  );
}
