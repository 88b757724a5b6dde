import { z } from "zod";
import { PAGE_SIZE_MAX } from "./limits.ts";

export const Id = z.uuid();
export const IdParams = z.object({ id: Id });
export const Version = z.number().int().positive();

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
