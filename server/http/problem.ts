import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { z } from "zod";
import { CHINA_TIME_ZONE } from "@shared/duty/china-time.ts";
import { PROBLEM_CONTENT_TYPE, type Problem } from "@shared/problem.ts";
import { AppError, type FieldError } from "./errors.ts";
import { type Lang, type MessageKey, isMessageKey, languageOf, translate } from "./messages.ts";

interface IssueLike {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** Turns a zod issue into a message in the user's language; our own refinements carry a key. */
function issueMessage(lang: Lang, issue: IssueLike): string {
  if (isMessageKey(issue.message)) return translate(lang, issue.message);
  const p = issue.params;
  switch (issue.keyword) {
    case "invalid_type":
      return /received undefined/.test(issue.message)
        ? translate(lang, "field.required")
        : translate(lang, "field.type", { expected: String(p.expected ?? "") });
    case "too_small":
      if (p.origin === "string") return translate(lang, Number(p.minimum) === 1 ? "field.required" : "field.tooShort", { minimum: Number(p.minimum) });
      if (p.origin === "array" || p.origin === "set") return translate(lang, "field.tooFewItems", { minimum: Number(p.minimum) });
      return translate(lang, "field.tooSmall", { minimum: Number(p.minimum) });
    case "too_big":
      if (p.origin === "string") return translate(lang, "field.tooLong", { maximum: Number(p.maximum) });
      if (p.origin === "array" || p.origin === "set") return translate(lang, "field.tooManyItems", { maximum: Number(p.maximum) });
      return translate(lang, "field.tooBig", { maximum: Number(p.maximum) });
    case "invalid_format":
      return translate(lang, "field.format");
    case "invalid_value":
      return translate(lang, "field.option");
    case "unrecognized_keys":
      return translate(lang, "field.unknown");
    default:
      return translate(lang, "field.invalid");
  }
}

/** A zod issue met outside a route's schema (a row of a spreadsheet), worded as the route's own would be. */
export function zodIssueMessage(lang: Lang, issue: z.core.$ZodIssue): string {
  const { code, path: _path, message, ...params } = issue;
  return issueMessage(lang, { keyword: code, instancePath: "", message, params: params as Record<string, unknown> });
}

function fieldName(issue: IssueLike): string {
  const path = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
  const unknownKeys = issue.params.keys;
  if (issue.keyword === "unrecognized_keys" && Array.isArray(unknownKeys)) return [path, ...unknownKeys].filter(Boolean).join(".");
  return path || "(body)";
}

function send(reply: FastifyReply, lang: Lang, status: number, code: MessageKey, extra: Partial<Problem> = {}, params = {}) {
  const problem: Problem = {
    type: `https://huajie.example/problems/${code}`,
    title: translate(lang, code, params),
    status,
    code,
    ...extra,
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).header("content-language", lang === "zh" ? "zh-CN" : "en").send(problem);
}

const FASTIFY_CODES: Record<string, [number, MessageKey]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "unsupportedMediaType"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "badRequest"],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "payloadTooLarge"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "badRequest"],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "badRequest"],
  FST_ERR_RATE_LIMIT_EXCEEDED: [429, "tooManyRequests"],
};

/**
 * When a refused client may try again, in China's time. Made once: `toLocaleString` with a
 * time zone builds a formatter on each call, and refusals come in floods (a rate limit).
 */
const RETRY_AT_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, dateStyle: "short", timeStyle: "medium" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: CHINA_TIME_ZONE, dateStyle: "short", timeStyle: "medium" }),
};

export function problemHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = languageOf(request.headers["accept-language"]);
  if (error instanceof AppError) {
    const fields = error.options.fields?.map((f: FieldError) => ({
      ...(f.line === undefined ? {} : { line: f.line }),
      field: f.field,
      message: isMessageKey(f.message) ? translate(lang, f.message, error.options.params) : f.message,
    }));
    const retryAt = error.options.retryAt?.toISOString();
    if (retryAt) reply.header("retry-after", Math.max(1, Math.ceil((error.options.retryAt!.getTime() - Date.now()) / 1000)));
    return send(reply, lang, error.status, error.code, { ...(fields ? { errors: fields } : {}), ...(retryAt ? { retryAt } : {}) }, {
      ...error.options.params,
      ...(retryAt ? { retryAt: RETRY_AT_FORMATS[lang].format(error.options.retryAt!) } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = (error.validation as unknown as IssueLike[]).map((issue) => ({
      field: fieldName(issue),
      message: issueMessage(lang, issue),
    }));
    return send(reply, lang, 400, "validation", { errors });
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return send(reply, lang, known[0], known[1]);
  // PostgreSQL data exceptions (class 22: bad UTF-8, NUL in text, out-of-range values) are
  // the client's input that slipped past a schema: a 400, never a 500.
  const pgCode = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? error.code;
  if (typeof pgCode === "string" && /^22[0-9A-Z]{3}$/.test(pgCode)) return send(reply, lang, 400, "badRequest");
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return send(reply, lang, error.statusCode, error.statusCode === 429 ? "tooManyRequests" : "badRequest");
  }
  request.log.error({ err: error }, "unhandled error");
  return send(reply, lang, 500, "internal");
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, languageOf(request.headers["accept-language"]), 404, "notFound");
}
