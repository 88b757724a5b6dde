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
  MediatorCandidates,
  RefuseDisputeInput,
  RegisterDisputeInput,
  UpdateDisputeInput,
} from "@shared/disputes/schemas.ts";
import { ConcludeMediationInput, MoveUpDisputeInput, RecordFollowUpInput, RecordReferralResultInput, RecordSessionInput, ReferDisputeInput } from "@shared/disputes/mediation-schemas.ts";
import { DisputeStats, DisputeStatsQuery } from "@shared/disputes/stats-schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import { DOCX, contentDisposition, fileResponse } from "../../http/download.ts";
import type { Actor } from "../../policy/actor.ts";
import { DisputeTypeList, SaveDisputeTypesInput } from "@shared/disputes/type-schemas.ts";
import * as acceptance from "./acceptance-service.ts";
import * as types from "./type-service.ts";
import * as mediation from "./mediation-service.ts";
import * as referral from "./referral-service.ts";
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

  app.get(
    "/api/disputes/:id/mediator-candidates",
    { schema: { tags, summary: "Whom the caller may make mediators of the dispute: active mediators, officers and leaders of its org or one above, within the caller's jurisdiction", params: IdParams, response: { 200: MediatorCandidates } } },
    async (request) => ({ items: await runAction(app.deps, request, acceptance.listMediatorCandidates, request.params) }),
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

  app.post(
    "/api/disputes/:id/sessions",
    { schema: { tags, summary: "Record a mediation session (调解记录); the first puts the case in mediation", params: IdParams, body: RecordSessionInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, mediation.recordSession, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/disputes/:id/outcome",
    {
      schema: {
        tags,
        summary: "How mediation ended: an agreement with its terms (a follow-up visit is then due, 30 days by default), no agreement, or withdrawal",
        params: IdParams,
        body: ConcludeMediationInput,
        response: { 200: Dispute },
      },
    },
    (request) => runAction(app.deps, request, mediation.concludeMediation, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.get(
    "/api/disputes/:id/agreement.docx",
    { schema: { tags, summary: "The mediation agreement in force (人民调解协议书) as a Word document in the official layout", params: IdParams, response: { 200: fileResponse([DOCX], "A .docx file") } } },
    async (request, reply) => {
      const exported = await runAction(app.deps, request, mediation.exportAgreement, request.params);
      return reply.type(DOCX).header("content-disposition", contentDisposition("attachment", `${exported.title}.docx`, "agreement.docx")).send(exported.document);
    },
  );

  app.post(
    "/api/disputes/:id/follow-ups",
    { schema: { tags, summary: "Record the follow-up visit (回访): fully performed closes the case, otherwise mediation reopens", params: IdParams, body: RecordFollowUpInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, mediation.recordFollowUp, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/disputes/:id/referral",
    { schema: { tags, summary: "Refer the dispute (移交) to a court, the police, labour inspection, a department or another org", params: IdParams, body: ReferDisputeInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, referral.referDispute, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/disputes/:id/referral/result",
    { schema: { tags, summary: "What the receiver of the referral did: handled it (the case closes) or returned it", params: IdParams, body: RecordReferralResultInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, referral.recordReferralResult, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/disputes/:id/move-up",
    { schema: { tags, summary: "Move the dispute up to the township or county above, which is notified and decides on it again", params: IdParams, body: MoveUpDisputeInput, response: { 200: Dispute } } },
    (request) => runAction(app.deps, request, referral.moveDisputeUp, { ...request.body, id: request.params.id }).then(present(request)),
  );

  const presentTypes = ({ rows, canManage }: { rows: { key: string; nameZh: string; nameEn: string; active: boolean }[]; canManage: boolean }) => ({
    items: rows.map((row) => ({ key: row.key, zh: row.nameZh, en: row.nameEn, active: row.active })),
    canManage,
  });

  app.get("/api/dispute-types", { schema: { tags, summary: "The deployment's list of dispute types, in order, retired ones marked inactive", response: { 200: DisputeTypeList } } }, (request) =>
    runAction(app.deps, request, types.listDisputeTypes, {}).then(presentTypes),
  );

  app.put(
    "/api/dispute-types",
    { schema: { tags, summary: "Keep the list of dispute types (administrators of a top-level org): add, rename, reorder, retire", body: SaveDisputeTypesInput, response: { 200: DisputeTypeList } } },
    (request) => runAction(app.deps, request, types.saveDisputeTypeList, request.body).then(presentTypes),
  );
}
