// Error and validation messages in the user's language (Accept-Language). UI strings live in
// the web client; these are the ones the server says. Each module keeps its own in
// modules/<name>/messages.ts; they are merged here.
import { attachmentMessages } from "../attachments/messages.ts";
import { accountMessages } from "../modules/accounts/messages.ts";
import { auditMessages } from "../modules/audit/messages.ts";
import { authMessages } from "../modules/auth/messages.ts";
import { disputeMessages } from "../modules/disputes/messages.ts";
import { mediationMessages } from "../modules/disputes/mediation-messages.ts";
import { dutyMessages } from "../modules/duty/messages.ts";
import { groupMessages } from "../modules/groups/messages.ts";
import { incidentMessages } from "../modules/incidents/messages.ts";
import { notificationMessages } from "../modules/notifications/messages.ts";
import { orgMessages } from "../modules/orgs/messages.ts";
import { planMessages } from "../modules/plans/messages.ts";

const MODULES = [authMessages, orgMessages, accountMessages, groupMessages, planMessages, dutyMessages, incidentMessages, attachmentMessages, notificationMessages, disputeMessages, mediationMessages, auditMessages] as const;

const coreZh = {
  notFound: "记录不存在或不在您的辖区内",
  forbidden: "您没有执行此操作的权限",
  unauthenticated: "请先登录",
  staleVersion: "该记录已被他人修改，请刷新后重试",
  validation: "提交的内容有误，请检查标出的字段",
  badRequest: "请求格式有误",
  invalidEncoding: "提交的内容不是有效的 UTF-8 文本",
  unsupportedMediaType: "不支持的内容类型，请使用 application/json",
  payloadTooLarge: "提交的内容过大",
  tooManyRequests: "请求过于频繁，请稍后再试",
  internal: "服务器内部错误，已记录，请稍后再试",
  "field.required": "必填",
  "field.type": "类型不正确，应为{expected}",
  "field.tooShort": "至少 {minimum} 个字符",
  "field.tooLong": "最多 {maximum} 个字符",
  "field.tooSmall": "不能小于 {minimum}",
  "field.tooBig": "不能大于 {maximum}",
  "field.tooFewItems": "至少选择 {minimum} 项",
  "field.tooManyItems": "最多 {maximum} 项",
  "field.format": "格式不正确",
  "field.option": "不是可选的值",
  "field.unknown": "不认识的字段",
  "field.invalid": "内容不正确",
} as const;

const coreEn: Record<keyof typeof coreZh, string> = {
  notFound: "Not found, or not in your jurisdiction",
  forbidden: "You are not allowed to do this",
  unauthenticated: "Please sign in",
  staleVersion: "Someone else changed this record; reload it and try again",
  validation: "Some fields are not right; see the marked fields",
  badRequest: "The request is malformed",
  invalidEncoding: "The request body is not valid UTF-8 text",
  unsupportedMediaType: "Unsupported content type; send application/json",
  payloadTooLarge: "The request is too large",
  tooManyRequests: "Too many requests; try again later",
  internal: "Internal server error; it has been logged, please try again later",
  "field.required": "Required",
  "field.type": "Wrong type; expected {expected}",
  "field.tooShort": "At least {minimum} characters",
  "field.tooLong": "At most {maximum} characters",
  "field.tooSmall": "Must be at least {minimum}",
  "field.tooBig": "Must be at most {maximum}",
  "field.tooFewItems": "Choose at least {minimum}",
  "field.tooManyItems": "At most {maximum} items",
  "field.format": "Wrong format",
  "field.option": "Not one of the allowed values",
  "field.unknown": "Unknown field",
  "field.invalid": "Not valid",
};

type ModuleZh = (typeof MODULES)[number]["zh"];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

const zh = Object.assign({}, coreZh, ...MODULES.map((m) => m.zh)) as typeof coreZh & UnionToIntersection<ModuleZh>;
export type MessageKey = keyof typeof zh;
const en = Object.assign({}, coreEn, ...MODULES.map((m) => m.en)) as Record<MessageKey, string>;

export type Lang = "zh" | "en";

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(zh, value);
}

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number | undefined> = {}): string {
  const template: string = (lang === "en" ? en : zh)[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

/** Chinese unless the client prefers English over it. */
export function languageOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return "zh";
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "zh";
}
