import type { Problem } from "@shared/problem.ts";
import { currentLang } from "./i18n/i18n.tsx";

/** A problem+json answer of the server, thrown so forms can place its field errors. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.title);
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (problem: Problem) => void = () => {};

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** What to do when any request finds the session gone (expired or signed out elsewhere). */
export function onSessionLost(handler: (problem: Problem) => void) {
  onUnauthenticated = handler;
}

/** Sends JSON, or a form as it is (the browser writes its multipart boundary), and reads the answer. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { "accept-language": currentLang() === "en" ? "en" : "zh-CN" };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: "same-origin", ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }) });
  } catch {
    throw new ApiError(0, { type: "about:blank", title: currentLang() === "en" ? "Network error" : "网络连接失败", status: 0, code: "network" });
  }
  const type = response.headers.get("content-type") ?? "";
  const payload: unknown = type.includes("json") ? await response.json() : await response.text();
  if (response.ok) return payload as T;
  const problem = (typeof payload === "object" && payload ? payload : { title: String(payload), status: response.status, code: "unknown", type: "about:blank" }) as Problem;
  if (response.status === 401 && !url.startsWith("/api/auth/login")) onUnauthenticated(problem);
  throw new ApiError(response.status, problem);
}

/** Builds a query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : "";
}

/**
 * Downloads a file the server writes and saves it under the name it gives. Fetched rather
 * than followed as a link, so a refusal (an export too large) shows as a message in the page
 * instead of replacing it with the problem's JSON.
 */
export async function saveFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { "accept-language": currentLang() === "en" ? "en" : "zh-CN" }, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, { type: "about:blank", title: currentLang() === "en" ? "Network error" : "网络连接失败", status: 0, code: "network" });
  }
  if (!response.ok) {
    const type = response.headers.get("content-type") ?? "";
    const problem = (type.includes("json") ? await response.json() : { title: await response.text(), status: response.status, code: "unknown", type: "about:blank" }) as Problem;
    if (response.status === 401) onUnauthenticated(problem);
    throw new ApiError(response.status, problem);
  }
  const named = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get("content-disposition") ?? "");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = named ? decodeURIComponent(named[1]!) : fallbackName;
  link.click();
  // Revoked once the browser has taken the bytes; at once would cancel the download in some.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
