// Rate limits cap how often one client may knock on the doors that need no session: sign-in,
// the health check and the calendar feeds. They are counted in each node's memory, so behind
// a load balancer each node allows its own share; the account lockout (in the database) is
// what holds across nodes.
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from "fastify";
import type { Config } from "../config.ts";
import { AppError } from "./errors.ts";

/** A refusal is the one problem+json of the API, with the moment the window reopens (and Retry-After). */
const exceeded = (_request: unknown, context: { ttl: number }) => new AppError(429, "tooManyRequests", { retryAt: new Date(Date.now() + context.ttl) });

/**
 * Registers the limiter: every route marked `config.public` (unless it sets a limit of its own)
 * allows `publicRateLimitPerAddress` requests per client address and window.
 */
export async function registerRateLimits(app: FastifyInstance, config: Config): Promise<void> {
  const timeWindow = config.rateLimitWindowSeconds * 1000;
  // Runs before the limiter's own onRoute hook, which reads the limit this one sets.
  app.addHook("onRoute", (route) => {
    if (route.config?.public && route.config.rateLimit === undefined) {
      route.config = { ...route.config, rateLimit: { max: config.publicRateLimitPerAddress, timeWindow } };
    }
  });
  await app.register(fastifyRateLimit, { global: false, timeWindow, errorResponseBuilder: exceeded });
}

/**
 * Sign-in's two limits: per client address, counted before anything is read (any attempt,
 * for any username, existing or not), and per username, counted once the body is read.
 * (Made with `createRateLimit`: the plugin's ready-made hook runs once per request, not twice.)
 */
export function signInLimits(app: FastifyInstance, config: Config): { onRequest: onRequestHookHandler; preHandler: preHandlerHookHandler } {
  const timeWindow = config.rateLimitWindowSeconds * 1000;
  const perAddress = app.createRateLimit({ max: config.signInRateLimitPerAddress, timeWindow });
  const perUsername = app.createRateLimit({
    max: config.signInRateLimitPerUsername,
    timeWindow,
    keyGenerator: (request) => `username:${String((request.body as { username?: unknown }).username).toLowerCase()}`,
  });
  const refuseWhenExceeded = async (limit: typeof perAddress, request: FastifyRequest) => {
    const result = await limit(request);
    if (!result.isAllowed && result.isExceeded) throw exceeded(request, result);
  };
  return {
    onRequest: (request) => refuseWhenExceeded(perAddress, request),
    preHandler: (request) => refuseWhenExceeded(perUsername, request),
  };
}
