// Error and validation messages in the user's language (Accept-Language). UI strings live in
// the web client; these are the ones the server says.
const zh = {
  notFound: "记录不存在或不在您的辖区内",
  forbidden: "您没有执行此操作的权限",
  unauthenticated: "请先登录",
  "session.expired": "长时间未操作，会话已过期，请重新登录",
  "csrf.invalid": "请求校验失败（CSRF），请刷新页面后重试",
  staleVersion: "该记录已被他人修改，请刷新后重试",
  validation: "提交的内容有误，请检查标出的字段",
  badRequest: "请求格式有误",
  unsupportedMediaType: "不支持的内容类型，请使用 application/json",
  payloadTooLarge: "提交的内容过大",
  tooManyRequests: "请求过于频繁，请稍后再试",
  internal: "服务器内部错误，已记录，请稍后再试",
  "login.failed": "用户名或密码错误",
  "login.locked": "登录失败次数过多，账号已暂时锁定，请于 {retryAt} 后再试",
  "password.wrongCurrent": "当前密码不正确",
  "password.tooShort": "密码至少 10 个字符",
  "password.tooSimple": "密码须包含大写字母、小写字母、数字、符号中的至少三类",
  "password.common": "该密码过于常见，请换一个",
  "password.sameAsOld": "新密码不能与当前密码相同",
  "password.mustChange": "请先修改初始密码",
  "phone.invalid": "电话号码格式不正确（手机号 11 位，座机如 0571-88886666）",
  "divisionCode.invalid": "行政区划代码应为 6 到 12 位数字",
  "username.invalid": "用户名只能包含小写字母、数字和 . _ -，并以字母或数字开头",
  "username.taken": "该用户名已被使用",
  "roles.duplicate": "角色不能重复",
  "org.parentInactive": "上级组织已停用",
  "org.parentIsDescendant": "不能把组织移动到它自己或它的下级组织之下",
  "org.hasActiveChildren": "该组织还有 {count} 个在用的下级组织，请先停用或移走它们",
  "org.hasActiveAccounts": "该组织还有 {count} 个在用的账号，请先停用或调走它们",
  "org.inactive": "该组织已停用",
  "org.alreadyActive": "该组织未停用",
  "org.alreadyInactive": "该组织已停用",
  "account.self": "不能对自己的账号执行此操作",
  "account.alreadyActive": "该账号未停用",
  "account.alreadyInactive": "该账号已停用",
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

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  notFound: "Not found, or not in your jurisdiction",
  forbidden: "You are not allowed to do this",
  unauthenticated: "Please sign in",
  "session.expired": "Your session expired after a period of inactivity; please sign in again",
  "csrf.invalid": "Request check (CSRF) failed; reload the page and try again",
  staleVersion: "Someone else changed this record; reload it and try again",
  validation: "Some fields are not right; see the marked fields",
  badRequest: "The request is malformed",
  unsupportedMediaType: "Unsupported content type; send application/json",
  payloadTooLarge: "The request is too large",
  tooManyRequests: "Too many requests; try again later",
  internal: "Internal server error; it has been logged, please try again later",
  "login.failed": "Wrong username or password",
  "login.locked": "Too many failed sign-ins; the account is locked until {retryAt}",
  "password.wrongCurrent": "The current password is not correct",
  "password.tooShort": "The password needs at least 10 characters",
  "password.tooSimple": "Use at least three of: upper-case, lower-case, digits, symbols",
  "password.common": "This password is too common; choose another",
  "password.sameAsOld": "The new password must differ from the current one",
  "password.mustChange": "Change your initial password first",
  "phone.invalid": "Not a valid phone number (11-digit mobile, or landline like 0571-88886666)",
  "divisionCode.invalid": "A division code has 6 to 12 digits",
  "username.invalid": "Use lower-case letters, digits and . _ -, starting with a letter or digit",
  "username.taken": "This username is taken",
  "roles.duplicate": "A role is listed twice",
  "org.parentInactive": "The parent org is deactivated",
  "org.parentIsDescendant": "An org cannot move under itself or one of its own sub-orgs",
  "org.hasActiveChildren": "This org still has {count} active sub-orgs; deactivate or move them first",
  "org.hasActiveAccounts": "This org still has {count} active accounts; deactivate or move them first",
  "org.inactive": "This org is deactivated",
  "org.alreadyActive": "This org is active",
  "org.alreadyInactive": "This org is already deactivated",
  "account.self": "You cannot do this to your own account",
  "account.alreadyActive": "This account is active",
  "account.alreadyInactive": "This account is already deactivated",
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
