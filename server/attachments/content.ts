// What a received file becomes before it is stored: its type read from its bytes, a clean
// name, an image's metadata removed, and its thumbnail. Runs outside any transaction: the
// CPU work of decoding a photo holds no lock.
import { createHash } from "node:crypto";
import { extname } from "node:path";
import type { Metadata } from "sharp";
import { ATTACHMENT_FIELD, ATTACHMENT_TYPES, type AttachmentMediaType, FILE_NAME_MAX, THUMBNAIL_MAX_PX } from "@shared/attachments.ts";
import { AppError } from "../http/errors.ts";
import { stripImageMetadata } from "./image-metadata.ts";

export interface ReceivedFile {
  fileName: string;
  bytes: Buffer;
}

export interface PreparedAttachment {
  fileName: string;
  mediaType: AttachmentMediaType;
  content: Buffer;
  sha256: string;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
}

const fileError = (status: number, code: "attachment.typeNotAllowed" | "attachment.unreadable") =>
  new AppError(status, code, { fields: [{ field: ATTACHMENT_FIELD, message: code }] });

const isAllowed = (mime: string): mime is AttachmentMediaType => Object.hasOwn(ATTACHMENT_TYPES, mime);

/**
 * The name as the uploader's device gave it, without any folder part or control characters;
 * a long one is cut before its extension. A missing name is made from the type.
 */
export function cleanFileName(given: string, mediaType: AttachmentMediaType): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const base = (given.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (!base || base === "." || base === "..") return `attachment.${ATTACHMENT_TYPES[mediaType].ext}`;
  const chars = [...base];
  if (chars.length <= FILE_NAME_MAX) return base;
  const ext = [...extname(base)].slice(0, 16);
  return chars.slice(0, FILE_NAME_MAX - ext.length).join("") + ext.join("");
}

/** Orientations 5–8 turn the picture a quarter: its displayed width is the stored height. */
const displayedSize = (meta: Metadata) =>
  (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };

/**
 * Refuses a type not on the list (415: a renamed program, a zip that is no Office document)
 * and an image that does not decode (400); keeps everything else as uploaded, except an
 * image's metadata.
 */
export async function prepareAttachment(file: ReceivedFile): Promise<PreparedAttachment> {
  // Loaded by the first upload, not at start: sharp and its image library hold about 10 MiB that most nodes never use.
  const [{ fileTypeFromBuffer }, { default: sharp }] = await Promise.all([import("file-type"), import("sharp")]);
  const sniffed = await fileTypeFromBuffer(file.bytes);
  if (!sniffed || !isAllowed(sniffed.mime)) throw fileError(415, "attachment.typeNotAllowed");
  const mediaType = sniffed.mime;
  const fileName = cleanFileName(file.fileName, mediaType);
  if (!ATTACHMENT_TYPES[mediaType].image) {
    return { fileName, mediaType, content: file.bytes, sha256: sha256(file.bytes), thumbnail: null, width: null, height: null };
  }
  try {
    const meta = await sharp(file.bytes).metadata();
    const content = stripImageMetadata(mediaType, file.bytes, meta.orientation ?? 1);
    if (!content) throw fileError(400, "attachment.unreadable");
    // Rotated by the EXIF orientation; sharp writes no metadata unless told to.
    const thumbnail = await sharp(file.bytes, { failOn: "error" })
      .rotate()
      .resize({ width: THUMBNAIL_MAX_PX, height: THUMBNAIL_MAX_PX, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const { width, height } = displayedSize(meta);
    return { fileName, mediaType, content, sha256: sha256(content), thumbnail, width: width ?? null, height: height ?? null };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError(400, "attachment.unreadable");
  }
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
