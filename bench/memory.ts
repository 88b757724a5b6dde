// Memory: the resident set of one `huajie serve` node with N live clients connected (and one
// incident sent to all of them), against the same node with none.
import { fanoutRounds, isReported, prepareLive, reportOn } from "./fanout.ts";
import type { BenchOptions } from "./options.ts";
import { connectClients } from "./lib/live-clients.ts";
import { startNode } from "./lib/node.ts";
import { type BenchResult, lowerBetter } from "./lib/report.ts";
import type { BenchTarget } from "./lib/target.ts";

const SETTLE_MS = 5000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

export async function memoryBench(target: BenchTarget, options: BenchOptions): Promise<BenchResult> {
  const { secret, office, viewers, reporter } = await prepareLive(target, options.clients);
  const node = await startNode(target.env, secret);
  try {
    const report = reportOn(node, office, reporter);
    // The idle figure is of a node that has served: modules loaded, pools open.
    await report();
    await settle();
    const idle = await node.rssMiB();
    const clients = await connectClients([node.url], viewers.map((s) => s.cookie), options.clients, isReported);
    let connected: number;
    try {
      await fanoutRounds(clients, 1, report);
      await settle();
      connected = await node.rssMiB();
    } finally {
      await clients.close();
    }
    const limit = target.kind === "postgres" ? 200 : 400;
    return {
      name: "memory",
      db: target.kind,
      baseline: "RSS of the same node with no live client",
      rows: [lowerBetter(`RSS with ${options.clients} live clients`, "MiB", connected, idle, limit), lowerBetter("RSS with no client", "MiB", idle, null)],
      notes: [`${(((connected - idle) * 1024) / options.clients).toFixed(1)} KiB a client`],
    };
  } finally {
    await node.stop();
  }
}
