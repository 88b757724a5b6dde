import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { FileScreeningReportInput, ScreeningReport, ScreeningReportBoard, ScreeningReportDraft, ScreeningReportQuery } from "@shared/disputes/screening-schemas.ts";
import { runAction } from "../../http/action.ts";
import { XLSX, contentDisposition, fileResponse } from "../../http/download.ts";
import { renderScreeningLedger, screeningLedgerName } from "./screening-ledger.ts";
import { presentScreeningBoard, presentScreeningDraft, presentScreeningReport } from "./screening-present.ts";
import * as screening from "./screening-service.ts";

export async function screeningReportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["disputes"];

  app.get(
    "/api/disputes/screening-reports/draft",
    { schema: { tags, summary: "The screening report's figures of an org's own disputes for a half-month, as the register stands now", querystring: ScreeningReportQuery, response: { 200: ScreeningReportDraft } } },
    (request) => runAction(app.deps, request, screening.screeningDraft, request.query).then(presentScreeningDraft),
  );

  app.post(
    "/api/disputes/screening-reports",
    { schema: { tags, summary: "File the semi-monthly screening report (半月报) with its figures frozen; replaced until the due time, final after it", body: FileScreeningReportInput, response: { 201: ScreeningReport } } },
    async (request, reply) => {
      const filed = await runAction(app.deps, request, screening.fileScreeningReport, request.body);
      reply.code(201);
      return presentScreeningReport(filed.org, filed.period, filed.report, filed.names);
    },
  );

  app.get(
    "/api/disputes/screening-reports",
    { schema: { tags, summary: "Who has filed the half-month's screening report: the org and its direct children, on time, late, missing or pending", querystring: ScreeningReportQuery, response: { 200: ScreeningReportBoard } } },
    (request) => runAction(app.deps, request, screening.screeningBoard, request.query).then(presentScreeningBoard),
  );

  app.get(
    "/api/disputes/screening-reports/export.xlsx",
    { schema: { tags, summary: "The half-month's screening reports of the org and its children as an Excel ledger with totals", querystring: ScreeningReportQuery, response: { 200: fileResponse([XLSX], "A .xlsx file") } } },
    async (request, reply) => {
      const board = await runAction(app.deps, request, screening.screeningBoard, request.query);
      const document = await renderScreeningLedger(board);
      return reply.type(XLSX).header("content-disposition", contentDisposition("attachment", `${screeningLedgerName(board.org.name, board.period.start)}.xlsx`, "screening-reports.xlsx")).send(document);
    },
  );
}
