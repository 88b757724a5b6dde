// LibreOffice and poppler for document tests: a generated .docx is opened by an independent
// office suite, converted to PDF, and the PDF is measured and read back.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const onPath = (command: string) => (process.env.PATH ?? "").split(path.delimiter).some((dir) => existsSync(path.join(dir, command)));

/** Why the LibreOffice tests cannot run here, or null when they can. The suite prints it. */
export function officeSkipReason(): string | null {
  if (!onPath("soffice")) return "LibreOffice tests skipped: no `soffice` found (install Debian's `libreoffice-writer`)";
  if (!onPath("pdfinfo") || !onPath("pdftotext")) return "LibreOffice tests skipped: no `pdfinfo`/`pdftotext` found (install Debian's `poppler-utils`)";
  return null;
}

export interface ConvertedPdf {
  /** pdfinfo's "Page size" in points, and the number of pages. */
  pageSize: { width: number; height: number };
  pages: number;
  /** The text of every page, pages separated by form feeds. */
  text: string;
}

/** Opens the document in LibreOffice, headless, with a profile of its own so tests may run side by side. */
export async function convertWithLibreOffice(document: Buffer, name = "document.docx"): Promise<ConvertedPdf> {
  const dir = await mkdtemp(path.join(tmpdir(), "huajie-office-"));
  try {
    const input = path.join(dir, name);
    await writeFile(input, document);
    await run("soffice", [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, input], { timeout: 120_000 });
    const pdf = input.replace(/\.docx$/, ".pdf");
    const info = (await run("pdfinfo", [pdf])).stdout;
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const pages = /Pages:\s+(\d+)/.exec(info);
    if (!size || !pages) throw new Error(`pdfinfo gave no page size: ${info}`);
    const text = (await run("pdftotext", ["-enc", "UTF-8", pdf, "-"], { maxBuffer: 16 * 1024 * 1024 })).stdout;
    return { pageSize: { width: Number(size[1]), height: Number(size[2]) }, pages: Number(pages[1]), text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
