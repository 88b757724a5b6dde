// Child processes under test: `huajie serve` nodes and the bare baseline servers. Each is
// started with its environment, waited for until it listens, measured (RSS from /proc) and
// stopped with SIGTERM, as a deployment would stop it.
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { freePort } from "../../server/testing/free-port.ts";

const root = new URL("../../", import.meta.url);
const START_TIMEOUT_MS = 600_000;

export interface Child {
  url: string;
  port: number;
  process: ChildProcess;
  rssMiB(): Promise<number>;
  /** CPU time the process has used so far, user and system, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}


async function start(args: string[], env: Record<string, string>, ready: RegExp, port: number): Promise<Child> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    // Generous: a loaded machine takes minutes to load the server's modules.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${args.join(" ")} did not start in ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners("exit");
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    async rssMiB() {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    async cpuMs() {
      // Fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms (USER_HZ, 100 on Linux).
      const stat = await readFile(`/proc/${child.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
  };
}

/** One `huajie serve` node on the target's database, in production mode with requests logged only when they fail. */
export async function startNode(dbEnv: Record<string, string>, secret: string, extraEnv: Record<string, string> = {}): Promise<Child> {
  const port = await freePort();
  const env = { NODE_ENV: "production", SESSION_SECRET: secret, COOKIE_SECURE: "false", LOG_LEVEL: "warn", ...dbEnv, ...extraEnv };
  return start(["bin/huajie.mjs", "serve"], env, /is running at/, port);
}

/** A baseline server of bench/servers/, run through tsx: compiling at start costs memory and time to start, not the speed it is measured for. */
export async function startBare(script: string, env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  return start(["--import", "tsx", new URL(`../servers/${script}`, import.meta.url).pathname], env, /listening/, port);
}
