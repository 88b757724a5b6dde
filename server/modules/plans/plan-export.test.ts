// The plan as a Word document in the official layout (GB/T 9704): its file read back as XML,
// and opened by LibreOffice, converted to PDF, measured and read.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import JSZip from "jszip";
import { DEMO_PASSWORD, loadDemoTownship } from "../../demo/township.ts";
import { convertWithLibreOffice, officeSkipReason } from "../../testing/office.ts";
import { samplePlanContent } from "../../testing/plan-factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";

const skipOffice = officeSkipReason();
if (skipOffice) console.log(`# ${skipOffice}`);

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const TITLE = "青山镇安全生产事故应急预案";

describe("a plan exported as a Word document", () => {
  let t: TestApp;
  let leader: TestClient;
  let planId: string;
  let exported: TestResponse;
  const parts = async (res: TestResponse) => {
    const zip = await JSZip.loadAsync(res.raw);
    const read = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
    const footers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).map(read));
    return { document: await read("word/document.xml"), styles: await read("word/styles.xml"), settings: await read("word/settings.xml"), footers };
  };

  before(async () => {
    t = await startTestApp();
    await loadDemoTownship(t.db.orm, t.clock);
    leader = await t.signIn("leader", DEMO_PASSWORD);
    planId = (await leader.get(`/api/plans?q=${encodeURIComponent(TITLE)}`)).body.items[0].id;
    exported = await leader.get(`/api/plans/${planId}/export.docx`);
  });
  after(() => t.close());

  it("sends the version in force as a .docx named after the plan, to readers of the township but not of a village below", async () => {
    assert.equal(exported.status, 200);
    assert.equal(exported.headers["content-type"], DOCX);
    assert.match(String(exported.headers["content-disposition"]), new RegExp(`^attachment; .*filename\\*=UTF-8''${encodeURIComponent(`${TITLE}（第1版）.docx`).replace(/[()]/g, "\\$&")}$`));
    assert.equal(exported.raw.subarray(0, 2).toString(), "PK", "a zip package");
    assert.equal((await (await t.signIn("reporter", DEMO_PASSWORD)).get(`/api/plans/${planId}/export.docx`)).status, 200);
    assert.equal((await (await t.signIn("reporter-hekou", DEMO_PASSWORD)).get(`/api/plans/${planId}/export.docx`)).status, 404);
  });

  it("sets the page, margins, line pitch and fonts of GB/T 9704 in the file", async () => {
    const { document, styles, settings, footers } = await parts(exported);
    assert.match(document, /<w:pgSz w:w="1190[56]" w:h="1683[78]"/, "A4");
    const margins = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(document)!.slice(1).map((twips) => Math.round((Number(twips) / 1440) * 25.4));
    assert.deepEqual(margins, [37, 26, 35, 28], "top 37, right 26, bottom 35, binding 28 mm: a 156 × 225 mm text block");
    assert.match(styles, /<w:spacing [^>]*w:line="579" w:lineRule="exact"/, "an exact 28.95 pt pitch: 22 lines in 225 mm");
    assert.match(styles, /<w:rFonts w:ascii="仿宋_GB2312"[^>]*\/><w:spacing w:val="-5"\/><w:sz w:val="32"\/>/, "body 3号 仿宋, condensed to 28 characters a line");
    assert.match(document, new RegExp(`<w:rFonts w:ascii="方正小标宋简体"[^>]*/>(<w:spacing w:val="0"/>)?<w:sz w:val="44"/>.*?<w:t[^>]*>${TITLE}</w:t>`), "title 2号 小标宋");
    assert.match(document, /<w:jc w:val="center"\/>.*?方正小标宋简体/, "the title is centred");
    assert.match(document, /<w:rFonts w:ascii="黑体"[^>]*\/>.*?<w:t[^>]*>一、总则<\/w:t>/, "first-level headings in 黑体");
    assert.match(document, /<w:rFonts w:ascii="楷体_GB2312"[^>]*\/>.*?<w:t[^>]*>（一）编制目的<\/w:t>/, "second-level headings in 楷体");
    assert.match(document, /<w:t[^>]*>综合组<\/w:t>/, "the org chart names the working groups");
    assert.match(settings, /<w:evenAndOddHeaders\/>/, "odd and even pages number on opposite sides");
    assert.equal(footers.length, 2);
    for (const footer of footers) {
      assert.match(footer, /<w:rFonts w:ascii="宋体"[^>]*\/>(<w:spacing w:val="0"\/>)?<w:sz w:val="28"\/>/, "page numbers 4号 宋体");
      assert.match(footer, /— <\/w:t>.*PAGE.*<w:t[^>]*> —/, "as — 1 —");
    }
  });

  it("opens in LibreOffice as A4 pages carrying the title, the org chart and page numbers", { skip: skipOffice ?? false, timeout: 180_000 }, async () => {
    const pdf = await convertWithLibreOffice(exported.raw, "plan.docx");
    assert.equal(Math.floor(pdf.pageSize.width), 595, "A4 width");
    assert.equal(Math.floor(pdf.pageSize.height), 841, "A4 height");
    assert.ok(pdf.pages >= 3, `${pdf.pages} pages`);
    const text = pdf.text.replace(/[ \t]+/g, "");
    assert.ok(text.includes(TITLE), "the title");
    for (const expected of ["青山镇突发事件应急工作领导小组", "应急处置组", "张卫东", "组长", "特别重大（Ⅰ级）", "县应急管理局"]) {
      assert.ok(text.includes(expected), `the text holds ${expected}`);
    }
    assert.match(text, /—1—/, "page 1 is numbered — 1 —");
    assert.match(text, /—2—/, "and page 2 — 2 —");
  });

  it("exports a version asked for, marking a draft as such; a plan with no version in force needs one named", async () => {
    const created = await leader.post("/api/plans", { orgId: (await leader.get(`/api/plans/${planId}`)).body.orgId, title: "青山镇大型活动安全应急预案", content: samplePlanContent({ categories: [{ category: "social_security" }] }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const unnamed = await leader.get(`/api/plans/${created.body.id}/export.docx`);
    assert.equal(unnamed.status, 409);
    assert.equal(unnamed.body.code, "plan.noActiveVersion");
    const draft = await leader.get(`/api/plans/${created.body.id}/export.docx?versionId=${created.body.draftVersion.id}`);
    assert.equal(draft.status, 200);
    assert.match((await parts(draft)).document, /青山镇大型活动安全应急预案（草案）/);
    const foreign = await leader.get(`/api/plans/${created.body.id}/export.docx?versionId=${(await leader.get(`/api/plans/${planId}`)).body.activeVersion.id}`);
    assert.equal(foreign.status, 400);
    assert.deepEqual(foreign.body.errors.map((e: { field: string }) => e.field), ["versionId"]);
  });
});
