import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Actor } from "./actor.ts";
import type { Policy } from "./authorize.ts";

/** Escapes LIKE wildcards; org paths hold only uuids and slashes, but the rule stays safe. */
const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * The one jurisdiction filter for list queries: the SQL twin of `authorize`, built from the
 * same policy table, so a list never shows what a read by id would refuse.
 */
export function jurisdictionFilter<Action extends string>(
  actor: Actor,
  policy: Policy<Action>,
  action: Action,
  columns: { orgId: SQLWrapper; ownerId?: SQLWrapper },
): SQL {
  const clauses: SQL[] = [];
  const rules = policy[action].filter((rule) => rule.roles.some((role) => actor.roles.includes(role)));
  const inSubtree = sql`${columns.orgId} IN (SELECT id FROM orgs WHERE path LIKE ${likePrefix(actor.orgPath)})`;
  // The whole subtree holds what the narrower rules allow: alone, the filter reads only the org
  // column, which an index can answer without the rows.
  if (rules.some((rule) => rule.scope === "subtree")) return sql`(${inSubtree})`;
  for (const rule of rules) {
    if (rule.scope === "below") clauses.push(sql`(${inSubtree} AND ${columns.orgId} <> ${actor.orgId})`);
    if (rule.scope === "own" && columns.ownerId) clauses.push(sql`(${inSubtree} AND ${columns.ownerId} = ${actor.accountId})`);
  }
  return clauses.length === 0 ? sql`FALSE` : sql`(${sql.join(clauses, sql` OR `)})`;
}

export function subtreePathPattern(path: string): string {
  return likePrefix(path);
}
