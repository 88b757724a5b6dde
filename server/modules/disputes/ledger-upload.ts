// Reads the import's form: one workbook in `file`, and the `orgId` and `mode` fields. The
// size limit stops the file while it streams in, so an oversize upload costs at most the
// limit in memory.
import type { FastifyRequest } from "fastify";
import { LEDGER_FILE_FIELD, LEDGER_IMPORT_MAX_BYTES } from "@shared/disputes/ledger-schemas.ts";
import { AppError } from "../../http/errors.ts";
import type { MessageKey } from "../../http/messages.ts";

const FORM_FIELDS = ["orgId", "mode"];

const fileError = (status: number, code: MessageKey, params?: Record<string, number>) =>
  new AppError(status, code, { fields: [{ field: LEDGER_FILE_FIELD, message: code }], ...(params ? { params } : {}) });

const multipartCode = (error: unknown) => (typeof error === "object" && error !== null ? (error as { code?: unknown; statusCode?: unknown }) : {});

export async function receiveLedgerUpload(request: FastifyRequest): Promise<{ file: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw fileError(415, "ledger.multipartRequired");
  let file: Buffer | null = null;
  const fields: Record<string, string> = {};
  const parts = request.parts({ limits: { fileSize: LEDGER_IMPORT_MAX_BYTES, files: 2, fields: FORM_FIELDS.length, fieldSize: 100, parts: FORM_FIELDS.length + 2 } });
  try {
    for await (const part of parts) {
      if (part.type === "file" && part.fieldname === LEDGER_FILE_FIELD) {
        if (file) throw fileError(400, "ledger.oneFile");
        file = await part.toBuffer();
      } else if (part.type === "field" && FORM_FIELDS.includes(part.fieldname)) {
        fields[part.fieldname] = String(part.value);
      } else {
        throw new AppError(400, "validation", { fields: [{ field: part.fieldname, message: "field.unknown" }] });
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const { code, statusCode } = multipartCode(error);
    if (code === "FST_REQ_FILE_TOO_LARGE") throw fileError(413, "ledger.tooLarge", { maxMb: LEDGER_IMPORT_MAX_BYTES / 1024 / 1024 });
    if (statusCode === 413) throw fileError(413, "payloadTooLarge");
    // Anything else here is a form cut short or malformed by the client.
    throw fileError(400, "ledger.formMalformed");
  }
  if (!file || file.length === 0) throw fileError(400, "ledger.fileRequired");
  return { file, fields };
}
