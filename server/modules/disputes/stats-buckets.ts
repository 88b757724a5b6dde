// The months or weeks of the statistics over time, laid out without gaps so that a chart shows
// a quiet month as zero rather than skipping it.
import { addDays, chinaDate, mondayOf } from "@shared/duty/china-time.ts";
import type { StatsBucket } from "@shared/disputes/stats-schemas.ts";

/** The first date of the bucket an instant falls in, China time, as the SQL of stats-queries.ts writes it. */
export function bucketOf(instant: Date, bucket: StatsBucket): string {
  return bucketOfDate(chinaDate(instant), bucket);
}

/** The first date of the bucket a date falls in. */
export function bucketOfDate(date: string, bucket: StatsBucket): string {
  return bucket === "month" ? `${date.slice(0, 7)}-01` : mondayOf(date);
}

export function nextBucket(start: string, bucket: StatsBucket): string {
  if (bucket === "week") return addDays(start, 7);
  const [year, month] = start.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** Every bucket from `first` to `last`, both included (their first dates, in order). */
export function bucketsBetween(first: string, last: string, bucket: StatsBucket): string[] {
  const starts: string[] = [];
  for (let start = first; start <= last; start = nextBucket(start, bucket)) starts.push(start);
  return starts;
}
