// Routes of the reports upward, the org's inbox of reports received, and the CAP export.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  CreateReportInput,
  IncidentReport,
  IncidentReportList,
  ReportInboxQuery,
  ReportParams,
  ReportVersionInput,
  UpdateReportInput,
} from "@shared/incidents/report-schemas.ts";
import { IdParams } from "@shared/incidents/schemas.ts";
import { runAction } from "../../http/action.ts";
import { DOCX, contentDisposition, fileResponse } from "../../http/download.ts";
import type { Actor } from "../../policy/actor.ts";
import { actorOf } from "../../http/deps.ts";
import { exportIncidentCap } from "./cap-service.ts";
import { presentReport, presentReportSummary } from "./report-present.ts";
import * as reports from "./report-service.ts";

const CAP = "application/cap+xml; charset=utf-8";

export async function incidentReportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["incidents"];
  const present = (request: { actor: Actor | null }) => (view: reports.ReportView) => presentReport(actorOf(request), view);

  app.get("/api/incidents/:id/reports", { schema: { tags, summary: "The incident's reports upward, in the order drafted", params: IdParams, response: { 200: IncidentReportList } } }, async (request) => {
    const { incident, rows, orgNames } = await runAction(app.deps, request, reports.listReports, request.params);
    return { items: rows.map((row) => presentReportSummary(row, incident, orgNames)), total: rows.length };
  });

  app.post(
    "/api/incidents/:id/reports",
    { schema: { tags, summary: "Draft an initial, follow-up or final report (首报、续报、终报) from the incident as it stands", params: IdParams, body: CreateReportInput, response: { 201: IncidentReport } } },
    async (request, reply) => {
      reply.code(201);
      return runAction(app.deps, request, reports.createReport, { ...request.body, id: request.params.id }).then(present(request));
    },
  );

  app.get("/api/incidents/:id/reports/:reportId", { schema: { tags, summary: "One report upward", params: ReportParams, response: { 200: IncidentReport } } }, (request) =>
    runAction(app.deps, request, reports.getReport, request.params).then(present(request)),
  );

  app.patch("/api/incidents/:id/reports/:reportId", { schema: { tags, summary: "Edit a draft report", params: ReportParams, body: UpdateReportInput, response: { 200: IncidentReport } } }, (request) =>
    runAction(app.deps, request, reports.updateReport, { ...request.body, ...request.params }).then(present(request)),
  );

  app.post(
    "/api/incidents/:id/reports/:reportId/approve",
    { schema: { tags, summary: "Approve (签发) a draft: a leader of the incident's org or above", params: ReportParams, body: ReportVersionInput, response: { 200: IncidentReport } } },
    (request) => runAction(app.deps, request, reports.approveReport, { ...request.body, ...request.params }).then(present(request)),
  );

  app.post(
    "/api/incidents/:id/reports/:reportId/send",
    { schema: { tags, summary: "Send an approved report to the parent org; meets the plan's report deadlines", params: ReportParams, body: ReportVersionInput, response: { 200: IncidentReport } } },
    (request) => runAction(app.deps, request, reports.sendReport, { ...request.body, ...request.params }).then(present(request)),
  );

  app.get(
    "/api/incidents/:id/reports/:reportId/export.docx",
    { schema: { tags, summary: "The report as a Word document in the official layout (GB/T 9704)", params: ReportParams, response: { 200: fileResponse([DOCX], "A .docx file") } } },
    async (request, reply) => {
      const exported = await runAction(app.deps, request, reports.exportReport, request.params);
      return reply.type(DOCX).header("content-disposition", contentDisposition("attachment", `${exported.title}.docx`, "report.docx")).send(exported.document);
    },
  );

  app.get("/api/incident-reports/inbox", { schema: { tags, summary: "Reports sent up to the caller's org, newest first", querystring: ReportInboxQuery, response: { 200: IncidentReportList } } }, async (request) => {
    const page = await runAction(app.deps, request, reports.listReportInbox, request.query);
    return {
      items: page.items.map(({ report, incident, fromOrg }) => presentReportSummary(report, incident, new Map([[fromOrg.id, fromOrg.name], [page.org.id, page.org.name]]))),
      total: page.total,
    };
  });

  app.get("/api/incidents/:id/cap.xml", { schema: { tags, summary: "The incident as an OASIS CAP 1.2 alert", params: IdParams, response: { 200: fileResponse([CAP], "A CAP 1.2 XML document") } } }, async (request, reply) => {
    const xml = await runAction(app.deps, request, exportIncidentCap, request.params);
    return reply.type(CAP).header("content-disposition", contentDisposition("attachment", `incident-${request.params.id}.xml`, `incident-${request.params.id}.xml`)).send(xml);
  });
}
