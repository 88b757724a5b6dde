// Removes the metadata a photo carries (EXIF with GPS position and device, XMP, IPTC, text
// chunks) by dropping those parts of the file, without decoding and re-encoding the image:
// the pixels stored as evidence are exactly the ones uploaded. Huajie records where an incident
// happened, never where a person was (DESIGN §3), and a phone photo's GPS says the latter.

/** The image as stored, or null when its structure is broken (it is refused, not half-cleaned). */
export function stripImageMetadata(mediaType: string, bytes: Buffer, orientation: number): Buffer | null {
  try {
    if (mediaType === "image/jpeg") return stripJpeg(bytes, orientation);
    if (mediaType === "image/png") return stripPng(bytes);
    if (mediaType === "image/webp") return stripWebp(bytes);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  return null;
}

const JPEG_APP1 = 0xe1; // EXIF, XMP
const JPEG_APP2 = 0xe2; // ICC profile (kept: the colours), MPF (dropped with the images it indexes)
const JPEG_APP12 = 0xec; // Ducky, picture info
const JPEG_APP13 = 0xed; // Photoshop resources, IPTC
const JPEG_COM = 0xfe;
const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;

const startsWith = (segment: Buffer, text: string) => segment.subarray(4, 4 + text.length).toString("latin1") === text;

function droppedJpegSegment(marker: number, segment: Buffer): boolean {
  if (marker === JPEG_APP1 || marker === JPEG_APP12 || marker === JPEG_APP13 || marker === JPEG_COM) return true;
  return marker === JPEG_APP2 && startsWith(segment, "MPF\0");
}

/**
 * An EXIF block holding only the orientation, so a phone photo taken sideways still shows
 * upright: big-endian TIFF header, one IFD with tag 0x0112 (SHORT), no next IFD.
 */
function orientationExif(orientation: number): Buffer {
  const body = Buffer.alloc(32);
  body.write("Exif\0\0", 0, "latin1");
  body.write("MM\0*", 6, "latin1");
  body.writeUInt32BE(8, 10);
  body.writeUInt16BE(1, 14);
  body.writeUInt16BE(0x0112, 16);
  body.writeUInt16BE(3, 18);
  body.writeUInt32BE(1, 20);
  body.writeUInt16BE(orientation, 24);
  const header = Buffer.from([0xff, JPEG_APP1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/**
 * Walks the JPEG's segments, keeps those that make the picture, and ends at the first image's
 * end: what follows it (the extra pictures of a multi-picture file, vendor trailers) carries
 * EXIF of its own.
 */
function stripJpeg(bytes: Buffer, orientation: number): Buffer | null {
  if (bytes.readUInt16BE(0) !== 0xffd8) return null;
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  if (orientation > 1 && orientation <= 8) kept.push(orientationExif(orientation));
  let at = 2;
  for (;;) {
    if (bytes[at] !== 0xff) return null;
    while (bytes[at + 1] === 0xff) at += 1; // fill bytes before a marker
    const marker = bytes.readUInt8(at + 1);
    if (marker === JPEG_EOI) {
      kept.push(bytes.subarray(at, at + 2));
      return Buffer.concat(kept);
    }
    const length = bytes.readUInt16BE(at + 2);
    const segment = bytes.subarray(at, at + 2 + length);
    if (segment.length !== 2 + length) return null;
    if (!droppedJpegSegment(marker, segment)) kept.push(segment);
    at += 2 + length;
    if (marker === JPEG_SOS) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      const start = at;
      while (at + 1 < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0 && !(bytes[at + 1]! >= 0xd0 && bytes[at + 1]! <= 0xd7))) at += 1;
      if (at + 1 >= bytes.length) return null;
      kept.push(bytes.subarray(start, at));
    }
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that describe rather than draw: EXIF, text (where XMP also lives), the time of last change. */
const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

function stripPng(bytes: Buffer): Buffer | null {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  for (;;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString("latin1");
    const chunk = bytes.subarray(at, at + 12 + length);
    if (chunk.length !== 12 + length) return null;
    if (!PNG_DROPPED.has(type)) kept.push(chunk);
    at += 12 + length;
    if (type === "IEND") return Buffer.concat(kept);
  }
}

const WEBP_FLAG_EXIF = 0x08;
const WEBP_FLAG_XMP = 0x04;

function stripWebp(bytes: Buffer): Buffer | null {
  if (bytes.subarray(0, 4).toString("latin1") !== "RIFF" || bytes.subarray(8, 12).toString("latin1") !== "WEBP") return null;
  const end = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const kept: Buffer[] = [];
  let at = 12;
  while (at < end) {
    const type = bytes.subarray(at, at + 4).toString("latin1");
    const size = bytes.readUInt32LE(at + 4);
    const chunk = Buffer.from(bytes.subarray(at, at + 8 + size + (size % 2)));
    if (chunk.length < 8 + size) return null;
    if (type === "VP8X") chunk[8] = chunk[8]! & ~(WEBP_FLAG_EXIF | WEBP_FLAG_XMP);
    if (type !== "EXIF" && type !== "XMP ") kept.push(chunk);
    at += 8 + size + (size % 2);
  }
  const header = Buffer.from("RIFF\0\0\0\0WEBP", "latin1");
  const out = Buffer.concat([header, ...kept]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}
