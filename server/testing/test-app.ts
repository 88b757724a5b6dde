import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { manualClock } from "../clock.ts";
import { type Config, loadConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import { TEST_PASSWORD } from "./factories.ts";
import { openTestDatabase } from "./test-database.ts";

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever the route answered
  /** The body's bytes, for files (.docx, .xlsx) that text decoding would spoil. */
  raw: Buffer;
}

/** A signed-in client of the in-process server: carries the session cookie and the CSRF token. */
export interface TestClient {
  csrfToken: string;
  /** A string or a Buffer body is sent as it is (with the content type given in `headers`); anything else as JSON. */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  get(url: string): Promise<TestResponse>;
  post(url: string, body?: unknown): Promise<TestResponse>;
  patch(url: string, body?: unknown): Promise<TestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  /** Sends a request without a session. */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  signIn(username: string, password?: string): Promise<TestClient>;
  /** Closes the app and starts a new one on the same database and clock, as a server restart does; sign in again afterwards. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const toResponse = (res: { statusCode: number; headers: TestResponse["headers"]; body: string; rawPayload: Buffer }): TestResponse => {
  const type = String(res.headers["content-type"] ?? "");
  return { status: res.statusCode, headers: res.headers, body: type.includes("json") && res.body ? JSON.parse(res.body) : res.body, raw: res.rawPayload };
};

const UNLIMITED: Partial<Config> = { signInRateLimitPerAddress: 100_000, signInRateLimitPerUsername: 100_000, publicRateLimitPerAddress: 100_000 };

/** The real Fastify app on a fresh database, with a clock the test moves. */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const clock = manualClock();
  // Tests sign in and call public routes far more often than a person does, all from one
  // address: the limits are out of their way unless a test sets them.
  const config = loadConfig({ NODE_ENV: "test" }, { ...UNLIMITED, ...overrides });
  let app = await buildApp({ db, clock, config }, { logger: false });
  await app.ready();

  const send = async (method: string, url: string, body: unknown, headers: Record<string, string>) => {
    const raw = typeof body === "string" || Buffer.isBuffer(body);
    return toResponse(
      await app.inject({
        method: method as "GET",
        url,
        headers: { ...(body !== undefined && !raw ? { "content-type": "application/json" } : {}), ...headers },
        ...(body === undefined ? {} : { payload: raw ? body : JSON.stringify(body) }),
      }),
    );
  };

  const testApp: TestApp = {
    app,
    db,
    clock,
    config,
    request: (method, url, body, headers = {}) => send(method, url, body, headers),
    async signIn(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === "huajie_sid")!;
      const csrfToken = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
      const auth = { cookie: `huajie_sid=${cookie.value}` };
      const client: TestClient = {
        csrfToken,
        request: (method, url, body, headers = {}) => send(method, url, body, { ...auth, "x-csrf-token": csrfToken, ...headers }),
        get: (url) => client.request("GET", url),
        post: (url, body) => client.request("POST", url, body ?? {}),
        patch: (url, body) => client.request("PATCH", url, body ?? {}),
      };
      return client;
    },
    async restart() {
      await app.close();
      app = await buildApp({ db, clock, config }, { logger: false });
      await app.ready();
      testApp.app = app;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
  return testApp;
}
