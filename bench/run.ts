// `npm run bench`: runs the named benchmarks (all by default) on each database, prints a table
// per benchmark beside its baseline, and writes the figures to bench/results/<name>-<db>.json.
import { execFileSync } from "node:child_process";
import { apiBench } from "./api.ts";
import { dashboardsBench } from "./dashboards.ts";
import { deadlinesBench } from "./deadlines.ts";
import { fanoutBench } from "./fanout.ts";
import { type DbKind, createTarget, serverUrl } from "./lib/target.ts";
import { type BenchResult, printResult, writeResult } from "./lib/report.ts";
import { memoryBench } from "./memory.ts";
import { type BenchOptions, USAGE, parseOptions } from "./options.ts";
import type { BenchTarget } from "./lib/target.ts";

type Bench = (target: BenchTarget, options: BenchOptions) => Promise<BenchResult | BenchResult[]>;
const BENCHES: Record<string, Bench> = { api: apiBench, fanout: fanoutBench, deadlines: deadlinesBench, dashboards: dashboardsBench, memory: memoryBench };

const options = parseOptions(process.argv.slice(2), serverUrl() !== undefined);
const unknown = options.names.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(", ")}\n\n${USAGE}`);
  process.exit(2);
}
const names = options.names.length > 0 ? options.names : Object.keys(BENCHES);
// The nodes measured run the compiled server, as a deployment does, built from the sources as they are now.
execFileSync("npm", ["run", "--silent", "build:server"], { cwd: new URL("../", import.meta.url), stdio: "inherit" });
const resultsDir = new URL("./results/", import.meta.url);

let failed = false;
for (const name of names) {
  for (const kind of options.dbs as DbKind[]) {
    console.log(`\n# ${name} on ${kind} (${new Date().toISOString()})`);
    const target = await createTarget(kind);
    try {
      const results = [await BENCHES[name]!(target, options)].flat();
      for (const result of results) {
        printResult(result);
        const file = await writeResult(resultsDir, result);
        console.log(`  written: bench/results/${file.pathname.split("/").pop()}`);
      }
    } catch (error) {
      failed = true;
      console.error(`${name} on ${kind} failed:`, error);
    } finally {
      await target.drop();
    }
  }
}
process.exit(failed ? 1 : 0);
