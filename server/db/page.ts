import { type SQL, count } from "drizzle-orm";
import type { PgSelect, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client.ts";

/**
 * A list's page and the total its filter matches, one query after the other: a transaction's
 * client runs one query at a time (pg 9 refuses overlapping ones). `query` is the list's
 * query, filtered and ordered but not run (`.$dynamic()`); the page is cut from it here, so
 * the paging that cuts it is the paging that judges it. A page that is not full ends the
 * list, so its total is known without counting, unless it is empty past the first (the offset
 * may lie beyond the end): most of an office's lists fit in one page.
 */
export async function pageWithTotal<Query extends PgSelect>(
  db: Db,
  query: Query,
  table: PgTable,
  where: SQL | undefined,
  paging: { offset: number; limit: number },
): Promise<{ items: Awaited<Query>; total: number }> {
  const items: Awaited<Query> = await query.offset(paging.offset).limit(paging.limit);
  if (items.length < paging.limit && (items.length > 0 || paging.offset === 0)) return { items, total: paging.offset + items.length };
  const [total] = await db.select({ n: count() }).from(table).where(where);
  return { items, total: total?.n ?? 0 };
}
