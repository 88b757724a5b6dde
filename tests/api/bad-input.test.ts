// Bad input for every route, generated from the API document: each answers 4xx problem+json
// naming the field, never 500, and the database is exactly as it was.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { databaseChecksum } from "../../server/testing/database-checksum.ts";
import { type DocumentedRoute, type JsonSchema, validSample, wrongType } from "../../server/testing/openapi-routes.ts";
import { startRouteWideApp } from "../../server/testing/route-wide-app.ts";

interface Case {
  name: string;
  url: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number | "4xx";
  field?: string;
}

function queryValue(schema: JsonSchema): string | null {
  if (schema.enum) return "no-such-option";
  if (schema.type === "integer" || schema.type === "number") return "NaN";
  if (schema.format === "uuid") return "not-a-uuid";
  if (schema.format === "date-time") return "yesterday";
  if (schema.maxLength) return "长".repeat(schema.maxLength + 1);
  return null;
}

function casesFor(route: DocumentedRoute, url: string): Case[] {
  const cases: Case[] = [];
  if (route.pathParams.includes("id")) cases.push({ name: "id not a uuid", url: route.url.replace(":id", "not-a-uuid"), status: 400, field: "id" });
  for (const { name, schema } of route.query) {
    const value = queryValue(schema);
    if (value !== null) cases.push({ name: `query ${name}=${value.slice(0, 12)}`, url: `${url}?${name}=${encodeURIComponent(value)}`, status: 400, field: name });
  }
  if (route.multipart) {
    // The caller here may not attach (403 comes first), so these prove only a clean refusal;
    // the attachment tests check each one's status and field as someone who may.
    cases.push(
      { name: "JSON instead of multipart", url, body: { file: "x" }, status: "4xx" },
      { name: "no body instead of multipart", url, status: "4xx" },
      { name: "text/plain instead of multipart", url, raw: "file=x", contentType: "text/plain", status: 415 },
    );
  }
  const body = route.body;
  if (!body || route.method === "GET") return cases;
  const valid = validSample(body) as Record<string, unknown>;
  cases.push(
    { name: "malformed JSON", url, raw: '{"name": "未闭合', contentType: "application/json", status: 400 },
    { name: "text/plain body", url, raw: "name=x", contentType: "text/plain", status: 415 },
    { name: "array instead of object", url, body: [valid], status: 400 },
    { name: "1.5 MB body", url, raw: JSON.stringify({ ...valid, padding: "x".repeat(1_500_000) }), contentType: "application/json", status: 413 },
    { name: "deeply nested JSON", url, raw: `{"deep":${"[".repeat(5000)}${"]".repeat(5000)}}`, contentType: "application/json", status: "4xx" },
  );
  for (const key of body.required ?? []) {
    const { [key]: _omitted, ...rest } = valid;
    cases.push({ name: `missing ${key}`, url, body: rest, status: 400, field: key });
  }
  for (const [key, schema] of Object.entries(body.properties ?? {})) {
    cases.push({ name: `${key} of the wrong type`, url, body: { ...valid, [key]: wrongType(schema) }, status: 400, field: key });
    const max = schema.maxLength ?? schema.anyOf?.find((s) => s.maxLength)?.maxLength;
    if (max) cases.push({ name: `${key} too long`, url, body: { ...valid, [key]: "长".repeat(max + 1) }, status: 400, field: key });
  }
  return cases;
}

describe("bad input on every route", () => {
  let app: Awaited<ReturnType<typeof startRouteWideApp>>;
  before(async () => {
    app = await startRouteWideApp();
  });
  after(() => app.t.close());

  it("answers 4xx problem+json naming the field, never 500, and writes nothing", async (ctx) => {
    const { t, client, routes, urls } = app;
    const before = await databaseChecksum(t.db.orm);
    let tried = 0;
    for (const route of routes) {
      for (const c of casesFor(route, urls.get(route)!)) {
        const res = c.raw !== undefined
          ? await client.request(route.method, c.url, c.raw, { "content-type": c.contentType! })
          : await client.request(route.method, c.url, c.body);
        const where = `${route.method} ${route.path} (${c.name})`;
        tried += 1;
        assert.ok(res.status >= 400 && res.status < 500, `${where}: got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        if (c.status !== "4xx") assert.equal(res.status, c.status, `${where}: ${JSON.stringify(res.body).slice(0, 300)}`);
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, where);
        assert.ok(typeof res.body.title === "string" && res.body.title.length > 0, `${where}: no title`);
        if (c.field) {
          const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
          assert.ok(fields.includes(c.field), `${where}: errors ${JSON.stringify(fields)} do not name ${c.field}`);
        }
      }
    }
    assert.equal(await databaseChecksum(t.db.orm), before, "bad input changed the database");
    ctx.diagnostic(`${tried} bad requests over ${routes.length} routes`);
    assert.ok(tried > 100);
  });
});
