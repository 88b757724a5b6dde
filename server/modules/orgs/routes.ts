import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams } from "@shared/common.ts";
import { CreateOrgInput, MoveOrgInput, Org, OrgList, OrgListQuery, UpdateOrgInput, VersionInput } from "@shared/orgs/schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import { presentOrg } from "./present.ts";
import { type OrgRow, listOrgs } from "./queries.ts";
import * as orgs from "./service.ts";

export async function orgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ["orgs"];
  const present = (request: { actor: Actor | null }) => (row: OrgRow) => presentOrg(actorOf(request), row);

  app.get("/api/orgs", { schema: { tags, summary: "Orgs in the caller's jurisdiction, in tree order", querystring: OrgListQuery, response: { 200: OrgList } } }, async (request) => {
    const actor = actorOf(request);
    const { q, includeInactive, offset, limit } = request.query;
    const result = await listOrgs(db.orm, actor, { ...(q ? { q } : {}), includeInactive: includeInactive === "true", offset, limit });
    return { items: result.items.map((row) => presentOrg(actor, row)), total: result.total };
  });

  app.post("/api/orgs", { schema: { tags, summary: "Create an org under a parent", body: CreateOrgInput, response: { 201: Org } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, orgs.createOrg, request.body).then(present(request));
  });

  app.get("/api/orgs/:id", { schema: { tags, summary: "One org", params: IdParams, response: { 200: Org } } }, (request) =>
    runAction(app.deps, request, orgs.getOrg, request.params).then(present(request)),
  );

  app.patch("/api/orgs/:id", { schema: { tags, summary: "Edit an org", params: IdParams, body: UpdateOrgInput, response: { 200: Org } } }, (request) =>
    runAction(app.deps, request, orgs.updateOrg, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/orgs/:id/move", { schema: { tags, summary: "Move an org and its subtree under another parent", params: IdParams, body: MoveOrgInput, response: { 200: Org } } }, (request) =>
    runAction(app.deps, request, orgs.moveOrg, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/orgs/:id/deactivate", { schema: { tags, summary: "Deactivate an org (history is kept)", params: IdParams, body: VersionInput, response: { 200: Org } } }, (request) =>
    runAction(app.deps, request, orgs.deactivateOrg, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/orgs/:id/reactivate", { schema: { tags, summary: "Reactivate an org", params: IdParams, body: VersionInput, response: { 200: Org } } }, (request) =>
    runAction(app.deps, request, orgs.reactivateOrg, { ...request.body, id: request.params.id }).then(present(request)),
  );
}
