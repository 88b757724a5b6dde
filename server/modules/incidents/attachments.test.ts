// Attachments of incidents through the API on a real database: real files of every allowed
// type, what is stored and served, the timeline entry, and every refusal writing nothing.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_UPLOAD_MAX, THUMBNAIL_MAX_PX } from "@shared/attachments.ts";
import { ATTACHMENTS_PER_INCIDENT_MAX } from "@shared/incidents/attachment-schemas.ts";
import { auditLog, incidentAttachments, liveEvents } from "../../db/schema.ts";
import { makeAttachment, multipartBody, sampleDocx, sampleExecutable, samplePdf, samplePhoto, samplePng, type UploadPart } from "../../testing/attachment-factories.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { type World, makeWorld } from "../../testing/factories.ts";
import { makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** The EXIF tag pointing to the GPS block, in either byte order. */
const hasGpsTag = (exif: Buffer) => exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));

/** A zip archive holding one text file: a zip, but not an Office document. */
function plainZip(): Buffer {
  const name = Buffer.from("readme.txt");
  const data = Buffer.from("not a document");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
}

describe("incident attachments", () => {
  let t: TestApp;
  let world: World;
  let filer: TestClient;
  let officer: TestClient;
  let auditor: TestClient;
  let outsider: TestClient;
  let incidentId: string;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    await makeResponsePlan(t.db.orm, world.townshipA);
    filer = await t.signIn("v-reporter");
    officer = await t.signIn("a-officer");
    auditor = await t.signIn("a-auditor");
    outsider = await t.signIn("b-officer");
    const res = await filer.post("/api/incidents", sampleReport(world.villageA));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    incidentId = res.body.id;
  });
  after(() => t.close());

  const url = (id = incidentId) => `/api/incidents/${id}/attachments`;
  const upload = (client: TestClient, parts: UploadPart[], options: { id?: string; fields?: Record<string, string>; lang?: string } = {}) => {
    const { body, contentType } = multipartBody(parts, options.fields);
    return client.request("POST", url(options.id), body, { "content-type": contentType, ...(options.lang ? { "accept-language": options.lang } : {}) });
  };
  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  it("stores a phone photo upright and without its EXIF (no GPS), pixels untouched, with a thumbnail of at most 320 px", async () => {
    const photo = await samplePhoto();
    const original = await sharp(photo).metadata();
    assert.ok(original.exif && original.exif.includes("TestPhone") && hasGpsTag(original.exif), "the test photo carries the phone's EXIF and GPS");
    assert.equal(original.orientation, 6);

    const res = await upload(filer, [{ fileName: "现场照片 (1).jpg", bytes: photo, contentType: "image/jpeg" }]);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const [item] = res.body.items;
    assert.equal(item.fileName, "现场照片 (1).jpg");
    assert.equal(item.mediaType, "image/jpeg");
    assert.deepEqual([item.width, item.height], [800, 1200], "as displayed: the photo was taken upright");
    assert.equal(item.hasThumbnail, true);
    assert.deepEqual(item.uploadedBy, { id: world.villageReporter.id, name: world.villageReporter.displayName });

    const download = await filer.get(`${url()}/${item.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers["content-type"], "image/jpeg");
    assert.equal(download.headers["x-content-type-options"], "nosniff");
    assert.equal(download.headers["content-disposition"], `attachment; filename="attachment-${item.id}.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%20%281%29.jpg`);
    assert.equal(sha256(download.raw), item.sha256);
    assert.equal(item.sizeBytes, download.raw.length);
    const stored = await sharp(download.raw).metadata();
    assert.equal(stored.orientation, 6, "the orientation is kept so the photo still shows upright");
    assert.ok(stored.exif!.length <= 40, `only the orientation is left of the EXIF, not ${stored.exif!.length} bytes`);
    assert.ok(!stored.exif!.includes("TestPhone") && !hasGpsTag(stored.exif!));
    assert.equal(stored.xmp, undefined);
    const pixels = async (bytes: Buffer) => sharp(bytes).raw().toBuffer();
    assert.ok((await pixels(download.raw)).equals(await pixels(photo)), "the image data is byte for byte the uploaded one");

    const thumb = await filer.get(`${url()}/${item.id}/thumbnail`);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers["content-type"], "image/webp");
    const thumbMeta = await sharp(thumb.raw).metadata();
    assert.equal(thumbMeta.format, "webp");
    assert.ok(Math.max(thumbMeta.width, thumbMeta.height) <= THUMBNAIL_MAX_PX);
    assert.ok(thumbMeta.height > thumbMeta.width, "rotated upright by the EXIF orientation");
    assert.equal(thumbMeta.exif, undefined);
  });

  it("takes several files in one upload: PNG, PDF and Word kept byte for byte, a thumbnail for the image only", async () => {
    const png = await samplePng();
    const pdf = samplePdf();
    const docx = await sampleDocx();
    const res = await upload(officer, [
      { fileName: "平面图.png", bytes: png },
      { fileName: "情况说明.pdf", bytes: pdf },
      { fileName: "处置记录.docx", bytes: docx },
    ]);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.items.map((i: { mediaType: string }) => i.mediaType), ["image/png", "application/pdf", DOCX]);
    const [image, pdfItem, docxItem] = res.body.items;
    assert.deepEqual([image.width, image.height, image.hasThumbnail], [400, 300, true]);
    for (const [item, bytes] of [[pdfItem, pdf], [docxItem, docx]] as const) {
      assert.equal(item.hasThumbnail, false);
      assert.deepEqual([item.width, item.height], [null, null]);
      const download = await officer.get(`${url()}/${item.id}`);
      assert.equal(download.headers["content-type"], item.mediaType);
      assert.ok(download.raw.equals(bytes), `${item.fileName} comes back as uploaded`);
      assert.equal((await officer.get(`${url()}/${item.id}/thumbnail`)).status, 404);
    }
    const thumb = await sharp((await officer.get(`${url()}/${image.id}/thumbnail`)).raw).metadata();
    assert.deepEqual([thumb.width, thumb.height], [320, 240]);

    const list = await auditor.get(url());
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((i: { fileName: string }) => i.fileName), ["现场照片 (1).jpg", "平面图.png", "情况说明.pdf", "处置记录.docx"], "in the order added");
  });

  it("writes each file to the timeline with who and when, announces the change and audits it; downloads by others than the filer are audited", async () => {
    const before = (await filer.get(`/api/incidents/${incidentId}/timeline`)).body.items.length;
    t.clock.advanceMinutes(1);
    const res = await upload(officer, [{ fileName: "a.pdf", bytes: samplePdf() }, { fileName: "b.png", bytes: await samplePng(50, 50) }]);
    assert.equal(res.status, 201);
    const timeline = (await filer.get(`/api/incidents/${incidentId}/timeline`)).body.items;
    const added = timeline.slice(before);
    assert.deepEqual(
      added.map((e: { detail: unknown }) => e.detail),
      res.body.items.map((i: { id: string; fileName: string; mediaType: string; sizeBytes: number }) => ({ kind: "attachment_added", attachmentId: i.id, fileName: i.fileName, mediaType: i.mediaType, sizeBytes: i.sizeBytes })),
    );
    for (const entry of added) {
      assert.deepEqual(entry.actor, { id: world.officer.id, name: world.officer.displayName });
      assert.equal(entry.at, t.clock.now().toISOString());
    }
    const [audit] = await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "incident.attach"), eq(auditLog.recordId, incidentId))).orderBy(auditLog.seq).limit(1);
    assert.ok(audit);
    const events = await t.db.orm.select().from(liveEvents).where(and(eq(liveEvents.incidentId, incidentId), eq(liveEvents.type, "incident.updated")));
    assert.ok(events.length >= 3, "one announcement per upload");

    const downloads = async () => (await t.db.orm.select().from(auditLog).where(eq(auditLog.action, "incident.attachment.download"))).length;
    const count = await downloads();
    await filer.get(`${url()}/${res.body.items[0].id}`);
    assert.equal(await downloads(), count, "the filer reading its own incident's file is not audited");
    await auditor.get(`${url()}/${res.body.items[0].id}`);
    assert.equal(await downloads(), count + 1);
  });

  it("refuses bad uploads with a clear 4xx naming the field, in the caller's language, and writes nothing", async () => {
    const png = await samplePng(20, 20);
    const cases: { name: string; send: () => Promise<TestResponse>; status: number; field: string; code?: string }[] = [
      { name: "a program named .jpg", send: () => upload(filer, [{ fileName: "photo.jpg", bytes: sampleExecutable(), contentType: "image/jpeg" }]), status: 415, field: "file", code: "attachment.typeNotAllowed" },
      { name: "a zip named .docx", send: () => upload(filer, [{ fileName: "记录.docx", bytes: plainZip(), contentType: DOCX }]), status: 415, field: "file", code: "attachment.typeNotAllowed" },
      // Served back, these would run script in the app's origin: the sniffer refuses them whatever their name says.
      { name: "an HTML page named .jpg", send: () => upload(filer, [{ fileName: "现场.jpg", bytes: Buffer.from("<!doctype html><html><body><script>fetch('/api/accounts')</script></body></html>"), contentType: "image/jpeg" }]), status: 415, field: "file", code: "attachment.typeNotAllowed" },
      { name: "an SVG with a script named .png", send: () => upload(filer, [{ fileName: "平面图.png", bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>'), contentType: "image/png" }]), status: 415, field: "file", code: "attachment.typeNotAllowed" },
      { name: "an SVG named .svg", send: () => upload(filer, [{ fileName: "图.svg", bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'), contentType: "image/svg+xml" }]), status: 415, field: "file", code: "attachment.typeNotAllowed" },
      { name: "plain text", send: () => upload(filer, [{ fileName: "说明.txt", bytes: Buffer.from("现场情况：火已扑灭。"), contentType: "text/plain" }]), status: 415, field: "file" },
      { name: "a good file with a program", send: () => upload(filer, [{ fileName: "ok.png", bytes: png }, { fileName: "x.pdf", bytes: sampleExecutable() }]), status: 415, field: "file" },
      { name: "a JPEG that does not decode", send: () => upload(filer, [{ fileName: "broken.jpg", bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]) }]), status: 400, field: "file", code: "attachment.unreadable" },
      { name: "an empty file", send: () => upload(filer, [{ fileName: "empty.pdf", bytes: Buffer.alloc(0) }]), status: 400, field: "file", code: "attachment.empty" },
      { name: "one byte over the limit", send: () => upload(filer, [{ fileName: "big.png", bytes: Buffer.concat([png, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - png.length)]) }]), status: 413, field: "file", code: "attachment.tooLarge" },
      { name: "too many files at once", send: () => upload(filer, Array.from({ length: ATTACHMENTS_PER_UPLOAD_MAX + 1 }, (_, i) => ({ fileName: `${i}.png`, bytes: png }))), status: 400, field: "file", code: "attachment.tooManyInUpload" },
      { name: "no file", send: () => upload(filer, []), status: 400, field: "file", code: "attachment.noFile" },
      { name: "another form field", send: () => upload(filer, [{ fileName: "ok.png", bytes: png }], { fields: { note: "x" } }), status: 400, field: "note" },
      { name: "a file in another field", send: () => upload(filer, [{ fileName: "ok.png", bytes: png, field: "photo" }]), status: 400, field: "photo" },
      { name: "JSON", send: () => filer.post(url(), { file: "aGVsbG8=" }), status: 415, field: "file", code: "attachment.multipartRequired" },
      { name: "no body", send: () => filer.request("POST", url()), status: 415, field: "file", code: "attachment.multipartRequired" },
    ];
    const before = await databaseChecksum(t.db.orm);
    for (const c of cases) {
      const res = await c.send();
      assert.equal(res.status, c.status, `${c.name}: ${JSON.stringify(res.body)}`);
      assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, c.name);
      assert.ok(fields(res).includes(c.field), `${c.name}: ${JSON.stringify(res.body)}`);
      if (c.code) assert.equal(res.body.code, c.code, c.name);
    }
    const text = await filer.request("POST", url(), "file=x", { "content-type": "text/plain" });
    assert.equal(text.status, 415);
    assert.equal(await databaseChecksum(t.db.orm), before, "a refused upload wrote nothing: no file, timeline entry, event or notification");

    const big = await upload(filer, [{ fileName: "big.png", bytes: Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1) }]);
    assert.equal(big.body.errors[0].message, "单个文件不能超过 20 MB");
    const english = await upload(filer, [{ fileName: "photo.jpg", bytes: sampleExecutable() }], { lang: "en" });
    assert.match(english.body.errors[0].message, /^Only JPEG, PNG and WebP images/);
  });

  it("lets those who may add a note attach, shows them the action, and keeps everyone else out: 403 in reach, 404 beyond it", async () => {
    const actions = async (client: TestClient) => (await client.get(`/api/incidents/${incidentId}`)).body.actions as string[];
    assert.ok((await actions(filer)).includes("attach"));
    assert.ok((await actions(officer)).includes("attach"));
    assert.ok(!(await actions(auditor)).includes("attach"));

    const [first] = (await auditor.get(url())).body.items;
    const before = await databaseChecksum(t.db.orm);
    assert.equal((await upload(auditor, [{ fileName: "a.png", bytes: await samplePng() }])).status, 403);
    for (const path of [url(), `${url()}/${first.id}`, `${url()}/${first.id}/thumbnail`]) {
      const res = await outsider.get(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.code, "notFound");
    }
    const res = await upload(outsider, [{ fileName: "a.png", bytes: await samplePng() }]);
    assert.equal(res.status, 404);
    assert.equal(await databaseChecksum(t.db.orm), before);
  });

  it("finds a file only under its own incident", async () => {
    const other = await officer.post("/api/incidents", sampleReport(world.townshipA));
    const [first] = (await officer.get(url())).body.items;
    assert.equal((await officer.get(`${url(other.body.id)}/${first.id}`)).status, 404);
    assert.equal((await officer.get(`${url(other.body.id)}/${first.id}/thumbnail`)).status, 404);
  });

  it(`holds at most ${ATTACHMENTS_PER_INCIDENT_MAX} files per incident, and the stored files never change`, async () => {
    const created = await officer.post("/api/incidents", sampleReport(world.townshipA));
    const id = created.body.id;
    const png = await samplePng(10, 10);
    for (let i = 0; i < ATTACHMENTS_PER_INCIDENT_MAX - 1; i += 1) await makeAttachment(t.db.orm, id, { fileName: `${i}.png`, bytes: png });
    const tooMany = await upload(officer, [{ fileName: "a.png", bytes: png }, { fileName: "b.png", bytes: png }], { id });
    assert.equal(tooMany.status, 409);
    assert.deepEqual(fields(tooMany), ["file"]);
    assert.equal(tooMany.body.errors[0].message, `每个事件最多 ${ATTACHMENTS_PER_INCIDENT_MAX} 个附件，已有 ${ATTACHMENTS_PER_INCIDENT_MAX - 1} 个`);
    assert.equal((await upload(officer, [{ fileName: "last.png", bytes: png }], { id })).status, 201);

    const appendOnly = (error: Error) => /append-only/.test(String(error.cause));
    await assert.rejects(t.db.orm.update(incidentAttachments).set({ fileName: "x" }).where(eq(incidentAttachments.incidentId, id)), appendOnly);
    await assert.rejects(t.db.orm.delete(incidentAttachments).where(eq(incidentAttachments.incidentId, id)), appendOnly);
  });
});
