// Files of a dispute's mediation: added by its handlers, read by whoever may read the dispute.
// Nothing here changes or removes a file once stored.
import { z } from "zod";
import { ATTACHMENT_FIELD } from "@shared/attachments.ts";
import { ATTACHMENTS_PER_DISPUTE_MAX, SESSION_FIELD } from "@shared/disputes/attachment-schemas.ts";
import type { PreparedAttachment } from "../../attachments/content.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, invalidField, notFound } from "../../http/errors.ts";
import * as q from "./attachment-queries.ts";
import { appendToTimeline, loadDispute } from "./service.ts";
import { announce } from "./transitions.ts";

/**
 * Answers 404 or 403 before the upload's bytes are read: the files stream in only for someone
 * who may attach them. `addAttachments` checks again in its own transaction.
 */
export async function checkMayAttach({ actor, input, tx }: Action<{ id: string }>) {
  await loadDispute(tx, actor, input.id, "attach");
}

/** The form's `sessionId`, as sent in a text field: absent or empty is none. */
function sessionIdOf(given: string | undefined): string | null {
  if (given === undefined || given === "") return null;
  const parsed = z.uuid().safeParse(given);
  if (!parsed.success) throw invalidField(SESSION_FIELD, "field.format");
  return parsed.data;
}

/**
 * Stores the files together, each with its timeline entry, or none of them. Any status takes
 * files: a statement comes with the registration, the signed agreement after the outcome is
 * recorded, and a refused or concluded case still keeps what belongs to its record.
 */
export async function addAttachments({ actor, input, tx, clock }: Action<{ id: string; files: PreparedAttachment[]; sessionId: string | undefined }>) {
  const found = await loadDispute(tx, actor, input.id, "attach");
  const { dispute } = found;
  const sessionId = sessionIdOf(input.sessionId);
  if (sessionId && !(await q.isSessionOf(tx, dispute.id, sessionId))) throw invalidField(SESSION_FIELD, "attachment.sessionNotOfDispute");
  const existing = await q.countAttachmentsLocked(tx, dispute.id);
  if (existing + input.files.length > ATTACHMENTS_PER_DISPUTE_MAX) {
    throw new AppError(409, "attachment.disputeFull", {
      fields: [{ field: ATTACHMENT_FIELD, message: "attachment.disputeFull" }],
      params: { perDispute: ATTACHMENTS_PER_DISPUTE_MAX, existing },
    });
  }
  const now = clock.now();
  const rows = await q.insertAttachments(
    tx,
    input.files.map((file) => ({
      ...file,
      disputeId: dispute.id,
      sessionId,
      sizeBytes: file.content.length,
      uploadedBy: actor.accountId,
      uploadedByName: actor.displayName,
      uploadedAt: now,
    })),
  );
  await appendToTimeline(
    tx,
    dispute.id,
    actor,
    now,
    rows.map((row) => ({ kind: "attachment_added", attachmentId: row.id, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sessionId })),
  );
  await announce(tx, dispute, now);
  await writeAudit(tx, { actor, clock }, {
    action: "dispute.attach",
    orgId: found.org.id,
    recordType: "dispute",
    recordId: dispute.id,
    detail: { sessionId, attachments: rows.map((row) => ({ id: row.id, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sha256: row.sha256 })) },
  });
  return rows;
}

export async function listDisputeAttachments({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  return q.listAttachments(tx, found.dispute.id);
}

/** A file leaving the server is a read of the full record: audited unless by the dispute's filer, as incidents' are. */
export async function downloadAttachment({ actor, input, tx, clock }: Action<{ id: string; attachmentId: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  const file = await q.findAttachmentContent(tx, found.dispute.id, input.attachmentId);
  if (!file) throw notFound();
  if (found.dispute.registeredBy !== actor.accountId) {
    await writeAudit(tx, { actor, clock }, {
      action: "dispute.attachment.download",
      orgId: found.org.id,
      recordType: "dispute",
      recordId: found.dispute.id,
      detail: { attachmentId: input.attachmentId },
    });
  }
  return file;
}

export async function getAttachmentThumbnail({ actor, input, tx }: Action<{ id: string; attachmentId: string }>) {
  const found = await loadDispute(tx, actor, input.id, "read");
  const thumbnail = await q.findThumbnail(tx, found.dispute.id, input.attachmentId);
  if (!thumbnail) throw notFound();
  return thumbnail;
}
