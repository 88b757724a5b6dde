import type { FastifyInstance } from "fastify";

/** A JSON Schema fragment as the OpenAPI document carries it. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  /** A discriminated union: its first variant is a valid sample. */
  oneOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxItems?: number;
  minItems?: number;
}

export interface DocumentedRoute {
  method: string;
  /** As Fastify takes it: /api/orgs/:id */
  url: string;
  /** As the document writes it: /api/orgs/{id} */
  path: string;
  body: JsonSchema | null;
  /** Takes files as multipart/form-data rather than a JSON body. */
  multipart: boolean;
  query: { name: string; schema: JsonSchema }[];
  pathParams: string[];
  public: boolean;
}

/** Every route of the API, read from the generated OpenAPI document, so a new route is covered as soon as it exists. */
export function documentedRoutes(app: FastifyInstance): DocumentedRoute[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: { in: string; name: string; schema: JsonSchema }[] }>> };
  const routes: DocumentedRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const url = path.replace(/\{(\w+)\}/g, ":$1");
      routes.push({
        method: method.toUpperCase(),
        url,
        path,
        body: operation.requestBody?.content["application/json"]?.schema ?? null,
        multipart: Boolean(operation.requestBody?.content["multipart/form-data"]),
        query: (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema })),
        pathParams: (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        public: ["/api/auth/login", "/api/auth/login/two-factor", "/api/health", "/api/calendar/{token}.ics"].includes(path),
      });
    }
  }
  return routes;
}

// Values for fields whose rules a generic generator cannot guess (refinements, patterns).
const KNOWN_VALUES: Record<string, unknown> = {
  password: "Strong-pass-2026!",
  newPassword: "Strong-pass-2026!",
  currentPassword: "anything",
  username: "sample.user",
  version: 1,
};

/** A value the schema accepts: required properties only, with the field overrides given. */
export function validSample(schema: JsonSchema, overrides: Record<string, unknown> = {}, name = ""): unknown {
  if (name in overrides) return overrides[name];
  if (name in KNOWN_VALUES) return KNOWN_VALUES[name];
  if (schema.anyOf) return validSample(schema.anyOf.find((s) => s.type !== "null") ?? schema.anyOf[0]!, overrides, name);
  if (schema.oneOf) return validSample(schema.oneOf[0]!, overrides, name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((key) => [key, validSample(schema.properties![key]!, overrides, key)]));
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => validSample(schema.items ?? {}, overrides));
    case "integer":
    case "number":
      return Math.max(schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case "boolean":
      return true;
    case "string":
      if (schema.format === "uuid") return "00000000-0000-4000-8000-000000000000";
      if (schema.format === "email") return "sample@example.cn";
      if (schema.format === "uri") return "https://example.cn/sample";
      if (schema.format === "date-time") return "2026-03-02T08:00:00+08:00";
      if (schema.format === "date") return "2026-03-02";
      return "样例".padEnd(Math.max(2, schema.minLength ?? 1), "样");
    default:
      return null;
  }
}

/** A value of the wrong JSON type for the schema. */
export function wrongType(schema: JsonSchema): unknown {
  const type = schema.type ?? schema.anyOf?.find((s) => s.type !== "null")?.type ?? schema.oneOf?.[0]?.type ?? (schema.enum ? "string" : undefined);
  switch (type) {
    case "string":
      return 12345;
    case "integer":
    case "number":
      return "not a number";
    case "boolean":
      return "yes";
    case "array":
      return "not a list";
    case "object":
      return 7;
    default:
      return { unexpected: true };
  }
}
