import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.ts";

/**
 * `live_events` is a day-long broadcast buffer, not a record: each node's hub prunes it on a
 * timer by the clock, so a test that moves the clock sees it shrink between two requests.
 */
const TRANSIENT = ["live_events"];

/** A fingerprint of every table's content: equal before and after means nothing was written. */
export async function databaseChecksum(db: Db): Promise<string> {
  const tables = (await queryRows<{ name: string }>(db, sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).filter(({ name }) => !TRANSIENT.includes(name));
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: string | number; h: string }>(
      db,
      sql.raw(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`),
    );
    parts.push(`${name}:${row!.n}:${row!.h}`);
  }
  return parts.join(" ");
}
