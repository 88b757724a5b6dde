// Files of a dispute's mediation through the API on a real database: a phone photo of a signed
// sheet stored without its GPS and tied to its session, downloads audited, and every refusal
// (a fake type, another dispute's session, someone out of reach) writing nothing.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { ATTACHMENT_MAX_BYTES } from "@shared/attachments.ts";
import { ATTACHMENTS_PER_DISPUTE_MAX } from "@shared/disputes/attachment-schemas.ts";
import { auditLog, disputeAttachments, liveEvents } from "../../db/schema.ts";
import { makeDisputeAttachment, multipartBody, samplePhoto, samplePng, type UploadPart } from "../../testing/attachment-factories.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { sampleDispute } from "../../testing/dispute-factories.ts";
import { type World, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
/** The EXIF tag pointing to the GPS block, in either byte order. */
const hasGpsTag = (exif: Buffer) => exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));

describe("dispute attachments", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  let mediator: TestClient;
  let auditor: TestClient;
  let reporter: TestClient;
  let outsider: TestClient;
  /** Registered by the officer, accepted, with one session held. */
  let disputeId: string;
  let sessionId: string;
  /** Another dispute with a session of its own. */
  let otherId: string;
  let otherSessionId: string;

  const hoursAgo = (hours: number) => new Date(t.clock.now().getTime() - hours * 3_600_000).toISOString();
  /** A dispute of the village registered and accepted by the officer, with one session held; its id and the session's. */
  const mediated = async () => {
    const registered = await officer.post("/api/disputes", sampleDispute(world.villageA, { occurredAt: hoursAgo(2) }));
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const accepted = await officer.post(`/api/disputes/${registered.body.id}/accept`, { version: registered.body.version, reason: "双方同意调解", mediators: [{ accountId: world.mediator.id, lead: true }] });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const held = await officer.post(`/api/disputes/${registered.body.id}/sessions`, {
      version: accepted.body.version,
      heldAt: t.clock.now().toISOString(),
      place: "甲一村调解室",
      attendees: "张三、李四，调解员",
      applicantStatement: "围墙越界约三十公分，要求拆除。",
      respondentStatement: "不同意拆除。",
      proposals: null,
      result: "双方同意现场丈量后再谈",
    });
    assert.equal(held.status, 200, JSON.stringify(held.body));
    return { id: held.body.id as string, sessionId: held.body.sessions[0].id as string };
  };

  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    [officer, mediator, auditor, reporter, outsider] = await Promise.all([t.signIn("a-officer"), t.signIn("a-mediator"), t.signIn("a-auditor"), t.signIn("a-reporter"), t.signIn("b-officer")]);
    ({ id: disputeId, sessionId } = await mediated());
    ({ id: otherId, sessionId: otherSessionId } = await mediated());
  });
  after(() => t.close());

  const url = (id = disputeId) => `/api/disputes/${id}/attachments`;
  const upload = (client: TestClient, parts: UploadPart[], options: { id?: string; fields?: Record<string, string> } = {}) => {
    const { body, contentType } = multipartBody(parts, options.fields);
    return client.request("POST", url(options.id), body, { "content-type": contentType });
  };
  const fields = (res: TestResponse): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  it("stores a phone photo of the signed sheet without its GPS, with its session and a thumbnail, and serves the stored bytes", async () => {
    const photo = await samplePhoto();
    assert.ok(hasGpsTag((await sharp(photo).metadata()).exif!), "the test photo carries GPS");

    const res = await upload(officer, [{ fileName: "签到表.jpg", bytes: photo, contentType: "image/jpeg" }], { fields: { sessionId } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const [item] = res.body.items;
    assert.equal(item.sessionId, sessionId);
    assert.equal(item.mediaType, "image/jpeg");
    assert.equal(item.hasThumbnail, true);
    assert.deepEqual([item.width, item.height], [800, 1200], "as displayed, upright");

    const download = await mediator.get(`${url()}/${item.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers["content-type"], "image/jpeg");
    const [stored] = await t.db.orm.select().from(disputeAttachments).where(eq(disputeAttachments.id, item.id));
    assert.ok(download.raw.equals(stored!.content), "the download is the stored file, byte for byte");
    assert.equal(sha256(download.raw), item.sha256);
    const exif = (await sharp(download.raw).metadata()).exif!;
    assert.ok(!hasGpsTag(exif) && !exif.includes("TestPhone"), "no GPS and no device left");

    const thumb = await mediator.get(`${url()}/${item.id}/thumbnail`);
    assert.equal(thumb.status, 200);
    assert.equal((await sharp(thumb.raw).metadata()).format, "webp");

    const loose = await upload(officer, [{ fileName: "说明.png", bytes: await samplePng() }]);
    assert.equal(loose.status, 201);
    assert.equal(loose.body.items[0].sessionId, null, "a file of the case, not of a session");
    const list = await auditor.get(url());
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((i: { fileName: string; sessionId: string | null }) => [i.fileName, i.sessionId]), [["签到表.jpg", sessionId], ["说明.png", null]]);

    const timeline = (await officer.get(`/api/disputes/${disputeId}/timeline`)).body.items.map((e: { detail: { kind: string } }) => e.detail);
    assert.deepEqual(timeline.filter((d: { kind: string }) => d.kind === "attachment_added")[0], {
      kind: "attachment_added",
      attachmentId: item.id,
      fileName: "签到表.jpg",
      mediaType: "image/jpeg",
      sizeBytes: item.sizeBytes,
      sessionId,
    });
    const events = await t.db.orm.select().from(liveEvents).where(and(eq(liveEvents.disputeId, disputeId), eq(liveEvents.type, "dispute.changed")));
    assert.ok(events.length >= 5, "registration, acceptance, session and each upload announced");
  });

  it("audits a download by anyone but the dispute's filer", async () => {
    const [first] = (await officer.get(url())).body.items;
    const downloads = async () => (await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "dispute.attachment.download"), eq(auditLog.recordId, disputeId)))).length;
    const count = await downloads();
    assert.equal((await officer.get(`${url()}/${first.id}`)).status, 200);
    assert.equal(await downloads(), count, "the officer registered it");
    assert.equal((await auditor.get(`${url()}/${first.id}`)).status, 200);
    assert.equal(await downloads(), count + 1);
    assert.equal((await t.db.orm.select().from(auditLog).where(and(eq(auditLog.action, "dispute.attach"), eq(auditLog.recordId, disputeId)))).length, 2, "each upload audited");
  });

  it("refuses a fake type, another dispute's session and a malformed one, naming the field, and writes nothing", async () => {
    const png = await samplePng(20, 20);
    const before = await databaseChecksum(t.db.orm);
    const fake = await upload(officer, [{ fileName: "协议.jpg", bytes: Buffer.from("这不是图片，只是改了扩展名的文字。"), contentType: "image/jpeg" }]);
    assert.equal(fake.status, 415, JSON.stringify(fake.body));
    assert.deepEqual(fields(fake), ["file"]);
    for (const given of [otherSessionId, "not-a-uuid"]) {
      const res = await upload(officer, [{ fileName: "ok.png", bytes: png }], { fields: { sessionId: given } });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.deepEqual(fields(res), ["sessionId"], given);
    }
    const unknown = await upload(officer, [{ fileName: "ok.png", bytes: png }], { fields: { note: "x" } });
    assert.deepEqual([unknown.status, fields(unknown)], [400, ["note"]]);
    assert.equal(await databaseChecksum(t.db.orm), before);
    assert.equal((await upload(officer, [{ fileName: "ok.png", bytes: png }], { id: otherId, fields: { sessionId: otherSessionId } })).status, 201, "the session of its own dispute");
  });

  it("lets the handlers attach; the others who read it get 403, those who may not read it 404, before the upload is read", async () => {
    const png = await samplePng(20, 20);
    assert.equal((await upload(mediator, [{ fileName: "a.png", bytes: png }])).status, 201, "a mediator of the township");
    const [first] = (await officer.get(url())).body.items;
    const own = await reporter.post("/api/disputes", sampleDispute(world.townshipA, { occurredAt: hoursAgo(1) }));
    assert.equal(own.status, 201, JSON.stringify(own.body));

    const before = await databaseChecksum(t.db.orm);
    // Over the size limit: a 413 would mean the bytes were read before access was checked.
    const oversize = [{ fileName: "big.png", bytes: Buffer.concat([png, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - png.length)]) }];
    assert.equal((await upload(outsider, oversize)).status, 404, "another township's officer");
    assert.equal((await upload(reporter, oversize)).status, 404, "a reporter on someone else's dispute");
    assert.equal((await upload(auditor, oversize)).status, 403, "an auditor reads but changes nothing");
    assert.equal((await upload(reporter, oversize, { id: own.body.id })).status, 403, "a reporter who filed it reads it but does not mediate");
    for (const path of [url(), `${url()}/${first.id}`, `${url()}/${first.id}/thumbnail`]) {
      assert.equal((await outsider.get(path)).status, 404, path);
      assert.equal((await reporter.get(path)).status, 404, path);
    }
    assert.equal((await reporter.get(url(own.body.id))).status, 200, "the filer reads its own dispute's files");
    assert.equal(await databaseChecksum(t.db.orm), before);
    assert.equal((await officer.get(`${url(otherId)}/${first.id}`)).status, 404, "a file only under its own dispute");
  });

  it(`holds at most ${ATTACHMENTS_PER_DISPUTE_MAX} files per dispute, and the stored files never change`, async () => {
    const { id } = await mediated();
    for (let i = 0; i < ATTACHMENTS_PER_DISPUTE_MAX - 1; i += 1) await makeDisputeAttachment(t.db.orm, id);
    const png = await samplePng(10, 10);
    const tooMany = await upload(officer, [{ fileName: "a.png", bytes: png }, { fileName: "b.png", bytes: png }], { id });
    assert.equal(tooMany.status, 409);
    assert.deepEqual(fields(tooMany), ["file"]);
    assert.equal(tooMany.body.errors[0].message, `每件纠纷最多 ${ATTACHMENTS_PER_DISPUTE_MAX} 个附件，已有 ${ATTACHMENTS_PER_DISPUTE_MAX - 1} 个`);
    assert.equal((await upload(officer, [{ fileName: "last.png", bytes: png }], { id })).status, 201);

    const appendOnly = (error: Error) => /append-only/.test(String(error.cause));
    await assert.rejects(t.db.orm.update(disputeAttachments).set({ fileName: "x" }).where(eq(disputeAttachments.disputeId, id)), appendOnly);
    await assert.rejects(t.db.orm.delete(disputeAttachments).where(eq(disputeAttachments.disputeId, id)), appendOnly);
  });
});
