// A signed-in client over real HTTP, as a browser is: the session cookie, the CSRF header,
// and the live WebSocket, against a node or the proxy in front of the nodes.
import WebSocket from "ws";
import type { LiveEvent } from "@shared/live/schemas.ts";
import { TEST_PASSWORD } from "../../server/testing/factories.ts";

export interface SignedIn {
  cookie: string;
  csrfToken: string;
}

export async function signIn(base: string, username: string, headers: Record<string, string> = {}): Promise<SignedIn> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} at ${base}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("huajie_sid="))!.split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** Sends a request with the session; a body that is not a Buffer goes as JSON. */
export async function call(base: string, session: SignedIn, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const raw = Buffer.isBuffer(body);
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      ...(body === undefined || raw ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: raw ? new Uint8Array(body) : JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").includes("json") && text ? JSON.parse(text) : text;
  return { status: res.status, body: json };
}

/** A live connection that keeps every event it receives. */
export class LiveSocket {
  readonly events: LiveEvent[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => this.events.push(JSON.parse(String(data)) as LiveEvent));
  }

  /** Opens /api/live with the session, sending the Origin a browser on `base` would. */
  static open(base: string, session: SignedIn): Promise<LiveSocket> {
    const socket = new WebSocket(`${base.replace(/^http/, "ws")}/api/live`, { headers: { cookie: session.cookie, origin: base } });
    const live = new LiveSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(live));
      socket.once("unexpected-response", (_req, res) => reject(new Error(`live socket at ${base} refused: ${res.statusCode}`)));
      socket.once("error", reject);
    });
  }

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
