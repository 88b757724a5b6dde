import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  AcceptDisputeInput,
  AssignMediatorsInput,
  Dispute,
  DisputeList,
  DisputeListQuery,
  DisputeTimeline,
  ExtendMediationInput,
  IdParams,
  RefuseDisputeInput,
  RegisterDisputeInput,
  UpdateDisputeInput,
} from "@shared/disputes/schemas.ts";
import { DisputeStats, DisputeStatsQuery } from "@shared/disputes/stats-schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import { DOCX, contentDisposition, fileResponse } from "../../http/download.ts";
import type { Actor } from "../../policy/actor.ts";
import * as acceptance from "./acceptance-service.ts";
import { presentDispute, presentDisputeSummary, presentEvent } from "./present.ts";
import * as disputes from "./service.ts";
import { disputeStats } from "./stats-service.ts";


export async function disputeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["disputes"];
  const present = (request: { actor: Actor | null }) => (view: disputes.DisputeView) => presentDispute(actorOf(request), view);

  app.get("/api/disputes", { schema: { tags, summary: "The dispute register in the caller's reach, newest first; parties' identities masked", querystring: DisputeListQuery, response: { 200: DisputeList } } }, async (request) => {
    const page = await runAction(app.deps, request, disputes.listDisputes, request.query);
    return { items: page.items.map((item) => presentDisputeSummary(item, item.parties)), total: page.total };
  });

  app.get(
    "/api/disputes/stats",
    { schema: { tags, summary: "Statistics of the disputes in the caller's reach: totals, success, on-time, follow-up and performance rates, by type, status, level, org and over time", querystring: DisputeStatsQuery, response: { 200: DisputeStats } } },
    (request) => runAction(app.deps, request, disputeStats, request.query),
  );

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

  app.post(
    "/api/disputes/:id/accept",
    { schema: { tags, summary: "Accept the dispute (受理) with mediators (one lead); mediation due in 30 days unless `dueDays` says otherwise", params: IdParams, body: AcceptDisputeInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, acceptance.acceptDispute, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/disputes/:id/refuse",
    { schema: { tags, summary: "Refuse the dispute (不予受理), telling the parties where to go instead", params: IdParams, body: RefuseDisputeInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, acceptance.refuseDispute, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/disputes/:id/extend",
    { schema: { tags, summary: "Move the mediation deadline later, with the parties' agreement and a reason", params: IdParams, body: ExtendMediationInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, acceptance.extendMediation, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.put(
    "/api/disputes/:id/mediators",
    { schema: { tags, summary: "Replace the mediators of a dispute being mediated (one lead)", params: IdParams, body: AssignMediatorsInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, acceptance.assignMediators, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.get(
    "/api/disputes/:id/refusal.docx",
    { schema: { tags, summary: "The refusal notice (不予受理告知书) as a Word document in the official layout", params: IdParams, response: { 200: fileResponse([DOCX], "A .docx file") } } },
    async (request, reply) => {
      const exported = await runAction(app.deps, request, acceptance.exportRefusalNotice, request.params);
      return reply.type(DOCX).header("content-disposition", contentDisposition("attachment", `${exported.title}.docx`, "refusal.docx")).send(exported.document);
    },
  );
}
