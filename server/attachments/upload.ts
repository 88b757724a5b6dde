// Reads the files of a multipart upload and prepares them. The size limit stops each file
// while it streams in, so an oversize file costs at most the limit in memory, never its whole size.
import type { FastifyRequest } from "fastify";
import { ATTACHMENT_FIELD, ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_UPLOAD_MAX, mebibytes } from "@shared/attachments.ts";
import { AppError } from "../http/errors.ts";
import type { MessageKey } from "../http/messages.ts";
import { type PreparedAttachment, type ReceivedFile, prepareAttachment } from "./content.ts";

const fileError = (status: number, code: MessageKey, params?: Record<string, number>) =>
  new AppError(status, code, { fields: [{ field: ATTACHMENT_FIELD, message: code }], ...(params ? { params } : {}) });

const isMultipartError = (error: unknown): error is { code: string; statusCode?: number } =>
  typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string" && (error as { code: string }).code.startsWith("FST_");

interface ReceivedUpload {
  files: ReceivedFile[];
  /** The form's other fields, only those the route named. */
  fields: Record<string, string>;
}

/** The files sent in the `file` field, in the order sent, and the fields named; anything else in the form is refused. */
async function receiveFiles(request: FastifyRequest, fieldNames: readonly string[] = []): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw fileError(415, "attachment.multipartRequired");
  const files: ReceivedFile[] = [];
  const fields: Record<string, string> = {};
  const parts = request.parts({
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: ATTACHMENTS_PER_UPLOAD_MAX + 1, fields: 10, fieldSize: 1024, parts: ATTACHMENTS_PER_UPLOAD_MAX + 10 },
  });
  try {
    for await (const part of parts) {
      if (part.type === "field" && fieldNames.includes(part.fieldname)) {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.type !== "file" || part.fieldname !== ATTACHMENT_FIELD) {
        throw new AppError(400, "validation", { fields: [{ field: part.fieldname, message: "field.unknown" }] });
      }
      if (files.length === ATTACHMENTS_PER_UPLOAD_MAX) throw fileError(400, "attachment.tooManyInUpload", { perUpload: ATTACHMENTS_PER_UPLOAD_MAX });
      const bytes = await part.toBuffer();
      if (bytes.length === 0) throw fileError(400, "attachment.empty");
      files.push({ fileName: part.filename, bytes });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isMultipartError(error) && error.code === "FST_REQ_FILE_TOO_LARGE") throw fileError(413, "attachment.tooLarge", { maxMb: mebibytes(ATTACHMENT_MAX_BYTES) });
    if (isMultipartError(error) && error.statusCode === 413) throw fileError(413, "payloadTooLarge");
    // Anything else here is a form cut short or malformed by the client.
    throw fileError(400, "attachment.malformed");
  }
  if (files.length === 0) throw fileError(400, "attachment.noFile");
  return { files, fields };
}

/** The upload's files as they will be stored, and its named fields. */
export async function receiveAttachments(request: FastifyRequest, fieldNames: readonly string[] = []): Promise<{ files: PreparedAttachment[]; fields: Record<string, string> }> {
  const received = await receiveFiles(request, fieldNames);
  const files = [];
  // One at a time: decoding several large photos at once would multiply the memory held.
  for (const file of received.files) files.push(await prepareAttachment(file));
  return { files, fields: received.fields };
}
