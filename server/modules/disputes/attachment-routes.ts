// Routes of a dispute's files: upload (multipart, optionally for one session), list, download and thumbnail.
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AttachmentParams } from "@shared/attachments.ts";
import { DisputeAttachmentList, type DisputeAttachment, SESSION_FIELD } from "@shared/disputes/attachment-schemas.ts";
import { IdParams } from "@shared/disputes/schemas.ts";
import { attachmentFileResponse, sendAttachment, sendThumbnail, thumbnailResponse, uploadForm } from "../../attachments/http.ts";
import { presentAttachment } from "../../attachments/present.ts";
import { receiveAttachments } from "../../attachments/upload.ts";
import { runAction } from "../../http/action.ts";
import type { ListedDisputeAttachment } from "./attachment-queries.ts";
import * as attachments from "./attachment-service.ts";

const present = (row: ListedDisputeAttachment): DisputeAttachment => ({ ...presentAttachment(row), sessionId: row.sessionId });

export async function disputeAttachmentRoutes(fastify: FastifyInstance) {
  // Only these routes take multipart bodies; every other route still refuses them (415).
  await fastify.register(fastifyMultipart);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["disputes"];

  app.post(
    "/api/disputes/:id/attachments",
    {
      schema: {
        tags,
        summary: "Attach files (multipart/form-data, field `file`, one or more, and `sessionId` for the session they were made at): photos, PDF, Word, Excel; the type is read from the bytes",
        params: IdParams,
        consumes: ["multipart/form-data"],
        body: uploadForm({ [SESSION_FIELD]: { type: "string", format: "uuid" } }),
        response: { 201: DisputeAttachmentList },
      },
    },
    async (request, reply) => {
      await runAction(app.deps, request, attachments.checkMayAttach, request.params);
      const { files, fields } = await receiveAttachments(request, [SESSION_FIELD]);
      const rows = await runAction(app.deps, request, attachments.addAttachments, { id: request.params.id, files, sessionId: fields[SESSION_FIELD] });
      reply.code(201);
      return { items: rows.map(present) };
    },
  );

  app.get("/api/disputes/:id/attachments", { schema: { tags, summary: "The dispute's files, in the order added, each with its session if any", params: IdParams, response: { 200: DisputeAttachmentList } } }, async (request) => ({
    items: (await runAction(app.deps, request, attachments.listDisputeAttachments, request.params)).map(present),
  }));

  app.get(
    "/api/disputes/:id/attachments/:attachmentId",
    { schema: { tags, summary: "Download a file, byte for byte as stored (photos without their EXIF); audited unless by the filer", params: AttachmentParams, response: { 200: attachmentFileResponse } } },
    async (request, reply) => sendAttachment(reply, request.params.attachmentId, await runAction(app.deps, request, attachments.downloadAttachment, request.params)),
  );

  app.get(
    "/api/disputes/:id/attachments/:attachmentId/thumbnail",
    { schema: { tags, summary: "An image file's thumbnail (WebP); 404 for other files", params: AttachmentParams, response: { 200: thumbnailResponse } } },
    async (request, reply) => sendThumbnail(reply, await runAction(app.deps, request, attachments.getAttachmentThumbnail, request.params)),
  );
}
