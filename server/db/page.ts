import { type SQL, count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client.ts";

/**
 * A list's page and the total its filter matches, one query after the other: a transaction's
 * client runs one query at a time (pg 9 refuses overlapping ones). `page` is a query not yet
 * run; awaiting it here runs it.
 */
export async function pageWithTotal<Item>(db: Db, page: PromiseLike<Item[]>, table: PgTable, where: SQL | undefined): Promise<{ items: Item[]; total: number }> {
  const items = await page;
  const [total] = await db.select({ n: count() }).from(table).where(where);
  return { items, total: total?.n ?? 0 };
}
