// A live WebSocket client for tests, as the web client connects: the session cookie, and the
// Origin of the page when the test needs the server's origin check to pass.
import WebSocket from "ws";
import type { LiveEvent } from "@shared/live/schemas.ts";

/** A live connection that keeps every message it receives. */
export class LiveConnection {
  readonly events: LiveEvent[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => this.events.push(JSON.parse(String(data)) as LiveEvent));
  }

  static open(base: string, cookie: string, options: { since?: number; origin?: string } = {}): Promise<LiveConnection> {
    const url = `${base.replace(/^http/, "ws")}/api/live${options.since === undefined ? "" : `?since=${options.since}`}`;
    const socket = new WebSocket(url, { headers: { cookie, ...(options.origin ? { origin: options.origin } : {}) } });
    const connection = new LiveConnection(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(connection));
      socket.once("unexpected-response", (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      socket.once("error", reject);
    });
  }

  /** Waits until the events received satisfy `done`; fails after `timeoutMs`. */
  async until(done: (events: LiveEvent[]) => boolean, what: string, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.events)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}
