import { z } from "zod";

/** RFC 9457 problem details, as every error of the API is sent. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  /** `line`: the spreadsheet row, when a file of many records was sent. */
  errors: z.array(z.object({ line: z.number().int().optional(), field: z.string(), message: z.string() })).optional(),
  retryAt: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
