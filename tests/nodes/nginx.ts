// nginx running the deployment example (deploy/nginx.conf) in front of test nodes: the same
// file with only what a test machine must change (the nodes' ports, a free loopback port
// without TLS, log paths in a folder of its own), in a prefix of its own, as any user.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../server/testing/free-port.ts";

const example = fileURLToPath(new URL("../../deploy/nginx.conf", import.meta.url));
const NGINX_PATHS = ["/usr/sbin/nginx", "nginx"];

function findNginx(): string | null {
  return NGINX_PATHS.find((candidate) => spawnSync(candidate, ["-v"]).status === 0) ?? null;
}

export function nginxSkipReason(): string | null {
  return findNginx() ? null : "nginx tests skipped: no `nginx` found (install Debian's `nginx-light`)";
}

/** Replaces what `pattern` matches, failing when it matches nothing: the example and this test must not drift apart unnoticed. */
function replaceIn(config: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(config)) throw new Error(`deploy/nginx.conf no longer has ${pattern}`);
  return config.replace(pattern, replacement);
}

/** The example with the test machine's ports and paths; everything else as written. */
export function adaptExample(config: string, nodePorts: number[], port: number, redirectPort: number, logDir: string): string {
  let adapted = replaceIn(config, /(upstream huajie \{[^}]*?)((?:\s*server [^;]+;)+)/, `$1${nodePorts.map((p) => `\n    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join("")}`);
  adapted = replaceIn(adapted, /listen 443 ssl;/, `listen 127.0.0.1:${port};`);
  adapted = replaceIn(adapted, /\s*ssl_certificate\s[^;]+;/, "");
  adapted = replaceIn(adapted, /\s*ssl_certificate_key\s[^;]+;/, "");
  adapted = replaceIn(adapted, /listen 80;/, `listen 127.0.0.1:${redirectPort};`);
  return replaceIn(adapted, /access_log \/var\/log\/nginx\/huajie\.access\.log/, `access_log ${path.join(logDir, "access.log")}`);
}

export interface RunningNginx {
  base: string;
  /** The access log's lines so far. */
  accessLog(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startNginx(nodePorts: number[]): Promise<RunningNginx> {
  const nginx = findNginx()!;
  const prefix = await mkdtemp(path.join(tmpdir(), "huajie-nginx-"));
  // Started as root, nginx's workers run as nobody: they must reach their temporary folders.
  await chmod(prefix, 0o755);
  const [port, redirectPort] = [await freePort(), await freePort()];
  await writeFile(path.join(prefix, "huajie.conf"), adaptExample(await readFile(example, "utf8"), nodePorts, port, redirectPort, prefix));
  const temp = (name: string) => `${name}_temp_path ${path.join(prefix, name)};`;
  await writeFile(
    path.join(prefix, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      `pid ${path.join(prefix, "nginx.pid")};`,
      `error_log ${path.join(prefix, "error.log")} warn;`,
      "events { worker_connections 256; }",
      "http {",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp),
      `  include ${path.join(prefix, "huajie.conf")};`,
      "}",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(nginx, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-e", path.join(prefix, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}${await readFile(path.join(prefix, "error.log"), "utf8").catch(() => "")}`);
    const up = await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() - started > 10_000) throw new Error(`nginx did not answer: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    base,
    accessLog: async () => (await readFile(path.join(prefix, "access.log"), "utf8")).split("\n").filter(Boolean),
    async stop() {
      child.kill("SIGQUIT");
      await exited;
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
