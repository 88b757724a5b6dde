// Real files of every allowed type, made at run time (no binary fixtures), a multipart body
// as a browser sends it, and an incident's or a dispute's attachment stored through the service.
import { randomBytes } from "node:crypto";
import { Document, Packer, Paragraph } from "docx";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { ATTACHMENT_FIELD } from "@shared/attachments.ts";
import { systemClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { accounts } from "../db/schema.ts";
import { prepareAttachment } from "../attachments/content.ts";
import { addAttachments as addDisputeAttachments } from "../modules/disputes/attachment-service.ts";
import { findDispute } from "../modules/disputes/queries.ts";
import { addAttachments } from "../modules/incidents/attachment-service.ts";
import { findIncident } from "../modules/incidents/queries.ts";
import { actorOfAccount } from "./incident-factories.ts";

/** Where the test photo claims to have been taken: what must never be stored. */
export const PHOTO_GPS = { GPSLatitudeRef: "N", GPSLatitude: "30/1 15/1 3600/100", GPSLongitudeRef: "E", GPSLongitude: "120/1 10/1 0/1" };

/**
 * A phone photo: 1200×800 pixels stored sideways (EXIF orientation 6, so it shows 800×1200),
 * with the phone's make and the GPS position in its EXIF.
 */
export async function samplePhoto(): Promise<Buffer> {
  const noise = await sharp(randomBytes(120 * 80 * 3), { raw: { width: 120, height: 80, channels: 3 } }).resize(1200, 800).png().toBuffer();
  return sharp(noise)
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: "TestPhone", Model: "TP-1" }, IFD3: PHOTO_GPS })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export const samplePng = (width = 400, height = 300) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();

/** A one-page PDF written by hand, with its cross-reference table's offsets computed. */
export function samplePdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
    "<< /Length 21 >>\nstream\n0 0 m 100 100 l S\n\nendstream",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

export const sampleDocx = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("现场处置情况说明")] }] }));

/** A Windows program: the "MZ" header is all a type sniffer needs to know it. */
export function sampleExecutable(): Buffer {
  const exe = Buffer.alloc(512);
  exe.write("MZ", 0, "latin1");
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write("PE\0\0", 0x80, "latin1");
  return exe;
}

export interface UploadPart {
  fileName: string;
  bytes: Buffer;
  field?: string;
  /** What the browser claims; the server reads the bytes instead. */
  contentType?: string;
}

/** A multipart/form-data body with the files given, as a browser's FormData sends it. */
export function multipartBody(parts: UploadPart[], fields: Record<string, string> = {}) {
  const boundary = `----huajie${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const part of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.field ?? ATTACHMENT_FIELD}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType ?? "application/octet-stream"}\r\n\r\n`,
      ),
      part.bytes,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A photo attached to the incident by the account that filed it, through the service. */
export async function makeAttachment(db: Db, incidentId: string, file?: { fileName: string; bytes: Buffer }) {
  const prepared = await prepareAttachment(file ?? { fileName: "现场照片.png", bytes: await samplePng() });
  const found = (await findIncident(db, incidentId))!;
  const [account] = await db.select().from(accounts).where(eq(accounts.id, found.incident.reportedBy));
  const actor = actorOfAccount(account!, found.org);
  const [row] = await db.transaction((tx) => addAttachments({ actor, tx, clock: systemClock, input: { id: incidentId, files: [prepared] } }));
  return row!;
}

/** A photo attached to the dispute by the account that registered it (a mediator, with the factories), through the service. */
export async function makeDisputeAttachment(db: Db, disputeId: string) {
  const prepared = await prepareAttachment({ fileName: "签到表.png", bytes: await samplePng() });
  const found = (await findDispute(db, disputeId))!;
  const [account] = await db.select().from(accounts).where(eq(accounts.id, found.dispute.registeredBy));
  const actor = actorOfAccount(account!, found.org);
  const [row] = await db.transaction((tx) => addDisputeAttachments({ actor, tx, clock: systemClock, input: { id: disputeId, files: [prepared], sessionId: undefined } }));
  return row!;
}
