import { z } from "zod";

/** The media types of the files the server writes. */
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * `Content-Disposition` for a file whose name may be Chinese: browsers take the UTF-8 name
 * (RFC 6266 / RFC 5987 `filename*`), old clients the ASCII fallback.
 */
export function contentDisposition(kind: "attachment" | "inline", name: string, fallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The OpenAPI response of a route that answers with a file rather than JSON: its bytes are not checked as JSON. */
export const fileResponse = (types: string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: z.any().meta({ type: "string", format: "binary" }) }])),
});
