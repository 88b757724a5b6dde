// The register as Excel: the ledger out, the import template, and an import in (multipart).
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DisputeExportQuery, DisputeImportOptions, DisputeImportQuery, DisputeImportResult, LEDGER_FILE_FIELD, LEDGER_IMPORT_MODES } from "@shared/disputes/ledger-schemas.ts";
import { runAction } from "../../http/action.ts";
import { XLSX, contentDisposition, fileResponse } from "../../http/download.ts";
import { AppError } from "../../http/errors.ts";
import { languageOf } from "../../http/messages.ts";
import { zodIssueMessage } from "../../http/problem.ts";
import { registerFileName, renderDisputeRegisterXlsx, renderImportTemplateXlsx } from "./ledger-files.ts";
import * as ledger from "./ledger-service.ts";
import { receiveLedgerUpload } from "./ledger-upload.ts";

/** Documents the form; the file is read and checked by `receiveLedgerUpload` and the import, never by a schema. */
const ImportForm = z.any().meta({
  type: "object",
  properties: {
    [LEDGER_FILE_FIELD]: { type: "string", format: "binary" },
    orgId: { type: "string", format: "uuid" },
    mode: { type: "string", enum: [...LEDGER_IMPORT_MODES] },
  },
  required: [LEDGER_FILE_FIELD],
});

export async function disputeLedgerRoutes(fastify: FastifyInstance) {
  // Only the import takes a multipart body; every other route still refuses one (415).
  await fastify.register(fastifyMultipart);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["disputes"];

  app.get(
    "/api/disputes/export.xlsx",
    {
      schema: {
        tags,
        summary: "The register (纠纷登记台账) the list's filters select, as an Excel ledger; parties' identities masked; at most 10 000 rows; audited",
        querystring: DisputeExportQuery,
        response: { 200: fileResponse([XLSX], "A .xlsx file") },
      },
    },
    async (request, reply) => {
      const { items, types } = await runAction(app.deps, request, ledger.exportDisputeRegister, request.query);
      const exportedAt = app.deps.clock.now();
      const document = await renderDisputeRegisterXlsx(items, types, exportedAt);
      return reply.type(XLSX).header("content-disposition", contentDisposition("attachment", `${registerFileName(exportedAt)}.xlsx`, "disputes.xlsx")).send(document);
    },
  );

  app.get(
    "/api/disputes/import-template.xlsx",
    { schema: { tags, summary: "The import template: the columns the import reads, one example row, and a sheet explaining each column and its allowed values", response: { 200: fileResponse([XLSX], "A .xlsx file") } } },
    async (request, reply) => {
      const document = await renderImportTemplateXlsx(await runAction(app.deps, request, ledger.importTemplateTypes, {}));
      return reply.type(XLSX).header("content-disposition", contentDisposition("attachment", "纠纷登记导入模板.xlsx", "dispute-import-template.xlsx")).send(document);
    },
  );

  app.post(
    "/api/disputes/import",
    {
      schema: {
        tags,
        summary: "Register the rows of a filled-in template for `orgId` (multipart/form-data: `file`, and `orgId`, `mode` as fields or in the query); `all_or_nothing` imports nothing when any row is wrong",
        querystring: DisputeImportQuery,
        consumes: ["multipart/form-data"],
        body: ImportForm,
        response: { 200: DisputeImportResult },
      },
    },
    async (request) => {
      const lang = languageOf(request.headers["accept-language"]);
      const upload = await receiveLedgerUpload(request);
      const options = DisputeImportOptions.safeParse({ ...request.query, ...upload.fields });
      if (!options.success) {
        throw new AppError(400, "validation", { fields: options.error.issues.map((issue) => ({ field: issue.path.join("."), message: zodIssueMessage(lang, issue) })) });
      }
      return runAction(app.deps, request, ledger.importDisputes, { ...options.data, file: upload.file, lang });
    },
  );
}
