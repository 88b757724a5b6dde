import type { AttachmentMediaType, IncidentAttachment } from "@shared/incidents/attachment-schemas.ts";
import type { ListedAttachment } from "./attachment-queries.ts";

export function presentAttachment(row: ListedAttachment): IncidentAttachment {
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
