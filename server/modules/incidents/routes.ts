import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  DeadlineParams,
  IdParams,
  Incident,
  IncidentList,
  IncidentListQuery,
  IncidentTimeline,
  MeetDeadlineInput,
  NoteInput,
  OnSiteInput,
  ReportIncidentInput,
  SetLevelInput,
  SubtypeList,
  SubtypesQuery,
  TaskParams,
  UpdateIncidentInput,
  UpdateTaskInput,
} from "@shared/incidents/schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import { presentEvent, presentIncident, presentIncidentSummary } from "./present.ts";
import { listIncidents } from "./queries.ts";
import * as response from "./response-service.ts";
import * as incidents from "./service.ts";

export async function incidentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["incidents"];
  const present = (request: { actor: Actor | null }) => (view: incidents.IncidentView) => presentIncident(actorOf(request), view);
  const timeline = (rows: Awaited<ReturnType<typeof incidents.getIncidentTimeline>>) => ({ items: rows.map(presentEvent) });

  app.get("/api/incidents", { schema: { tags, summary: "Incidents in the caller's reach, newest report first", querystring: IncidentListQuery, response: { 200: IncidentList } } }, async (request) => {
    const page = await listIncidents(db.orm, actorOf(request), request.query, clock.now());
    return { items: page.items.map((item) => presentIncidentSummary(item, item.overdue)), total: page.total };
  });

  app.post("/api/incidents", { schema: { tags, summary: "Report an incident (首报); the plan's thresholds suggest its level", body: ReportIncidentInput, response: { 201: Incident } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, incidents.reportIncident, request.body).then(present(request));
  });

  app.get(
    "/api/incidents/subtypes",
    { schema: { tags, summary: "The subtypes a report for the org and category may name (from the governing plan)", querystring: SubtypesQuery, response: { 200: SubtypeList } } },
    (request) => runAction(app.deps, request, incidents.listReportSubtypes, request.query),
  );

  app.get("/api/incidents/:id", { schema: { tags, summary: "One incident with its deadlines and tasks", params: IdParams, response: { 200: Incident } } }, (request) =>
    runAction(app.deps, request, incidents.getIncident, request.params).then(present(request)),
  );

  app.patch("/api/incidents/:id", { schema: { tags, summary: "A later report (续报): the facts as now known; changed figures re-suggest the level", params: IdParams, body: UpdateIncidentInput, response: { 200: Incident } } }, (request) =>
    runAction(app.deps, request, incidents.updateIncident, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/incidents/:id/level",
    { schema: { tags, summary: "Confirm or override the level (a reason when it differs from the suggestion); opening activates the plan", params: IdParams, body: SetLevelInput, response: { 200: Incident } } },
    (request) => runAction(app.deps, request, incidents.setIncidentLevel, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.get("/api/incidents/:id/timeline", { schema: { tags, summary: "Everything that happened to the incident, in order", params: IdParams, response: { 200: IncidentTimeline } } }, (request) =>
    runAction(app.deps, request, incidents.getIncidentTimeline, request.params).then(timeline),
  );

  app.post("/api/incidents/:id/notes", { schema: { tags, summary: "Add a note to the timeline", params: IdParams, body: NoteInput, response: { 200: IncidentTimeline } } }, (request) =>
    runAction(app.deps, request, incidents.addIncidentNote, { ...request.body, id: request.params.id }).then(timeline),
  );

  app.post("/api/incidents/:id/on-site", { schema: { tags, summary: "Record one's own arrival on site; meets the plan's on-site deadline for one's role", params: IdParams, body: OnSiteInput, response: { 200: Incident } } }, (request) =>
    runAction(app.deps, request, response.recordOnSite, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post(
    "/api/incidents/:id/deadlines/:deadlineId/meet",
    { schema: { tags, summary: "Mark a deadline met on someone's word (on-site deadlines only)", params: DeadlineParams, body: MeetDeadlineInput, response: { 200: Incident } } },
    (request) => runAction(app.deps, request, response.meetIncidentDeadline, { ...request.body, ...request.params }).then(present(request)),
  );

  app.patch("/api/incidents/:id/tasks/:taskId", { schema: { tags, summary: "Change a task's status or notes", params: TaskParams, body: UpdateTaskInput, response: { 200: Incident } } }, (request) =>
    runAction(app.deps, request, response.updateIncidentTask, { ...request.body, ...request.params }).then(present(request)),
  );
}
