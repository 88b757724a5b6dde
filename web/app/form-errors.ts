import type { FormInstance } from "antd";
import type { MessageInstance } from "antd/es/message/interface";
import { ApiError } from "./api.ts";

/**
 * Shows a failed request where the user looks: field errors beside their fields, the rest as
 * a message. Returns true when the record changed underneath (409) so the caller can reload.
 */
export function showApiError(error: unknown, message: MessageInstance, form?: FormInstance): boolean {
  if (!(error instanceof ApiError)) {
    message.error(String(error));
    return false;
  }
  const fields = error.problem.errors ?? [];
  const known = form ? fields.filter((f) => form.getFieldInstance(f.field.split(".")[0]!) !== undefined || form.getFieldsValue(true)[f.field.split(".")[0]!] !== undefined) : [];
  if (form && known.length > 0) {
    form.setFields(known.map((f) => ({ name: f.field.split(".")[0]!, errors: [f.message] })));
  }
  const rest = fields.filter((f) => !known.includes(f));
  message.error(rest.length ? `${error.problem.title}：${rest.map((f) => `${f.field} ${f.message}`).join("；")}` : error.problem.title);
  return error.status === 409;
}
