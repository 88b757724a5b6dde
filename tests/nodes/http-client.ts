// A signed-in client over real HTTP, as a browser is: the session cookie, the CSRF header,
// and the live WebSocket, against a node or the proxy in front of the nodes.
import { TEST_PASSWORD } from "../../server/testing/factories.ts";
import { LiveConnection } from "../../server/testing/live-connection.ts";

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

/** Opens /api/live with the session, sending the Origin a browser on `base` would. */
export const openLive = (base: string, session: SignedIn) => LiveConnection.open(base, session.cookie, { origin: base });
