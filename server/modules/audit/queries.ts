import type { AuditListQuery } from "@shared/audit/schemas.ts";
import { and, desc, eq, gte, ilike, lte } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { auditLog } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter } from "../../policy/jurisdiction.ts";
import { auditPolicy } from "./policy.ts";

const contains = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

export async function listAudit(db: Db, actor: Actor, query: AuditListQuery) {
  const where = and(
    jurisdictionFilter(actor, auditPolicy, "read", { orgId: auditLog.orgId }),
    query.action ? ilike(auditLog.action, contains(query.action)) : undefined,
    query.actor ? ilike(auditLog.actorName, contains(query.actor)) : undefined,
    query.recordType ? eq(auditLog.recordType, query.recordType) : undefined,
    query.recordId ? eq(auditLog.recordId, query.recordId) : undefined,
    query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
    query.to ? lte(auditLog.at, new Date(query.to)) : undefined,
  );
  const list = db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).$dynamic();
  return pageWithTotal(db, list, auditLog, where, query);
}
