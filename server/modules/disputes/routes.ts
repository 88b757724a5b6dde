import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Dispute, DisputeList, DisputeListQuery, DisputeTimeline, IdParams, RegisterDisputeInput, UpdateDisputeInput } from "@shared/disputes/schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import { presentDispute, presentDisputeSummary, presentEvent } from "./present.ts";
import * as disputes from "./service.ts";

export async function disputeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["disputes"];
  const present = (request: { actor: Actor | null }) => (view: disputes.DisputeView) => presentDispute(actorOf(request), view);

  app.get("/api/disputes", { schema: { tags, summary: "The dispute register in the caller's reach, newest first; parties' identities masked", querystring: DisputeListQuery, response: { 200: DisputeList } } }, async (request) => {
    const page = await runAction(app.deps, request, disputes.listDisputes, request.query);
    return { items: page.items.map((item) => presentDisputeSummary(item, item.parties)), total: page.total };
  });

  app.post("/api/disputes", { schema: { tags, summary: "Register a dispute (纠纷登记); high risk notifies the township office", body: RegisterDisputeInput, response: { 201: Dispute } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, disputes.registerDispute, request.body).then(present(request));
  });

  app.get("/api/disputes/:id", { schema: { tags, summary: "One dispute with its parties (a read by others than the filer is audited)", params: IdParams, response: { 200: Dispute } } }, (request) =>
    runAction(app.deps, request, disputes.getDispute, request.params).then(present(request)),
  );

  app.patch(
    "/api/disputes/:id",
    { schema: { tags, summary: "Correct the register: facts, risk, level, route; parties replaced as a whole list", params: IdParams, body: UpdateDisputeInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, disputes.updateDispute, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.get("/api/disputes/:id/timeline", { schema: { tags, summary: "Everything that happened to the dispute, in order", params: IdParams, response: { 200: DisputeTimeline } } }, (request) =>
    runAction(app.deps, request, disputes.getDisputeTimeline, request.params).then((rows) => ({ items: rows.map(presentEvent) })),
  );
}
