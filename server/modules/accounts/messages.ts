import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "phone.invalid": "电话号码格式不正确（手机号 11 位，座机如 0571-88886666）",
  "username.invalid": "用户名只能包含小写字母、数字和 . _ -，并以字母或数字开头",
  "username.taken": "该用户名已被使用",
  "roles.duplicate": "角色不能重复",
  "account.self": "不能对自己的账号执行此操作",
  "account.alreadyActive": "该账号未停用",
  "account.alreadyInactive": "该账号已停用",
} as const;

export const accountMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "phone.invalid": "Not a valid phone number (11-digit mobile, or landline like 0571-88886666)",
    "username.invalid": "Use lower-case letters, digits and . _ -, starting with a letter or digit",
    "username.taken": "This username is taken",
    "roles.duplicate": "A role is listed twice",
    "account.self": "You cannot do this to your own account",
    "account.alreadyActive": "This account is active",
    "account.alreadyInactive": "This account is already deactivated",
  },
};
