import { type SQL, type SQLWrapper, inArray, sql } from "drizzle-orm";
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
  const inSubtree = orgInSubtree(columns.orgId, actor.orgPath);
  // The whole subtree holds what the narrower rules allow: alone, the filter reads only the org
  // column, which an index can answer without the rows.
  if (readsWholeSubtree(actor, policy, action)) return sql`(${inSubtree})`;
  for (const rule of rulesOf(actor, policy, action)) {
    if (rule.scope === "below") clauses.push(sql`(${inSubtree} AND ${columns.orgId} <> ${actor.orgId})`);
    if (rule.scope === "own" && columns.ownerId) clauses.push(sql`(${inSubtree} AND ${columns.ownerId} = ${actor.accountId})`);
  }
  return clauses.length === 0 ? sql`FALSE` : sql`(${sql.join(clauses, sql` OR `)})`;
}

/**
 * The jurisdiction filter narrowed to the subtree of one org (a list filtered by org), given by
 * its path and its orgs' ids (`findSubtree`); an unknown org (no subtree) holds nothing. By id,
 * the planner estimates the matches org by org from its statistics, as it does for a query of
 * one org, and pages through the newest when that is cheaper than sorting every match. When the
 * actor may act on its whole subtree and this subtree lies in it, the subtree is the whole
 * answer. Paths end with a slash, so a prefix of a path is an ancestor's path.
 */
export function jurisdictionFilterWithin<Action extends string>(
  actor: Actor,
  policy: Policy<Action>,
  action: Action,
  columns: { orgId: SQLWrapper; ownerId?: SQLWrapper },
  subtree: { path: string; orgIds: readonly string[] } | undefined,
): SQL {
  if (!subtree) return sql`FALSE`;
  const within = inArray(columns.orgId, [...subtree.orgIds]);
  if (readsWholeSubtree(actor, policy, action) && subtree.path.startsWith(actor.orgPath)) return within;
  return sql`(${jurisdictionFilter(actor, policy, action, columns)} AND ${within})`;
}

export function subtreePathPattern(path: string): string {
  return likePrefix(path);
}

const rulesOf = <Action extends string>(actor: Actor, policy: Policy<Action>, action: Action) =>
  policy[action].filter((rule) => rule.roles.some((role) => actor.roles.includes(role)));

/** Whether the actor may take the action on every record of its subtree, not only on its own or those below. */
export function readsWholeSubtree<Action extends string>(actor: Actor, policy: Policy<Action>, action: Action): boolean {
  return rulesOf(actor, policy, action).some((rule) => rule.scope === "subtree");
}

/** The org column names an org at `path` or below it. */
export function orgInSubtree(orgId: SQLWrapper, path: string): SQL {
  return sql`${orgId} IN (SELECT id FROM orgs WHERE path LIKE ${subtreePathPattern(path)})`;
}
