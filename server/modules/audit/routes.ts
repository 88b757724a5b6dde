import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AUDIT_EXPORT_MAX_ROWS, AuditExportQuery, AuditList, AuditListQuery, AuditVerification } from "@shared/audit/schemas.ts";
import { verifyAuditChain } from "../../audit/verify.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import { XLSX, contentDisposition, fileResponse } from "../../http/download.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { exportAuditLog, renderAuditLogXlsx } from "./export.ts";
import { auditPolicy } from "./policy.ts";
import { listAudit } from "./queries.ts";

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ["audit"];

  app.get("/api/audit", { schema: { tags, summary: "The audit log of the caller's jurisdiction, newest first", querystring: AuditListQuery, response: { 200: AuditList } } }, async (request) => {
    const actor = actorOf(request);
    requireAccess(actor, auditPolicy, "read", { orgPath: actor.orgPath });
    const result = await listAudit(db.orm, actor, request.query);
    return {
      total: result.total,
      items: result.items.map(({ prevHash: _p, hash: _h, ...row }) => ({ ...row, at: row.at.toISOString() })),
    };
  });

  app.get("/api/audit/verify", { schema: { tags, summary: "Check the hash chain of the whole audit log", response: { 200: AuditVerification } } }, async (request) => {
    const actor = actorOf(request);
    requireAccess(actor, auditPolicy, "verify", { orgPath: actor.orgPath });
    return verifyAuditChain(db.orm);
  });

  app.get(
    "/api/audit/export.xlsx",
    {
      schema: {
        tags,
        summary: `The rows the list's filters select, oldest first, with seq and hashes for verifying them elsewhere; at most ${AUDIT_EXPORT_MAX_ROWS} rows; audited`,
        querystring: AuditExportQuery,
        response: { 200: fileResponse([XLSX], "A .xlsx file") },
      },
    },
    async (request, reply) => {
      const { items, exportedAt } = await runAction(app.deps, request, exportAuditLog, request.query);
      const { document, fileName } = await renderAuditLogXlsx(items, exportedAt);
      return reply.type(XLSX).header("content-disposition", contentDisposition("attachment", `${fileName}.xlsx`, "audit-log.xlsx")).send(document);
    },
  );
}
