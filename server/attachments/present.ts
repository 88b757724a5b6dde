import type { Attachment, AttachmentMediaType } from "@shared/attachments.ts";

/** What every module's attachment list selects: everything but the bytes. */
export interface ListedAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: Date;
}

export function presentAttachment(row: ListedAttachment): Attachment {
  return {
    id: row.id,
    fileName: row.fileName,
    mediaType: row.mediaType as AttachmentMediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    hasThumbnail: row.hasThumbnail,
    uploadedBy: { id: row.uploadedBy, name: row.uploadedByName },
    uploadedAt: row.uploadedAt.toISOString(),
  };
}
