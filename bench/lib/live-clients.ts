// Many WebSocket clients in the bench process, spread over the nodes given, each noting when
// it first receives a message that `matches` after a round begins.
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

export interface LiveClients {
  count: number;
  /** Starts a round; resolves with each client's delay (ms) from now, or when `timeoutMs` passes with those that arrived. */
  round(trigger: () => Promise<void>, timeoutMs?: number): Promise<{ delays: number[]; missing: number }>;
  close(): Promise<void>;
}

export async function connectClients(
  urls: string[],
  cookies: string[],
  count: number,
  matches: (message: string) => boolean,
  path = "/api/live",
): Promise<LiveClients> {
  const sockets: WebSocket[] = [];
  let roundStart = 0;
  let received: (number | null)[] = [];
  let onAll: (() => void) | null = null;
  let arrived = 0;
  const open = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const url = urls[i % urls.length]!.replace(/^http/, "ws") + path;
      const socket = new WebSocket(url, { headers: { cookie: cookies[i % cookies.length]! } });
      socket.on("message", (data) => {
        if (received[i] !== null || roundStart === 0 || !matches(String(data))) return;
        received[i] = performance.now() - roundStart;
        if (++arrived === count) onAll?.();
      });
      socket.once("open", () => resolve());
      socket.once("unexpected-response", (_req, res) => reject(new Error(`live connection refused: ${res.statusCode}`)));
      socket.once("error", reject);
      sockets.push(socket);
    });
  // A few dozen handshakes at a time: a thousand at once would measure the accept queue.
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => open(i + k)));

  return {
    count,
    async round(trigger, timeoutMs = 30_000) {
      received = Array.from({ length: count }, () => null);
      arrived = 0;
      const all = new Promise<void>((resolve) => {
        onAll = resolve;
      });
      roundStart = performance.now();
      await trigger();
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
      roundStart = 0;
      const delays = received.filter((d): d is number => d !== null);
      return { delays, missing: count - delays.length };
    },
    async close() {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              socket.once("close", () => resolve());
              socket.close();
            }),
        ),
      );
    },
  };
}
