// The HTTP side of attachments every module serves alike: the upload form as documented,
// and a stored file or thumbnail sent back.
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { ATTACHMENT_FIELD, ATTACHMENT_MEDIA_TYPES, ATTACHMENT_TYPES, type AttachmentMediaType } from "@shared/attachments.ts";
import { contentDisposition, fileResponse } from "../http/download.ts";

/** Documents the form; the files themselves are read and checked by `receiveAttachments`, never by a schema. */
export const uploadForm = (fields: Record<string, object> = {}) =>
  z.any().meta({
    type: "object",
    properties: { [ATTACHMENT_FIELD]: { type: "array", items: { type: "string", format: "binary" } }, ...fields },
    required: [ATTACHMENT_FIELD],
  });

export const attachmentFileResponse = fileResponse(ATTACHMENT_MEDIA_TYPES, "The file");
export const thumbnailResponse = fileResponse(["image/webp"], "A WebP image");

/** The content is immutable and its reader already authorised: the browser may keep it, no shared cache may. */
const CACHE_PRIVATE_IMMUTABLE = "private, max-age=86400, immutable";

export function sendAttachment(reply: FastifyReply, attachmentId: string, file: { fileName: string; mediaType: string; content: Buffer }) {
  const fallback = `attachment-${attachmentId}.${ATTACHMENT_TYPES[file.mediaType as AttachmentMediaType].ext}`;
  return reply
    .type(file.mediaType)
    .header("content-disposition", contentDisposition("attachment", file.fileName, fallback))
    .header("cache-control", CACHE_PRIVATE_IMMUTABLE)
    .send(file.content);
}

export function sendThumbnail(reply: FastifyReply, thumbnail: Buffer) {
  return reply.type("image/webp").header("cache-control", CACHE_PRIVATE_IMMUTABLE).send(thumbnail);
}
