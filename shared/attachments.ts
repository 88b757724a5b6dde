// Files attached to a case (an incident's evidence, a mediation session's signed sheets): the
// limits, the types taken and the shape listed, the same for every module that holds them.
import { z } from "zod";

/** One file's largest size: a phone photo or a scanned document, with room to spare. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Files taken in one upload: the server holds them in memory until they commit together. */
export const ATTACHMENTS_PER_UPLOAD_MAX = 10;
/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX_PX = 320;
/** Longer names are cut, keeping their extension. */
export const FILE_NAME_MAX = 200;
/** The multipart field every file is sent in. */
export const ATTACHMENT_FIELD = "file";

/**
 * The types taken, as read from the file's own bytes (never the name or the browser's claim).
 * HEIC is left out: the image library's bundled decoder cannot read it, so it would get no
 * thumbnail, and phones' browsers already hand a picked HEIC photo over as JPEG. Plain text is
 * left out too: it has no signature, so any bytes (a script, a page) would pass as text.
 */
export const ATTACHMENT_TYPES = {
  "image/jpeg": { ext: "jpg", image: true },
  "image/png": { ext: "png", image: true },
  "image/webp": { ext: "webp", image: true },
  "application/pdf": { ext: "pdf", image: false },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { ext: "docx", image: false },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { ext: "xlsx", image: false },
} as const;
export type AttachmentMediaType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_MEDIA_TYPES = Object.keys(ATTACHMENT_TYPES) as [AttachmentMediaType, ...AttachmentMediaType[]];
/** For a file picker's `accept`: what the server will take. */
export const ATTACHMENT_ACCEPT = [...ATTACHMENT_MEDIA_TYPES, ...Object.values(ATTACHMENT_TYPES).map((t) => `.${t.ext}`), ".jpeg"].join(",");

export const Attachment = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
  sizeBytes: z.number().int(),
  /** Of the bytes stored and served, so a downloaded copy can be checked against the record. */
  sha256: z.string(),
  /** Images only; photos are stored without their EXIF (GPS, device), so these are as displayed. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  hasThumbnail: z.boolean(),
  uploadedBy: z.object({ id: z.uuid(), name: z.string() }),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentList = z.object({ items: z.array(Attachment) });

export const AttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

/** Whole mebibytes, for limits shown to people. */
export const mebibytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
