import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";

/** A fingerprint of every table's content: equal before and after means nothing was written. */
export async function databaseChecksum(db: Db): Promise<string> {
  const tables = await db.execute<{ name: string }>(
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const parts: string[] = [];
  for (const { name } of tables.rows as { name: string }[]) {
    const result = await db.execute(sql.raw(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`));
    const row = (result.rows as { n: string | number; h: string }[])[0]!;
    parts.push(`${name}:${row.n}:${row.h}`);
  }
  return parts.join(" ");
}
