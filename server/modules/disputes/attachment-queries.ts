// The SQL of a dispute's files.
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { ListedAttachment } from "../../attachments/present.ts";
import type { Db } from "../../db/client.ts";
import { disputeAttachments, disputeSessions } from "../../db/schema.ts";

export type ListedDisputeAttachment = ListedAttachment & { sessionId: string | null };

/** Everything but the bytes: what a list shows. */
const listed = {
  id: disputeAttachments.id,
  sessionId: disputeAttachments.sessionId,
  fileName: disputeAttachments.fileName,
  mediaType: disputeAttachments.mediaType,
  sizeBytes: disputeAttachments.sizeBytes,
  sha256: disputeAttachments.sha256,
  width: disputeAttachments.width,
  height: disputeAttachments.height,
  hasThumbnail: sql<boolean>`${disputeAttachments.thumbnail} IS NOT NULL`,
  uploadedBy: disputeAttachments.uploadedBy,
  uploadedByName: disputeAttachments.uploadedByName,
  uploadedAt: disputeAttachments.uploadedAt,
};

/** Not the incidents' key: a dispute and an incident with the same id hash never wait on each other. */
const ATTACHMENT_LOCK_KEY = 727_015;

/**
 * How many files the dispute holds, counted under a lock on the dispute's attachments so that
 * two uploads at once cannot both fit under the limit and together exceed it.
 */
export async function countAttachmentsLocked(db: Db, disputeId: string): Promise<number> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${ATTACHMENT_LOCK_KEY}, hashtext(${disputeId}))`);
  const [row] = await db.select({ n: count() }).from(disputeAttachments).where(eq(disputeAttachments.disputeId, disputeId));
  return row?.n ?? 0;
}

export async function isSessionOf(db: Db, disputeId: string, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: disputeSessions.id })
    .from(disputeSessions)
    .where(and(eq(disputeSessions.disputeId, disputeId), eq(disputeSessions.id, sessionId)));
  return row !== undefined;
}

export async function insertAttachments(db: Db, values: (typeof disputeAttachments.$inferInsert)[]): Promise<ListedDisputeAttachment[]> {
  return db.insert(disputeAttachments).values(values).returning(listed);
}

export async function listAttachments(db: Db, disputeId: string): Promise<ListedDisputeAttachment[]> {
  return db.select(listed).from(disputeAttachments).where(eq(disputeAttachments.disputeId, disputeId)).orderBy(asc(disputeAttachments.seq));
}

export async function findAttachmentContent(db: Db, disputeId: string, id: string) {
  const [row] = await db
    .select({ fileName: disputeAttachments.fileName, mediaType: disputeAttachments.mediaType, content: disputeAttachments.content })
    .from(disputeAttachments)
    .where(and(eq(disputeAttachments.disputeId, disputeId), eq(disputeAttachments.id, id)));
  return row;
}

export async function findThumbnail(db: Db, disputeId: string, id: string) {
  const [row] = await db
    .select({ thumbnail: disputeAttachments.thumbnail })
    .from(disputeAttachments)
    .where(and(eq(disputeAttachments.disputeId, disputeId), eq(disputeAttachments.id, id)));
  return row?.thumbnail ?? null;
}
