// Routes of an incident's attachments: upload (multipart), list, download and thumbnail.
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AttachmentList, AttachmentParams } from "@shared/attachments.ts";
import { IdParams } from "@shared/incidents/schemas.ts";
import { attachmentFileResponse, sendAttachment, sendThumbnail, thumbnailResponse, uploadForm } from "../../attachments/http.ts";
import { presentAttachment } from "../../attachments/present.ts";
import { receiveAttachments } from "../../attachments/upload.ts";
import { runAction } from "../../http/action.ts";
import * as attachments from "./attachment-service.ts";

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
        body: uploadForm(),
        response: { 201: AttachmentList },
      },
    },
    async (request, reply) => {
      await runAction(app.deps, request, attachments.checkMayAttach, request.params);
      const { files } = await receiveAttachments(request);
      const rows = await runAction(app.deps, request, attachments.addAttachments, { id: request.params.id, files });
      reply.code(201);
      return { items: rows.map(presentAttachment) };
    },
  );

  app.get("/api/incidents/:id/attachments", { schema: { tags, summary: "The incident's attachments, in the order added", params: IdParams, response: { 200: AttachmentList } } }, async (request) => ({
    items: (await runAction(app.deps, request, attachments.listIncidentAttachments, request.params)).map(presentAttachment),
  }));

  app.get(
    "/api/incidents/:id/attachments/:attachmentId",
    { schema: { tags, summary: "Download an attachment, byte for byte as stored (photos without their EXIF)", params: AttachmentParams, response: { 200: attachmentFileResponse } } },
    async (request, reply) => sendAttachment(reply, request.params.attachmentId, await runAction(app.deps, request, attachments.downloadAttachment, request.params)),
  );

  app.get(
    "/api/incidents/:id/attachments/:attachmentId/thumbnail",
    { schema: { tags, summary: `An image attachment's thumbnail (WebP); 404 for other files`, params: AttachmentParams, response: { 200: thumbnailResponse } } },
    async (request, reply) => sendThumbnail(reply, await runAction(app.deps, request, attachments.getAttachmentThumbnail, request.params)),
  );
}
