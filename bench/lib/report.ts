// What every benchmark hands back: rows of figures beside the baseline measured in the same
// run, printed as a table and written as JSON for comparison between runs.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";

export interface Row {
  /** What was measured, e.g. "create incident (req/s)". */
  measure: string;
  value: number;
  baseline: number | null;
  /** value / baseline, or baseline / value when lower is better: above 1 means better than the baseline. */
  ratio: number | null;
  target: string | null;
  met: boolean | null;
  unit: string;
}

export interface BenchResult {
  name: string;
  db: string;
  baseline: string;
  rows: Row[];
  notes: string[];
}

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** A row where more is better (throughput): ratio is value over baseline. */
export function higherBetter(measure: string, unit: string, value: number, baseline: number | null, target?: { ratio?: number; atLeast?: number }): Row {
  const ratio = baseline ? value / baseline : null;
  let met: boolean | null = null;
  let text: string | null = null;
  if (target?.ratio !== undefined && ratio !== null) {
    met = ratio >= target.ratio;
    text = `≥ ${target.ratio * 100} % of baseline`;
  }
  if (target?.atLeast !== undefined) {
    met = value >= target.atLeast;
    text = `≥ ${target.atLeast} ${unit}`;
  }
  return { measure, value, baseline, ratio, target: text, met, unit };
}

/** A row where less is better (latency, memory): the ratio says how many times the baseline it costs. */
export function lowerBetter(measure: string, unit: string, value: number, baseline: number | null, atMost?: number): Row {
  return {
    measure,
    value,
    baseline,
    ratio: baseline ? value / baseline : null,
    target: atMost === undefined ? null : `≤ ${atMost} ${unit}`,
    met: atMost === undefined ? null : value <= atMost,
    unit,
  };
}

const fmt = (n: number | null) => (n === null || Number.isNaN(n) ? "–" : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

export function printResult(result: BenchResult) {
  console.log(`\n## ${result.name} on ${result.db}  (baseline: ${result.baseline})`);
  console.table(
    result.rows.map((row) => ({
      measure: row.measure,
      value: `${fmt(row.value)} ${row.unit}`,
      baseline: row.baseline === null ? "–" : `${fmt(row.baseline)} ${row.unit}`,
      ratio: row.ratio === null ? "–" : `${fmt(row.ratio)}×`,
      target: row.target ?? "–",
      met: row.met === null ? "–" : row.met ? "yes" : "NO",
    })),
  );
  for (const note of result.notes) console.log(`  note: ${note}`);
}

export async function writeResult(dir: URL, result: BenchResult) {
  await mkdir(dir, { recursive: true });
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryMiB: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` };
  const file = new URL(`${result.name}-${result.db}.json`, dir);
  await writeFile(file, `${JSON.stringify({ ...result, at: new Date().toISOString(), machine }, null, 2)}\n`);
  return file;
}
