import type { Db } from "./client.ts";

/**
 * For the statements nearly every request runs (the session, an org's subtree): Drizzle builds
 * a query's SQL anew on each call, a fifth of a light request's time in a profile. This builds
 * it once per database handle (a transaction, short-lived, builds its own); `prepare` names the
 * statement, so PostgreSQL also parses and plans it once per connection.
 */
export function preparedPerHandle<Prepared>(prepare: (db: Db) => Prepared): (db: Db) => Prepared {
  const built = new WeakMap<Db, Prepared>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = prepare(db);
      built.set(db, query);
    }
    return query;
  };
}
