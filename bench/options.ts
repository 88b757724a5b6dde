import { parseArgs } from "node:util";

export interface BenchOptions {
  /** Which benchmarks, by name; all when none is named. */
  names: string[];
  /** Which databases: PGlite always, PostgreSQL when a server is configured, unless `--db` narrows it. */
  dbs: ("pglite" | "postgres")[];
  connections: number;
  duration: number;
  clients: number;
  rounds: number;
  deadlines: number;
  rows: number | null;
}

export const USAGE = `npm run bench -- [api] [fanout] [deadlines] [dashboards] [memory] [options]

  --db pglite|postgres   only this database (default: PGlite, and PostgreSQL when
                         BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
  --connections N        concurrent HTTP clients of the load (default 20)
  --duration S           seconds of each throughput measure (default 10)
  --clients N            live WebSocket clients (default 1000)
  --rounds N             incidents created per fan-out measure (default 5)
  --deadlines N          deadlines due within one minute (default 10000)
  --rows N               incidents and disputes generated (default 1000000 on PostgreSQL,
                         100000 on PGlite)
`;

export function parseOptions(argv: string[], serverConfigured: boolean): BenchOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: "string" },
      connections: { type: "string", default: "20" },
      duration: { type: "string", default: "10" },
      clients: { type: "string", default: "1000" },
      rounds: { type: "string", default: "5" },
      deadlines: { type: "string", default: "10000" },
      rows: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const dbs: BenchOptions["dbs"] = values.db ? [values.db as "pglite" | "postgres"] : serverConfigured ? ["pglite", "postgres"] : ["pglite"];
  return {
    names: positionals,
    dbs,
    connections: Number(values.connections),
    duration: Number(values.duration),
    clients: Number(values.clients),
    rounds: Number(values.rounds),
    deadlines: Number(values.deadlines),
    rows: values.rows ? Number(values.rows) : null,
  };
}
