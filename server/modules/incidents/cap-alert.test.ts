// The CAP 1.2 export: the national scheme mapped onto CAP, and every exported message valid
// against the official OASIS schema (xmllint, from Debian's libxml2-utils).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type World, makeOrg, makeWorld } from "../../testing/factories.ts";
import { makeResponsePlan, sampleReport } from "../../testing/incident-factories.ts";
import { type TestApp, type TestClient, startTestApp } from "../../testing/test-app.ts";
import { CAP_SEVERITY, capCategory, capTime } from "./cap-alert.ts";

const run = promisify(execFile);
/** A byte-identical copy of the OASIS schema, kept in the repository so a clean clone can validate. */
const SCHEMA = fileURLToPath(new URL("../../../tests/fixtures/standards/cap12.xsd", import.meta.url));
const xmllint = (process.env.PATH ?? "").split(path.delimiter).some((dir) => existsSync(path.join(dir, "xmllint")));
const skipXmllint = xmllint ? null : "CAP schema validation skipped: no `xmllint` found (install Debian's `libxml2-utils`)";
if (skipXmllint) console.log(`# ${skipXmllint}`);

async function validate(xml: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "huajie-cap-"));
  try {
    const file = path.join(dir, "alert.xml");
    await writeFile(file, xml);
    return await run("xmllint", ["--noout", "--schema", SCHEMA, file]).then(
      (out) => ({ ok: true, output: out.stderr }),
      (error: { stderr: string }) => ({ ok: false, output: error.stderr }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const element = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) => m[1]);

describe("CAP mapping of the national scheme", () => {
  const cases: [Parameters<typeof capCategory>, string][] = [
    [["natural_disaster", "森林火灾"], "Fire"],
    [["natural_disaster", "地震灾害"], "Geo"],
    [["natural_disaster", "山体滑坡"], "Geo"],
    [["natural_disaster", "洪涝灾害"], "Met"],
    [["natural_disaster", "台风"], "Met"],
    [["natural_disaster", null], "Geo"],
    [["accident_disaster", "火灾事故"], "Fire"],
    [["accident_disaster", "道路交通事故"], "Transport"],
    [["accident_disaster", "危险化学品泄漏"], "CBRNE"],
    [["accident_disaster", "大面积停电"], "Infra"],
    [["accident_disaster", "建筑施工事故"], "Safety"],
    [["public_health", "食物中毒"], "Health"],
    [["social_security", "群体性事件"], "Security"],
  ];
  for (const [[category, subtype], expected] of cases) {
    it(`${category} / ${subtype ?? "no subtype"} → ${expected}`, () => assert.equal(capCategory(category, subtype), expected));
  }
  it("maps levels I–IV to Extreme, Severe, Moderate, Minor", () => assert.deepEqual(CAP_SEVERITY, { I: "Extreme", II: "Severe", III: "Moderate", IV: "Minor" }));
  it("writes times in China's offset, to the second", () => assert.equal(capTime(new Date("2026-03-01T23:40:05.123Z")), "2026-03-02T07:40:05+08:00"));
});

describe("an incident exported as CAP 1.2", () => {
  let t: TestApp;
  let world: World;
  let officer: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    officer = await t.signIn("a-officer");
  });
  after(() => t.close());

  const village = async () => {
    const org = await makeOrg(t.db.orm, { parent: world.townshipA, kind: "village", name: "青山村" });
    await makeResponsePlan(t.db.orm, org);
    return org;
  };
  const cap = async (id: string) => {
    const res = await officer.get(`/api/incidents/${id}/cap.xml`);
    assert.equal(res.status, 200, String(res.body));
    assert.equal(res.headers["content-type"], "application/cap+xml; charset=utf-8");
    return String(res.body);
  };

  it("a reported incident is the first Alert: Likely, its suggested level's severity, its place as the area", async () => {
    const reported = (await officer.post("/api/incidents", sampleReport(await village(), { latitude: 30.25, longitude: 120.17 }))).body;
    const xml = await cap(reported.id);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
    assert.match(xml, /<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">/);
    assert.deepEqual(element(xml, "identifier"), [`urn:huajie:incident:${reported.id}:1`]);
    assert.deepEqual(element(xml, "sender"), [`urn:huajie:org:${reported.orgId}`]);
    assert.deepEqual(element(xml, "sent"), [capTime(new Date(reported.reportedAt))]);
    assert.deepEqual([element(xml, "status"), element(xml, "msgType"), element(xml, "scope")], [["Actual"], ["Alert"], ["Restricted"]]);
    assert.deepEqual([element(xml, "language"), element(xml, "category"), element(xml, "event")], [["zh-CN"], ["Fire"], ["火灾事故"]]);
    assert.deepEqual([element(xml, "urgency"), element(xml, "severity"), element(xml, "certainty")], [["Immediate"], ["Minor"], ["Likely"]]);
    assert.deepEqual([element(xml, "senderName"), element(xml, "headline"), element(xml, "areaDesc"), element(xml, "circle")], [["青山村"], ["仓库火灾"], ["镇东工业区3号仓库"], ["30.25,120.17 0"]]);
    assert.match(element(xml, "description")[0]!, /镇东工业区一仓库起火[\s\S]*事件涉及12人/);
    assert.deepEqual(element(xml, "references"), []);
  });

  it("validates against the official CAP 1.2 schema, as an Alert, an Update and an all-clear", { skip: skipXmllint ?? false }, async () => {
    const org = await village();
    const reported = (await officer.post("/api/incidents", sampleReport(org, { latitude: 30.25, longitude: 120.17, description: "起火 <仓库> & 厂房" }))).body;
    const alert = await cap(reported.id);
    const opened = (await officer.post(`/api/incidents/${reported.id}/level`, { version: reported.version, level: "II", reason: "火势蔓延至化工仓库" })).body;
    t.clock.advanceMinutes(5);
    const update = await cap(opened.id);
    assert.deepEqual([element(update, "msgType"), element(update, "severity"), element(update, "certainty")], [["Update"], ["Severe"], ["Observed"]]);
    assert.deepEqual(element(update, "references"), [`urn:huajie:org:${org.id},urn:huajie:incident:${reported.id}:1,${capTime(new Date(reported.reportedAt))}`]);
    const closed = await officer.post(`/api/incidents/${reported.id}/close`, {
      version: opened.version,
      outcome: "明火已扑灭。",
      finalFigures: { peopleInvolved: 12, onlookers: 30, deaths: 0, injuries: 1, missing: 0, economicLoss: 20 },
      review: { summary: "经过", lessons: "教训" },
    });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const allClear = await cap(reported.id);
    assert.deepEqual([element(allClear, "responseType"), element(allClear, "urgency"), element(allClear, "instruction")], [["AllClear"], ["Past"], ["明火已扑灭。"]]);
    for (const [name, xml] of [["alert", alert], ["update", update], ["all clear", allClear]] as const) {
      const result = await validate(xml);
      assert.ok(result.ok, `${name}: ${result.output}`);
      assert.match(result.output, /validates/);
    }
    assert.match(alert, /起火 &lt;仓库&gt; &amp; 厂房/, "text is escaped by the XML builder");
  });

  it("the schema check itself refuses a message CAP does not allow", { skip: skipXmllint ?? false }, async () => {
    const reported = (await officer.post("/api/incidents", sampleReport(await village()))).body;
    const broken = (await cap(reported.id)).replace("<status>Actual</status>", "<status>Real</status>");
    assert.equal((await validate(broken)).ok, false);
  });
});
