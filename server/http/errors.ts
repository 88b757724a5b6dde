import type { MessageKey } from "./messages.ts";

export interface FieldError {
  field: string;
  /** A message key, or an already translated message. */
  message: string;
  /** The spreadsheet row the problem is on, when the input was a file of many records. */
  line?: number;
}

/** The one error type of Huajie: every module throws it, one handler turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageKey,
    readonly options: { fields?: FieldError[]; retryAt?: Date; params?: Record<string, string | number> } = {},
  ) {
    super(code);
  }
}

/** Out of reach and missing answer the same, so a record's existence does not leak. */
export const notFound = () => new AppError(404, "notFound");
export const forbidden = () => new AppError(403, "forbidden");
export const staleVersion = () => new AppError(409, "staleVersion");
export const invalidField = (field: string, message: MessageKey) =>
  new AppError(400, "validation", { fields: [{ field, message }] });
export const conflict = (code: MessageKey, params?: Record<string, string | number>) =>
  new AppError(409, code, params ? { params } : {});
