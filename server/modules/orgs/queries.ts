import { and, asc, count, eq, ilike, like, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import { pageWithTotal } from "../../db/page.ts";
import { preparedPerHandle } from "../../db/prepared.ts";
import { accounts, orgs } from "../../db/schema.ts";
import type { Actor } from "../../policy/actor.ts";
import { jurisdictionFilter, subtreePathPattern } from "../../policy/jurisdiction.ts";
import { orgPolicy } from "./policy.ts";

export type OrgRow = typeof orgs.$inferSelect;

export async function findOrg(db: Db, id: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
  return row;
}

export interface Subtree {
  path: string;
  /** The org and every org below it. */
  orgIds: string[];
}

const subtreeQuery = preparedPerHandle((db) => {
  const top = alias(orgs, "top");
  return db
    .select({ path: top.path, id: orgs.id })
    .from(top)
    // Org paths hold only uuids and slashes, so the subtree's prefix needs no escaping.
    .innerJoin(orgs, sql`${orgs.path} LIKE ${top.path} || '%'`)
    .where(eq(top.id, sql.placeholder("id")))
    .prepare("find_subtree");
});

/**
 * An org's subtree, by path and by the ids of its orgs, in one statement; undefined for an
 * unknown org. Every list filtered by org reads it first.
 */
export async function findSubtree(db: Db, id: string): Promise<Subtree | undefined> {
  const rows = await subtreeQuery(db).execute({ id });
  return rows.length === 0 ? undefined : { path: rows[0]!.path, orgIds: rows.map((row) => row.id) };
}

export async function listOrgs(db: Db, actor: Actor, filter: { q?: string; includeInactive: boolean; offset: number; limit: number }) {
  const where = and(
    jurisdictionFilter(actor, orgPolicy, "read", { orgId: orgs.id }),
    filter.includeInactive ? undefined : eq(orgs.active, true),
    filter.q ? ilike(orgs.name, `%${filter.q.replace(/[\\%_]/g, "\\$&")}%`) : undefined,
  );
  const query = db.select().from(orgs).where(where).orderBy(asc(orgs.path)).$dynamic();
  return pageWithTotal(db, query, orgs, where, filter);
}

export async function insertOrg(db: Db, values: Omit<typeof orgs.$inferInsert, "path" | "id"> & { parentPath: string }) {
  const id = crypto.randomUUID();
  const { parentPath, ...rest } = values;
  const [row] = await db
    .insert(orgs)
    .values({ ...rest, id, path: `${parentPath}${id}/` })
    .returning();
  return row!;
}

/** Updates a row only at the version the client saw; undefined means someone else changed it first. */
export async function updateOrgAt(db: Db, id: string, version: number, changes: Partial<typeof orgs.$inferInsert>) {
  const [row] = await db
    .update(orgs)
    .set({ ...changes, version: sql`${orgs.version} + 1` })
    .where(and(eq(orgs.id, id), eq(orgs.version, version)))
    .returning();
  return row;
}

/** Rewrites the path of an org and all of its descendants after a move. */
export async function rewriteSubtreePaths(db: Db, oldPath: string, newPath: string) {
  await db
    .update(orgs)
    .set({ path: sql`${newPath} || substr(${orgs.path}, ${oldPath.length + 1})` })
    .where(like(orgs.path, subtreePathPattern(oldPath)));
}

export async function countActiveChildren(db: Db, id: string) {
  const [row] = await db.select({ n: count() }).from(orgs).where(and(eq(orgs.parentId, id), eq(orgs.active, true)));
  return row?.n ?? 0;
}

export async function countActiveAccounts(db: Db, id: string) {
  const [row] = await db.select({ n: count() }).from(accounts).where(and(eq(accounts.orgId, id), eq(accounts.active, true)));
  return row?.n ?? 0;
}

/** The whole tree (for `huajie` commands and the demo loader, which act outside any jurisdiction). */
export async function findRootOrgs(db: Db) {
  return db.select().from(orgs).where(sql`${orgs.parentId} IS NULL`).orderBy(asc(orgs.name));
}
