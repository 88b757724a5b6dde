// Runs every *.test.ts file with Node's test runner. It first prepares one migrated template
// database, so each test file gets a fresh database by copying it instead of running initdb
// and the migrations again (DESIGN.md section 4).
import { spawn } from "node:child_process";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dumpPglite } from "../server/db/client.ts";
import { openDatabase } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { TEMPLATE_DATABASE, adminUrl } from "../server/testing/postgres-url.ts";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));
const tmp = path.join(root, ".test-tmp");

async function findTests(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : findTests(full);
      return entry.name.endsWith(".test.ts") ? [full] : [];
    }),
  );
  return found.flat();
}

async function preparePglite(): Promise<Record<string, string>> {
  const dataDir = path.join(tmp, "template-data");
  await rm(dataDir, { recursive: true, force: true });
  // A throwaway template: nothing to gain from syncing it to the disk.
  const db = await openDatabase({ kind: "pglite", dataDir, sync: "off" });
  await migrate(db);
  await db.close();
  const file = path.join(tmp, "template.tar.gz");
  await writeFile(file, Buffer.from(await (await dumpPglite(dataDir)).arrayBuffer()));
  await rm(dataDir, { recursive: true, force: true });
  return { HUAJIE_TEST_TEMPLATE: file };
}

async function preparePostgres(url: string): Promise<Record<string, string>> {
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await admin.end();
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const db = await openDatabase({ kind: "postgres", url: templateUrl.toString(), poolSize: 1 });
  await migrate(db);
  await db.close();
  return {};
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only.map((file) => path.resolve(file)) : (await findTests(path.join(root, "server"))).concat(
  await findTests(path.join(root, "shared")),
  await findTests(path.join(root, "tests")),
);
await mkdir(tmp, { recursive: true });
const dbUrl = process.env.TEST_DATABASE_URL;
console.log(`Database for the tests: ${dbUrl ? "PostgreSQL server (TEST_DATABASE_URL)" : "embedded PGlite"}`);
const env = { ...process.env, ...(dbUrl ? await preparePostgres(dbUrl) : await preparePglite()) };

/**
 * Two lanes side by side, each one file at a time: the browser tests in one, everything else
 * in the other. Two browser tests at once on a 2-core machine starve each other's pages (taps
 * lost as a form re-renders, a live board's second spent waiting for a core); one browser
 * test beside a server test does not. The browser lane ends first (691 s against 946 s on
 * PGlite in a rehearsal), so the run takes about as long as one lane of mixed files did.
 */
const browserDir = path.join(root, "tests", "e2e") + path.sep;
const lanes = [
  { name: "browser tests", files: files.filter((file) => file.startsWith(browserDir)) },
  { name: "the other tests", files: files.filter((file) => !file.startsWith(browserDir)) },
].filter((lane) => lane.files.length > 0);

/** Runs one lane, passing its output on a whole line at a time so the two lanes' lines never mix mid-line. */
function runLane(laneFiles: string[]): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...laneFiles.sort()], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
    cwd: root,
  });
  for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
    createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => to.write(`${line}\n`));
  }
  // "close", not "exit": the lane's last lines are passed on before its verdict counts.
  return new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const codes = await Promise.all(lanes.map((lane) => runLane(lane.files)));
// Each lane ends with its own summary; this line says which of them failed.
console.log(lanes.map((lane, i) => `${lane.name} (${lane.files.length} files): ${codes[i] === 0 ? "passed" : "FAILED"}`).join("; "));
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
