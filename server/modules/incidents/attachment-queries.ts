import { and, asc, count, eq, sql } from "drizzle-orm";
import type { ListedAttachment } from "../../attachments/present.ts";
import type { Db } from "../../db/client.ts";
import { incidentAttachments } from "../../db/schema.ts";

/** Everything but the bytes: what a list shows. */
const listed = {
  id: incidentAttachments.id,
  fileName: incidentAttachments.fileName,
  mediaType: incidentAttachments.mediaType,
  sizeBytes: incidentAttachments.sizeBytes,
  sha256: incidentAttachments.sha256,
  width: incidentAttachments.width,
  height: incidentAttachments.height,
  hasThumbnail: sql<boolean>`${incidentAttachments.thumbnail} IS NOT NULL`,
  uploadedBy: incidentAttachments.uploadedBy,
  uploadedByName: incidentAttachments.uploadedByName,
  uploadedAt: incidentAttachments.uploadedAt,
};

const ATTACHMENT_LOCK_KEY = 727_009;

/**
 * How many files the incident holds, counted under a lock on the incident's attachments so
 * that two uploads at once cannot both fit under the limit and together exceed it.
 */
export async function countAttachmentsLocked(db: Db, incidentId: string): Promise<number> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${ATTACHMENT_LOCK_KEY}, hashtext(${incidentId}))`);
  const [row] = await db.select({ n: count() }).from(incidentAttachments).where(eq(incidentAttachments.incidentId, incidentId));
  return row?.n ?? 0;
}

export async function insertAttachments(db: Db, values: (typeof incidentAttachments.$inferInsert)[]): Promise<ListedAttachment[]> {
  return db.insert(incidentAttachments).values(values).returning(listed);
}

export async function listAttachments(db: Db, incidentId: string): Promise<ListedAttachment[]> {
  return db.select(listed).from(incidentAttachments).where(eq(incidentAttachments.incidentId, incidentId)).orderBy(asc(incidentAttachments.seq));
}

export async function findAttachmentContent(db: Db, incidentId: string, id: string) {
  const [row] = await db
    .select({ fileName: incidentAttachments.fileName, mediaType: incidentAttachments.mediaType, content: incidentAttachments.content })
    .from(incidentAttachments)
    .where(and(eq(incidentAttachments.incidentId, incidentId), eq(incidentAttachments.id, id)));
  return row;
}

export async function findThumbnail(db: Db, incidentId: string, id: string) {
  const [row] = await db
    .select({ thumbnail: incidentAttachments.thumbnail })
    .from(incidentAttachments)
    .where(and(eq(incidentAttachments.incidentId, incidentId), eq(incidentAttachments.id, id)));
  return row?.thumbnail ?? null;
}
