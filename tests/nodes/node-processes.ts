// Server nodes as an operator runs them: `huajie serve` in child processes, each on a port of
// its own, all on one PostgreSQL database.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "../../server/testing/free-port.ts";

const bin = fileURLToPath(new URL("../../bin/huajie.mjs", import.meta.url));
/** A few seconds on an idle machine; generous, since tsx compiles the server as it starts. */
const START_TIMEOUT_MS = 120_000;


export interface ServerNode {
  name: string;
  port: number;
  base: string;
  /** The `application_name` of the node's database connections, to find them in pg_stat_activity. */
  applicationName: string;
  child: ChildProcess;
  /** What the node wrote, for the message of a failing assertion. */
  output(): string;
  /** Sends the signal and resolves when the process has gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts a node and resolves once it says it is serving (it has migrated the database by then). */
export async function startNode(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<ServerNode> {
  const port = await freePort();
  const applicationName = `huajie-node-${name}`;
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", applicationName);
  const child = spawn(process.execPath, [bin, "serve"], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      SESSION_SECRET: "several-nodes-share-this-secret-0123456789",
      ...env,
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${name} did not start in ${START_TIMEOUT_MS / 1000} s: ${output}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      if (!/is running at http/.test(output)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on("data", check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`node ${name} exited before serving: ${output}`));
    });
  });
  return {
    name,
    port,
    base: `http://127.0.0.1:${port}`,
    applicationName,
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
