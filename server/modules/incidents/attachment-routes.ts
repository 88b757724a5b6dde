// Routes of an incident's attachments: upload (multipart), list, download and thumbnail.
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ATTACHMENT_FIELD, ATTACHMENT_MEDIA_TYPES, ATTACHMENT_TYPES, AttachmentParams, type AttachmentMediaType, IncidentAttachmentList } from "@shared/incidents/attachment-schemas.ts";
import { IdParams } from "@shared/incidents/schemas.ts";
import { runAction } from "../../http/action.ts";
import { contentDisposition, fileResponse } from "../../http/download.ts";
import { prepareAttachment } from "./attachment-content.ts";
import { presentAttachment } from "./attachment-present.ts";
import * as attachments from "./attachment-service.ts";
import { receiveFiles } from "./attachment-upload.ts";

/** Documents the form; the files themselves are read and checked by `receiveFiles`, never by a schema. */
const UploadForm = z.any().meta({
  type: "object",
  properties: { [ATTACHMENT_FIELD]: { type: "array", items: { type: "string", format: "binary" } } },
  required: [ATTACHMENT_FIELD],
});

/** The content is immutable and its reader already authorised: the browser may keep it, no shared cache may. */
const CACHE_PRIVATE_IMMUTABLE = "private, max-age=86400, immutable";

export async function incidentAttachmentRoutes(fastify: FastifyInstance) {
  // Only these routes take multipart bodies; every other route still refuses them (415).
  await fastify.register(fastifyMultipart);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["incidents"];

  app.post(
    "/api/incidents/:id/attachments",
    {
      schema: {
        tags,
        summary: "Attach files (multipart/form-data, field `file`, one or more): photos, PDF, Word, Excel; the type is read from the bytes",
        params: IdParams,
        consumes: ["multipart/form-data"],
        body: UploadForm,
        response: { 201: IncidentAttachmentList },
      },
    },
    async (request, reply) => {
      await runAction(app.deps, request, attachments.checkMayAttach, request.params);
      const received = await receiveFiles(request);
      const prepared = [];
      // One at a time: decoding several large photos at once would multiply the memory held.
      for (const file of received) prepared.push(await prepareAttachment(file));
      const rows = await runAction(app.deps, request, attachments.addAttachments, { id: request.params.id, files: prepared });
      reply.code(201);
      return { items: rows.map(presentAttachment) };
    },
  );

  app.get("/api/incidents/:id/attachments", { schema: { tags, summary: "The incident's attachments, in the order added", params: IdParams, response: { 200: IncidentAttachmentList } } }, async (request) => ({
    items: (await runAction(app.deps, request, attachments.listIncidentAttachments, request.params)).map(presentAttachment),
  }));

  app.get(
    "/api/incidents/:id/attachments/:attachmentId",
    { schema: { tags, summary: "Download an attachment, byte for byte as stored (photos without their EXIF)", params: AttachmentParams, response: { 200: fileResponse(ATTACHMENT_MEDIA_TYPES, "The file") } } },
    async (request, reply) => {
      const file = await runAction(app.deps, request, attachments.downloadAttachment, request.params);
      const fallback = `attachment-${request.params.attachmentId}.${ATTACHMENT_TYPES[file.mediaType as AttachmentMediaType].ext}`;
      return reply
        .type(file.mediaType)
        .header("content-disposition", contentDisposition("attachment", file.fileName, fallback))
        .header("cache-control", CACHE_PRIVATE_IMMUTABLE)
        .send(file.content);
    },
  );

  app.get(
    "/api/incidents/:id/attachments/:attachmentId/thumbnail",
    { schema: { tags, summary: `An image attachment's thumbnail (WebP); 404 for other files`, params: AttachmentParams, response: { 200: fileResponse(["image/webp"], "A WebP image") } } },
    async (request, reply) => {
      const thumbnail = await runAction(app.deps, request, attachments.getAttachmentThumbnail, request.params);
      return reply.type("image/webp").header("cache-control", CACHE_PRIVATE_IMMUTABLE).send(thumbnail);
    },
  );
}
