import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  CreateDrillInput,
  CreatePlanInput,
  Drill,
  DrillList,
  DrillListQuery,
  IdParams,
  LevelSuggestion,
  Plan,
  PlanExportQuery,
  PlanList,
  PlanListQuery,
  PlanVersionInput,
  SuggestLevelQuery,
  UpdatePlanInput,
} from "@shared/plans/schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import { findAccountNames } from "../accounts/queries.ts";
import { DOCX, contentDisposition, fileResponse } from "../../http/download.ts";
import type { Actor } from "../../policy/actor.ts";
import * as drills from "./drill-service.ts";
import { presentDrill, presentPlan, presentPlanSummary } from "./present.ts";
import { findVersionSummaries, listDrills, listPlans } from "./queries.ts";
import * as plans from "./service.ts";


export async function planRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ["plans"];
  const present = (request: { actor: Actor | null }) => (view: plans.PlanView) => presentPlan(actorOf(request), view);

  app.get("/api/plans", { schema: { tags, summary: "Emergency plans in the caller's jurisdiction", querystring: PlanListQuery, response: { 200: PlanList } } }, async (request) => {
    const actor = actorOf(request);
    const page = await listPlans(db.orm, actor, request.query);
    const versions = await findVersionSummaries(db.orm, page.items.map((item) => item.plan.id));
    return {
      items: page.items.map((item) => presentPlanSummary(actor, item, versions.filter((v) => v.planId === item.plan.id))),
      total: page.total,
    };
  });

  app.post("/api/plans", { schema: { tags, summary: "Write a new plan (its first version is a draft)", body: CreatePlanInput, response: { 201: Plan } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, plans.createPlan, request.body).then(present(request));
  });

  app.get("/api/plans/:id", { schema: { tags, summary: "One plan with all its versions", params: IdParams, response: { 200: Plan } } }, (request) =>
    runAction(app.deps, request, plans.getPlan, request.params).then(present(request)),
  );

  app.patch("/api/plans/:id", { schema: { tags, summary: "Edit the draft, or start a new draft from the version in force", params: IdParams, body: UpdatePlanInput, response: { 200: Plan } } }, (request) =>
    runAction(app.deps, request, plans.updatePlan, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/plans/:id/publish", { schema: { tags, summary: "Put the draft in force, retiring the version it replaces", params: IdParams, body: PlanVersionInput, response: { 200: Plan } } }, (request) =>
    runAction(app.deps, request, plans.publishPlan, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/plans/:id/retire", { schema: { tags, summary: "Take the version in force out of force", params: IdParams, body: PlanVersionInput, response: { 200: Plan } } }, (request) =>
    runAction(app.deps, request, plans.retirePlan, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.get("/api/plans/:id/suggest-level", { schema: { tags, summary: "The level the version in force suggests for an event's figures (loss in 万元)", params: IdParams, querystring: SuggestLevelQuery, response: { 200: LevelSuggestion } } }, (request) =>
    runAction(app.deps, request, plans.suggestPlanLevel, { ...request.query, id: request.params.id }),
  );

  app.get(
    "/api/plans/:id/export.docx",
    {
      schema: {
        tags,
        summary: "The version in force (or the one given) as a Word document in the official layout (GB/T 9704)",
        params: IdParams,
        querystring: PlanExportQuery,
        response: { 200: fileResponse([DOCX], "A .docx file") },
      },
    },
    async (request, reply) => {
      const exported = await runAction(app.deps, request, plans.exportPlan, { ...request.query, id: request.params.id });
      return reply.type(DOCX).header("content-disposition", contentDisposition("attachment", `${exported.title}（第${exported.versionNo}版）.docx`, "plan.docx")).send(exported.document);
    },
  );

  app.get("/api/drills", { schema: { tags, summary: "Drills held in the caller's jurisdiction, latest first", querystring: DrillListQuery, response: { 200: DrillList } } }, async (request) => {
    const page = await listDrills(db.orm, actorOf(request), request.query);
    const names = await findAccountNames(db.orm, page.items.flatMap((item) => item.drill.participantIds));
    return { items: page.items.map((item) => presentDrill({ ...item, participants: names })), total: page.total };
  });

  app.post("/api/drills", { schema: { tags, summary: "Record a drill of a plan version", body: CreateDrillInput, response: { 201: Drill } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, drills.createDrill, request.body).then(presentDrill);
  });

  app.get("/api/drills/:id", { schema: { tags, summary: "One drill", params: IdParams, response: { 200: Drill } } }, (request) =>
    runAction(app.deps, request, drills.getDrill, request.params).then(presentDrill),
  );
}
