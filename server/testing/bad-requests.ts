// fast-check arbitraries of requests the API must refuse, built from a route's OpenAPI schemas.
// Every request carries at least one flaw the server is bound to reject (a value its schema
// refuses, a body its parser refuses, a record that does not exist), so none may change the
// database; the rest of it (extra properties, odd query parameters) is noise around the flaw.
import fc from "fast-check";
import { type DocumentedRoute, type JsonSchema, validSample } from "./openapi-routes.ts";

/** What a request is sent as; `flaws` names what makes it invalid, for the failure message and the tally. */
export interface BadRequest {
  method: string;
  url: string;
  payload?: string | Buffer;
  headers: Record<string, string>;
  flaws: string[];
}

/** JSON text whose parts may be given as written, so that a deep value need not be built (or stringified) recursively. */
class RawJson {
  constructor(readonly text: string) {}
}

interface Flawed<T> {
  value: T;
  flaw: string;
}

function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${toJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The JSON types a schema admits; null when it says nothing (any value goes). */
function admittedTypes(schema: JsonSchema): Set<string> | null {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const all = new Set<string>();
    for (const variant of variants) {
      const types = admittedTypes(variant);
      if (!types) return null;
      for (const type of types) all.add(type);
    }
    return all;
  }
  if (schema.type) return new Set(schema.type === "integer" ? ["integer"] : [schema.type]);
  const values = schema.enum ?? (schema.const === undefined ? undefined : [schema.const]);
  if (values) return new Set(values.map((v) => (v === null ? "null" : typeof v)));
  return null;
}

const text = fc.string({ unit: "grapheme", maxLength: 40 });
/** Past the limit even after the schema trims whitespace: a wide character repeated. */
const tooLong = (max: number, huge = true) =>
  (huge ? fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 50 }) }, { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 400_000 }) }) : fc.integer({ min: 1, max: 50 })).map(
    (extra) => "长".repeat(max + extra),
  );
const depth = fc.integer({ min: 50, max: 20_000 });
const deepArray = depth.map((n) => new RawJson(`${"[".repeat(n)}${"]".repeat(n)}`));
const deepObject = depth.map((n) => new RawJson(`${'{"a":'.repeat(n)}1${"}".repeat(n)}`));

/** Values of every JSON type the schema does not admit, huge and deep ones among them. */
function wrongTypes(types: Set<string>): fc.Arbitrary<Flawed<unknown>>[] {
  const wrong: fc.Arbitrary<Flawed<unknown>>[] = [];
  const of = (flaw: string, arbitrary: fc.Arbitrary<unknown>) => wrong.push(arbitrary.map((value) => ({ value, flaw })));
  if (!types.has("string")) of("string instead", fc.oneof(text, tooLong(1000)));
  if (!types.has("number") && !types.has("integer")) of("number instead", fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })));
  if (types.has("integer") && !types.has("number")) of("fraction for an integer", fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)));
  if (!types.has("boolean")) of("boolean instead", fc.boolean());
  if (!types.has("null")) of("null instead", fc.constant(null));
  if (!types.has("array")) of("array instead", fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }), deepArray));
  if (!types.has("object")) of("object instead", fc.oneof(fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), deepObject));
  return wrong;
}

/** The one variant a nullable field has besides null, whose own limits a value can break. */
function soleVariant(schema: JsonSchema): JsonSchema | null {
  if (!schema.anyOf) return schema.oneOf ? null : schema;
  const others = schema.anyOf.filter((variant) => variant.type !== "null");
  return others.length === 1 ? others[0]! : null;
}

/** Values that break the schema's own limits; `huge` allows strings of hundreds of kilobytes (bodies, not URLs). */
function brokenLimits(schema: JsonSchema, huge = true): fc.Arbitrary<Flawed<unknown>>[] {
  const broken: fc.Arbitrary<Flawed<unknown>>[] = [];
  const of = (flaw: string, arbitrary: fc.Arbitrary<unknown>) => broken.push(arbitrary.map((value) => ({ value, flaw })));
  if (schema.enum) of("not one of the options", text.filter((v) => !schema.enum!.includes(v) && !schema.enum!.includes(v.trim())));
  if (schema.type === "string") {
    if (schema.maxLength !== undefined) of("too long", tooLong(schema.maxLength, huge));
    if ((schema.minLength ?? 0) > 0) of("too short", fc.constant("x".repeat(schema.minLength! - 1)));
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern, "u");
      of(`not a ${schema.format ?? "match"}`, fc.oneof(text, fc.constantFrom("not-a-uuid", "2026-02-30", "yesterday", "00000000-0000-0000-0000-00000000000g")).filter((v) => !pattern.test(v) && !pattern.test(v.trim())));
    }
  }
  if (schema.type === "integer" || schema.type === "number") {
    const floor = schema.exclusiveMinimum ?? (schema.minimum === undefined ? undefined : schema.minimum - 1);
    if (floor !== undefined) of("below the minimum", fc.integer({ min: -1_000_000, max: 0 }).map((n) => floor + n));
    if (schema.maximum !== undefined && schema.maximum < 1e12) of("above the maximum", fc.integer({ min: 1, max: 1_000_000 }).map((n) => schema.maximum! + n));
  }
  if (schema.type === "array") {
    if ((schema.minItems ?? 0) > 0) of("too few items", fc.constant([]));
    if (schema.maxItems !== undefined && schema.maxItems < 1000) {
      of("too many items", fc.integer({ min: 1, max: 3 }).map((n) => Array.from({ length: schema.maxItems! + n }, () => validSample(schema.items ?? {}))));
    }
    const item = schema.items && invalidValue(schema.items);
    if (item) broken.push(item.map(({ value, flaw }) => ({ value: [...Array.from({ length: Math.max(0, (schema.minItems ?? 1) - 1) }, () => validSample(schema.items!)), value], flaw: `item: ${flaw}` })));
  }
  if (schema.type === "object") broken.push(...invalidObject(schema));
  return broken;
}

/** A value the schema refuses, or null when it admits anything. */
export function invalidValue(schema: JsonSchema): fc.Arbitrary<Flawed<unknown>> | null {
  const types = admittedTypes(schema);
  if (!types) return null;
  const sole = soleVariant(schema);
  const options = [...wrongTypes(types), ...(sole ? brokenLimits(sole) : [])];
  return options.length > 0 ? fc.oneof(...options) : null;
}

/** An object short of a required property, or with one property its schema refuses. */
function invalidObject(schema: JsonSchema): fc.Arbitrary<Flawed<unknown>>[] {
  const sample = validSample(schema) as Record<string, unknown>;
  const options: fc.Arbitrary<Flawed<unknown>>[] = [];
  const required = schema.required ?? [];
  if (required.length > 0) {
    options.push(fc.constantFrom(...required).map((key) => {
      const { [key]: _missing, ...rest } = sample;
      return { value: rest, flaw: `${key} missing` };
    }));
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const invalid = invalidValue(property);
    if (invalid) options.push(invalid.map(({ value, flaw }) => ({ value: { ...sample, [key]: value }, flaw: `${key}: ${flaw}` })));
  }
  return options;
}

/** Properties no schema names, sometimes an attempt at prototype pollution among them. */
function withExtras(body: unknown, known: Set<string>): fc.Arbitrary<unknown> {
  const extras = fc.dictionary(text.filter((key) => !known.has(key) && key !== "__proto__"), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
  return extras.map((more) => (body !== null && typeof body === "object" && !Array.isArray(body) ? { ...more, ...body } : body));
}

const INVALID_UTF8 = [[0xff], [0xfe, 0xfe], [0xc0, 0xaf], [0xc3, 0x28], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8]];
const WRONG_TYPES = ["text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded", "application/octet-stream", "image/png", "application/json-patch+json", "application/vnd.api+json", "text/json", "application/javascript"];
const MARK = "\u{10FFFF}MARK";
type BodyPart = Pick<BadRequest, "payload" | "headers" | "flaws">;
const json = (payload: string | Buffer, flaw: string): BodyPart => ({ payload, headers: { "content-type": "application/json" }, flaws: [flaw] });

/** Bodies the parser refuses whatever the route: not JSON, not UTF-8, too large, of another type. */
function unparsableBodies(sample: unknown, multipart: boolean): fc.Arbitrary<BodyPart> {
  const sampleText = toJson(sample ?? {});
  const notJson = fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, sampleText.length - 1) }).map((end) => sampleText.slice(0, end)),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
    fc.constantFrom("{'a':1}", '{"a":1,}', "undefined", "NaN", '{"a":01}', "[1,2", '{"a"}'),
  ).filter((candidate) => {
    try {
      JSON.parse(candidate);
      return false;
    } catch {
      return true;
    }
  });
  const withBadBytes = fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.boolean()).map(([bytes, inValue]) => {
    const carrier = inValue && sample && typeof sample === "object" && !Array.isArray(sample) ? { ...sample, note: MARK } : { [MARK]: 1 };
    const [before, after] = toJson(carrier).split(MARK) as [string, string];
    return json(Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]), "not UTF-8");
  });
  const otherTypes = multipart ? WRONG_TYPES : [...WRONG_TYPES, "multipart/form-data; boundary=fuzz"];
  return fc.oneof(
    notJson.map((payload) => json(payload, "not JSON")),
    withBadBytes,
    fc.constant(json("", "empty JSON body")),
    fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}').map((payload) => json(payload, "prototype pollution")),
    fc.integer({ min: 1, max: 200_000 }).map((extra) => json(`{"padding":"${"x".repeat(1024 * 1024 + extra)}"}`, "over the body limit")),
    fc.tuple(fc.constantFrom(...otherTypes), fc.oneof(fc.constant(sampleText), text)).map(([type, payload]): BodyPart => ({ payload, headers: { "content-type": type }, flaws: [`sent as ${type}`] })),
    fc.constant<BodyPart>({ payload: sampleText, headers: {}, flaws: ["no content type"] }),
  );
}

/** A JSON body its route's schema refuses, with extra properties around the flaw. */
function invalidBodies(schema: JsonSchema): fc.Arbitrary<BodyPart> | null {
  const invalid = invalidValue(schema);
  if (!invalid) return null;
  const known = new Set(Object.keys(schema.properties ?? {}));
  return invalid.chain(({ value, flaw }) => withExtras(value, known).map((body) => json(toJson(body), flaw)));
}

const multipartGarbage: fc.Arbitrary<BodyPart> = fc.oneof(
  fc.string({ maxLength: 200 }).map((payload) => ({ payload, headers: { "content-type": "multipart/form-data; boundary=fuzz" }, flaws: ["broken multipart"] })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({
    payload: Buffer.concat([Buffer.from('--fuzz\r\nContent-Disposition: form-data; name="other"; filename="x.bin"\r\n\r\n'), Buffer.from(bytes)]),
    headers: { "content-type": "multipart/form-data; boundary=fuzz" },
    flaws: ["unterminated multipart"],
  })),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that names no record: not an id, an id of nothing, or not decodable at all. */
const badPathValue: fc.Arbitrary<Flawed<string>> = fc.oneof(
  fc.uuid().map((value) => ({ value, flaw: "no such record" })),
  text.filter((v) => v.length > 0 && !UUID.test(v)).map((v) => ({ value: encodeURIComponent(v), flaw: "not an id" })),
  fc.constantFrom("%zz", "%E4%B8", "%", "..", "%2e%2e", "a".repeat(300), "%00").map((value) => ({ value, flaw: "undecodable id" })),
);

/** A query value the parameter's schema refuses, written as a URL would carry it. */
function badQueryValue(schema: JsonSchema): fc.Arbitrary<Flawed<string>> | null {
  const options: fc.Arbitrary<Flawed<string>>[] = [];
  const of = (flaw: string, arbitrary: fc.Arbitrary<string>) => options.push(arbitrary.map((value) => ({ value, flaw })));
  if (schema.type === "integer" || schema.type === "number") {
    // A leading letter: Number() reads "", " 5" and "0x10" as numbers.
    of("not a number", text.map((v) => `q${v}`));
    if (schema.minimum !== undefined) of("below the minimum", fc.integer({ min: 1, max: 1000 }).map((n) => String(schema.minimum! - n)));
    if (schema.maximum !== undefined && schema.maximum < 1e12) of("above the maximum", fc.integer({ min: 1, max: 1000 }).map((n) => String(schema.maximum! + n)));
    if (schema.type === "integer") of("fraction", fc.integer({ min: 0, max: 100 }).map((n) => `${n}.5`));
  } else {
    for (const arbitrary of brokenLimits(schema, false)) {
      options.push(arbitrary.filter((f): f is Flawed<string> => typeof f.value === "string"));
    }
  }
  if (options.length === 0) return null;
  return fc.oneof(...options).map(({ value, flaw }) => ({ value: encodeURIComponent(value), flaw }));
}

/** Query parameters no route takes, some of them not decodable. */
const extraQuery = fc.array(
  fc.tuple(fc.string({ minLength: 1, maxLength: 10 }).map((k) => `x${encodeURIComponent(k)}`), fc.oneof(text.map(encodeURIComponent), fc.constantFrom("%FF%FE", "%zz", "%", "a[b][c]=d"))),
  { maxLength: 3 },
);

const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 10 - weight, arbitrary: fc.constant(null) }, { weight, arbitrary });

/**
 * Bad requests to one route at `url` (its path parameters filled with a real record's ids), or
 * null when the route takes nothing a request could get wrong (a GET of a fixed page).
 */
export function badRequests(route: DocumentedRoute, url: string): fc.Arbitrary<BadRequest> | null {
  const params = route.pathParams.map((name) => ({ name, value: url.split("/")[route.url.split("/").findIndex((part) => part.includes(`:${name}`))]! }));
  const path = params.length > 0
    ? sometimes(fc.tuple(fc.constantFrom(...params), badPathValue).map(([param, bad]) => ({ value: url.replace(param.value, bad.value), flaw: `${param.name}: ${bad.flaw}` })), 3)
    : fc.constant(null);
  const queryOptions = route.query.flatMap(({ name, schema }) => {
    const bad = badQueryValue(schema);
    return bad ? [bad.map(({ value, flaw }) => ({ value: `${name}=${value}`, flaw: `?${name}: ${flaw}` }))] : [];
  });
  const query = queryOptions.length > 0 ? sometimes(fc.oneof(...queryOptions), 3) : fc.constant(null);

  let body: fc.Arbitrary<BodyPart | null> = fc.constant(null);
  if (route.method !== "GET") {
    const sample = route.body ? validSample(route.body) : undefined;
    const unparsable = unparsableBodies(sample, route.multipart);
    const invalid = route.body && invalidBodies(route.body);
    if (invalid) body = fc.oneof({ weight: 6, arbitrary: invalid }, { weight: 3, arbitrary: unparsable }, { weight: 1, arbitrary: fc.constant(null) });
    else if (route.multipart) body = fc.oneof(unparsable, multipartGarbage, fc.constant(null));
    else body = fc.oneof({ weight: 3, arbitrary: unparsable }, { weight: 1, arbitrary: fc.constant(null) });
  }
  if (params.length === 0 && queryOptions.length === 0 && route.method === "GET") return null;

  return fc
    .tuple(path, query, extraQuery, body)
    .filter(([p, q, , b]) => p !== null || q !== null || (b !== null && b.flaws.length > 0))
    .map(([p, q, extra, b]) => {
      const pairs = [...(q ? [q.value] : []), ...extra.map(([k, v]) => `${k}=${v}`)];
      return {
        method: route.method,
        url: `${p?.value ?? url}${pairs.length > 0 ? `?${pairs.join("&")}` : ""}`,
        ...(b?.payload === undefined ? {} : { payload: b.payload }),
        headers: b?.headers ?? {},
        flaws: [...(p ? [p.flaw] : []), ...(q ? [q.flaw] : []), ...(b?.flaws ?? [])],
      };
    });
}
