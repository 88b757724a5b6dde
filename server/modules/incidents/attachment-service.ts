// Attachments of an incident: evidence added by those who may add a note, read by those who
// may read the incident. Nothing here changes or removes a file once stored.
import { ATTACHMENT_FIELD } from "@shared/attachments.ts";
import { ATTACHMENTS_PER_INCIDENT_MAX } from "@shared/incidents/attachment-schemas.ts";
import type { PreparedAttachment } from "../../attachments/content.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { publishEvent } from "../../realtime/publish.ts";
import * as q from "./attachment-queries.ts";
import { loadIncident } from "./service.ts";
import { appendToTimeline } from "./timeline.ts";

/**
 * Answers 404 or 403 before the upload's bytes are read: the files stream in only for someone
 * who may attach them. `addAttachments` checks again in its own transaction.
 */
export async function checkMayAttach({ actor, input, tx }: Action<{ id: string }>) {
  await loadIncident(tx, actor, input.id, "attach");
}

/**
 * Stores the files together, each with its timeline entry, or none of them. A closed incident
 * still takes files: evidence that arrives after the closing (a photo of the repaired site, a
 * report from another office) belongs to the record, as notes do.
 */
export async function addAttachments({ actor, input, tx, clock }: Action<{ id: string; files: PreparedAttachment[] }>) {
  const found = await loadIncident(tx, actor, input.id, "attach");
  const { incident } = found;
  const existing = await q.countAttachmentsLocked(tx, incident.id);
  if (existing + input.files.length > ATTACHMENTS_PER_INCIDENT_MAX) {
    throw new AppError(409, "attachment.incidentFull", {
      fields: [{ field: ATTACHMENT_FIELD, message: "attachment.incidentFull" }],
      params: { perIncident: ATTACHMENTS_PER_INCIDENT_MAX, existing },
    });
  }
  const now = clock.now();
  const rows = await q.insertAttachments(
    tx,
    input.files.map((file) => ({
      ...file,
      incidentId: incident.id,
      sizeBytes: file.content.length,
      uploadedBy: actor.accountId,
      uploadedByName: actor.displayName,
      uploadedAt: now,
    })),
  );
  await appendToTimeline(
    tx,
    incident.id,
    actor,
    now,
    rows.map((row) => ({ kind: "attachment_added", attachmentId: row.id, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes })),
  );
  await publishEvent(tx, { type: "incident.updated", orgId: incident.orgId, incidentId: incident.id, ownerId: incident.reportedBy, at: now });
  await writeAudit(tx, { actor, clock }, {
    action: "incident.attach",
    orgId: found.org.id,
    recordType: "incident",
    recordId: incident.id,
    detail: { attachments: rows.map((row) => ({ id: row.id, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sha256: row.sha256 })) },
  });
  return rows;
}

export async function listIncidentAttachments({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadIncident(tx, actor, input.id, "read");
  return q.listAttachments(tx, found.incident.id);
}

/** A file leaving the server is a read of the full record: audited, as reading the incident is, unless by its filer. */
export async function downloadAttachment({ actor, input, tx, clock }: Action<{ id: string; attachmentId: string }>) {
  const found = await loadIncident(tx, actor, input.id, "read");
  const file = await q.findAttachmentContent(tx, found.incident.id, input.attachmentId);
  if (!file) throw notFound();
  if (found.incident.reportedBy !== actor.accountId) {
    await writeAudit(tx, { actor, clock }, {
      action: "incident.attachment.download",
      orgId: found.org.id,
      recordType: "incident",
      recordId: found.incident.id,
      detail: { attachmentId: input.attachmentId },
    });
  }
  return file;
}

export async function getAttachmentThumbnail({ actor, input, tx }: Action<{ id: string; attachmentId: string }>) {
  const found = await loadIncident(tx, actor, input.id, "read");
  const thumbnail = await q.findThumbnail(tx, found.incident.id, input.attachmentId);
  if (!thumbnail) throw notFound();
  return thumbnail;
}
