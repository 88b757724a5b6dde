import type { FormInstance } from "antd";
import type { MessageInstance } from "antd/es/message/interface";
import { ApiError } from "./api.ts";

/** "content.levels.I.response.escalation.0" → ["content", "levels", "I", "response", "escalation", 0] */
const namePath = (field: string) => field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));

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
  if (form) form.setFields(fields.map((f) => ({ name: namePath(f.field), errors: [f.message] })));
  const unplaced = fields.filter((f) => !form?.getFieldInstance(namePath(f.field)));
  message.error(unplaced.length ? `${error.problem.title}：${unplaced.map((f) => `${f.field} ${f.message}`).join("；")}` : error.problem.title);
  return error.status === 409;
}
