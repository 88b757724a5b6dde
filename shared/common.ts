import { z } from "zod";
import { PAGE_SIZE_MAX } from "./limits.ts";

export const Id = z.uuid();
export const IdParams = z.object({ id: Id });
export const Version = z.number().int().positive();

/** A time someone states (occurred, arrived) may run this far ahead of the server's clock: a phone's clock is rarely exact. */
export const CLOCK_SKEW_MINUTES = 5;
/** Whether a stated time lies in the future beyond that error: an event that has not happened yet. */
export const isFutureBeyondSkew = (stated: Date, now: Date) => stated.getTime() > now.getTime() + CLOCK_SKEW_MINUTES * 60_000;

/** Trimmed, non-empty, bounded text: the shape of every name and title field. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .optional();

export const Page = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/** Phone numbers as written in China: mobile (11 digits) or landline with area code. */
export const Phone = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, { message: "phone.invalid" });

/** An entry of a case's timeline: when, who (null for what the system did, a deadline passing), and the module's typed detail. */
export const timelineEntry = <Detail extends z.ZodType>(detail: Detail) =>
  z.object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.uuid().nullable(), name: z.string() }).nullable(),
    detail,
  });
