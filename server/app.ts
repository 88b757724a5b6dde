import { existsSync } from "node:fs";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyInstance } from "fastify";
import { type ZodTypeProvider, jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "./http/deps.ts";
import { registerStrictJsonParser } from "./http/json-body.ts";
import { notFoundHandler, problemHandler } from "./http/problem.ts";
import { registerRateLimits } from "./http/rate-limits.ts";
import { accountRoutes } from "./modules/accounts/routes.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { sessionHook } from "./modules/auth/session-hook.ts";
import { twoFactorRoutes } from "./modules/auth/two-factor-routes.ts";
import { disputeAttachmentRoutes } from "./modules/disputes/attachment-routes.ts";
import { disputeLedgerRoutes } from "./modules/disputes/ledger-routes.ts";
import { disputeRoutes } from "./modules/disputes/routes.ts";
import { screeningReportRoutes } from "./modules/disputes/screening-routes.ts";
import { dutyRoutes } from "./modules/duty/routes.ts";
import { groupRoutes } from "./modules/groups/routes.ts";
import { incidentAttachmentRoutes } from "./modules/incidents/attachment-routes.ts";
import { incidentClosureRoutes } from "./modules/incidents/closure-routes.ts";
import { incidentReportRoutes } from "./modules/incidents/report-routes.ts";
import { incidentRoutes } from "./modules/incidents/routes.ts";
import { markRealtimeSent } from "./modules/notifications/queries.ts";
import { notificationRoutes } from "./modules/notifications/routes.ts";
import { orgRoutes } from "./modules/orgs/routes.ts";
import { planRoutes } from "./modules/plans/routes.ts";
import { projectPath } from "./project-files.ts";
import { LiveHub } from "./realtime/hub.ts";
import { liveRoutes } from "./realtime/routes.ts";

const webRoot = projectPath("dist/web/");
const packageVersion = "0.1.0";

/** The module route plugins, in the order they appear in the API document. */
export const moduleRoutes = [authRoutes, twoFactorRoutes, orgRoutes, accountRoutes, auditRoutes, groupRoutes, planRoutes, dutyRoutes, incidentRoutes, incidentReportRoutes, incidentClosureRoutes, incidentAttachmentRoutes, notificationRoutes, liveRoutes, disputeRoutes, disputeAttachmentRoutes, disputeLedgerRoutes, screeningReportRoutes];

export async function buildApp(deps: Deps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: deps.config.logLevel },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A URL the router cannot decode (bad percent-encoding, a path segment too long) is the
    // client's error like any other: problem+json, not Fastify's own JSON.
    frameworkErrors: problemHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("deps", deps);
  app.decorateRequest("actor", null);
  app.decorateRequest("csrfToken", null);
  app.setErrorHandler(problemHandler);
  // The API speaks JSON, and multipart on the attachment and ledger import routes alone (they register its
  // parser): any other body is refused with 415 before a handler sees it.
  app.removeContentTypeParser("text/plain");
  registerStrictJsonParser(app);

  await app.register(fastifyCookie);
  // Live events are the only WebSocket traffic, server to client: a client's messages are tiny or none.
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  const live = new LiveHub({
    db: deps.db,
    clock: deps.clock,
    onError: (error) => app.log.error({ err: error }, "live events failed"),
    onNotificationsSent: (ids, at) => markRealtimeSent(deps.db.orm, ids, at),
  });
  await live.start();
  app.decorate("live", live);
  app.addHook("onClose", () => live.stop());
  await app.register(fastifyHelmet, {
    // Ant Design writes its styles at run time, so styles may be inline; scripts never are.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only where the deployment is served over HTTPS, which secure cookies already require:
    // sent over plain HTTP on a trusted network it would lock browsers out of that address.
    // Old browsers that do not read frame-ancestors: never framed either.
    frameguard: { action: "deny" },
    hsts: deps.config.cookieSecure ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
  });
  await registerRateLimits(app, deps.config);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Huajie (化解) API", version: packageVersion, description: "Every route, its input and its output." },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    "/api/health",
    { config: { public: true }, schema: { tags: ["system"], summary: "Liveness and the database in use", response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]), demo: z.boolean() }) } } },
    async () => ({ status: "ok" as const, database: deps.db.kind, demo: deps.config.demo }),
  );
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // Everything registered in here runs behind the session hook.
  await app.register(async (api) => {
    api.addHook("onRequest", sessionHook(deps));
    for (const routes of moduleRoutes) await api.register(routes);
  });

  const hasWeb = existsSync(`${webRoot}index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET") return notFoundHandler(request, reply);
    if (!hasWeb) return reply.type("text/plain; charset=utf-8").send("The web client is not built: run `npm run build`.");
    return reply.sendFile("index.html");
  });
  return app;
}
