// A report upward as a Word document in the official layout (GB/T 9704): the file read back as
// XML, and opened by LibreOffice, converted to PDF, measured and read.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import JSZip from "jszip";
import { type World, makeAccount, makeOrg, makeWorld } from "../../testing/factories.ts";
import { makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { convertWithLibreOffice, officeSkipReason } from "../../testing/office.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

const skipOffice = officeSkipReason();
if (skipOffice) console.log(`# ${skipOffice}`);

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("a report upward exported as a Word document", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  let leader: TestClient;
  let initial: TestResponse;
  let final: TestResponse;
  const title = "青山镇关于仓库火灾的首报";

  before(async () => {
    // The clock moves hours ahead between requests: sessions must outlast that.
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
    const org = await makeOrg(t.db.orm, { parent: world.county, kind: "township", name: "青山镇" });
    const { group } = await makeResponsePlan(t.db.orm, org);
    await makeAccount(t.db.orm, { org, roles: ["officer"], username: "qs-officer", displayName: "李明", phone: "0571-86001234" });
    await makeAccount(t.db.orm, { org, roles: ["leader"], username: "qs-leader", displayName: "张卫东" });
    [officer, leader] = await Promise.all([t.signIn("qs-officer"), t.signIn("qs-leader")]);
    const reported = (await officer.post("/api/incidents", sampleReport(org, { occurredAt: "2026-03-02T07:40:00+08:00" }))).body;
    const opened = (await officer.post(`/api/incidents/${reported.id}/level`, { version: reported.version, level: "IV" })).body;
    const drafted = (await officer.post(`/api/incidents/${opened.id}/reports`, { kind: "initial" })).body;
    await officer.patch(`/api/incidents/${opened.id}/reports/${drafted.id}`, { version: drafted.version, content: { attachments: ["现场照片", "受伤人员名单"] } });
    initial = await officer.get(`/api/incidents/${opened.id}/reports/${drafted.id}/export.docx`);

    t.clock.advanceMinutes(150);
    const closed = await officer.post(`/api/incidents/${opened.id}/close`, {
      version: opened.version,
      outcome: "明火已扑灭，受伤人员已送医。",
      finalFigures: { peopleInvolved: 15, onlookers: 40, deaths: 0, injuries: 2, missing: 0, economicLoss: 35 },
      review: {
        summary: "仓库起火后约一小时明火扑灭。",
        lessons: "仓库电气线路老化，日常巡查不到位。",
        followUpActions: [{ title: "全镇仓库电气线路排查", groupId: group.id, dueAt: "2026-03-20T17:00:00+08:00" }],
      },
    });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const finalDraft = (await officer.post(`/api/incidents/${opened.id}/reports`, { kind: "final" })).body;
    const approved = await leader.post(`/api/incidents/${opened.id}/reports/${finalDraft.id}/approve`, { version: finalDraft.version });
    assert.equal(approved.status, 200);
    final = await officer.get(`/api/incidents/${opened.id}/reports/${finalDraft.id}/export.docx`);
  });
  after(() => t.close());

  const documentXml = async (res: TestResponse) => (await (await JSZip.loadAsync(res.raw)).file("word/document.xml")!.async("string"));

  it("sends a .docx named after the report, in A4 with the official fonts named", async () => {
    assert.equal(initial.status, 200);
    assert.equal(initial.headers["content-type"], DOCX);
    assert.match(String(initial.headers["content-disposition"]), new RegExp(`filename\\*=UTF-8''${encodeURIComponent(`${title}.docx`)}$`));
    const xml = await documentXml(initial);
    assert.match(xml, /<w:pgSz w:w="1190[56]" w:h="1683[78]"/, "A4");
    assert.match(xml, new RegExp(`<w:rFonts w:ascii="方正小标宋简体"[^>]*/>(<w:spacing w:val="0"/>)?<w:sz w:val="44"/>.*?<w:t[^>]*>${title}</w:t>`), "title 2号 小标宋");
    assert.match(xml, /<w:rFonts w:ascii="黑体"[^>]*\/>.*?<w:t[^>]*>一、事件基本情况<\/w:t>/, "headings in 黑体");
    assert.match(xml, /<w:rFonts w:ascii="仿宋_GB2312"/, "body in 仿宋");
    assert.match(xml, /签发人：＿＿＿＿/, "a draft leaves the signer's place blank");
    assert.match(xml, /附件：1\. 现场照片/);
  });

  it("opens in LibreOffice as A4 pages carrying the report's text, the signer, the attachments and the date", { skip: skipOffice ?? false, timeout: 180_000 }, async () => {
    const pdf = await convertWithLibreOffice(initial.raw, "report.docx");
    assert.equal(Math.floor(pdf.pageSize.width), 595, "A4 width");
    assert.equal(Math.floor(pdf.pageSize.height), 841, "A4 height");
    const text = pdf.text.replace(/\s+/g, "");
    for (const expected of [title, "2026年3月2日7时40分，镇东工业区3号仓库发生仓库火灾。", "造成0人死亡、1人受伤、0人失踪", "已拨打119", "联系人：李明", "0571-86001234", "附件：1.现场照片", "2.受伤人员名单", "青山镇", "2026年3月2日"]) {
      assert.ok(text.includes(expected), `the text holds ${expected}`);
    }
  });

  it("a final report carries the closing's review: outcome, timings, lessons, follow-up actions, and the approving leader as signer", { skip: skipOffice ?? false, timeout: 180_000 }, async () => {
    assert.equal(final.status, 200);
    const pdf = await convertWithLibreOffice(final.raw, "final.docx");
    const text = pdf.text.replace(/\s+/g, "");
    for (const expected of ["青山镇关于仓库火灾的终报", "处置结果", "明火已扑灭，受伤人员已送医。", "事件总结", "时限落实情况", "向县应急管理局首报", "带班领导到达现场", "经验教训", "仓库电气线路老化", "整改措施", "全镇仓库电气线路排查", "2026年3月20日前完成", "签发人：张卫东", "造成0人死亡、2人受伤"]) {
      assert.ok(text.includes(expected), `the text holds ${expected}`);
    }
  });
});
