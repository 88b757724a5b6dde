import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AuditList, AuditListQuery, AuditVerification } from "@shared/audit/schemas.ts";
import { verifyAuditChain } from "../../audit/verify.ts";
import { actorOf } from "../../http/deps.ts";
import { requireAccess } from "../../policy/authorize.ts";
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
}
