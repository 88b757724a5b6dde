import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "session.expired": "长时间未操作，会话已过期，请重新登录",
  "csrf.invalid": "请求校验失败（CSRF），请刷新页面后重试",
  "login.failed": "用户名或密码错误",
  "login.locked": "登录失败次数过多，账号已暂时锁定，请于 {retryAt} 后再试",
  "password.wrongCurrent": "当前密码不正确",
  "password.tooShort": "密码至少 10 个字符",
  "password.tooSimple": "密码须包含大写字母、小写字母、数字、符号中的至少三类",
  "password.common": "该密码过于常见，请换一个",
  "password.sameAsOld": "新密码不能与当前密码相同",
  "password.mustChange": "请先修改初始密码",
} as const;

export const authMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "session.expired": "Your session expired after a period of inactivity; please sign in again",
    "csrf.invalid": "Request check (CSRF) failed; reload the page and try again",
    "login.failed": "Wrong username or password",
    "login.locked": "Too many failed sign-ins; the account is locked until {retryAt}",
    "password.wrongCurrent": "The current password is not correct",
    "password.tooShort": "The password needs at least 10 characters",
    "password.tooSimple": "Use at least three of: upper-case, lower-case, digits, symbols",
    "password.common": "This password is too common; choose another",
    "password.sameAsOld": "The new password must differ from the current one",
    "password.mustChange": "Change your initial password first",
  },
};
