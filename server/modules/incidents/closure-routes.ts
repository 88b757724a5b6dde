// Routes of closing an incident with its review, reopening it, and reading its reviews.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CloseIncidentInput, IncidentReviewList, ReopenIncidentInput } from "@shared/incidents/report-schemas.ts";
import { IdParams, Incident } from "@shared/incidents/schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import * as closure from "./closure-service.ts";
import { presentIncident } from "./present.ts";
import type { IncidentView } from "./service.ts";

export async function incidentClosureRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["incidents"];
  const present = (request: { actor: Actor | null }) => (view: IncidentView) => presentIncident(actorOf(request), view);

  app.post(
    "/api/incidents/:id/close",
    { schema: { tags, summary: "Close with the outcome, final figures and the review; timings are computed, follow-up actions become tasks", params: IdParams, body: CloseIncidentInput, response: { 200: Incident } } },
    (request) => runAction(app.deps, request, closure.closeIncident, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/incidents/:id/reopen", { schema: { tags, summary: "Reopen a closed incident, saying why", params: IdParams, body: ReopenIncidentInput, response: { 200: Incident } } }, (request) =>
    runAction(app.deps, request, closure.reopenIncident, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.get("/api/incidents/:id/reviews", { schema: { tags, summary: "The after-action reviews of the incident's closings, the latest first", params: IdParams, response: { 200: IncidentReviewList } } }, async (request) => ({
    items: await runAction(app.deps, request, closure.listReviews, request.params),
  }));
}
