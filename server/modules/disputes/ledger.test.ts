// The register as Excel through the API on a real database: the export opened with ExcelJS
// (rows, masking, reach, audit), the template read back by the import, and imports of good,
// bad and broken files in both modes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, lt } from "drizzle-orm";
import ExcelJS from "exceljs";
import { LEDGER_IMPORT_COLUMNS, LEDGER_IMPORT_MAX_BYTES, LEDGER_IMPORT_MAX_ROWS, type LedgerImportKey } from "@shared/disputes/ledger-schemas.ts";
import { auditLog, disputes } from "../../db/schema.ts";
import { multipartBody, sampleDocx, sampleExecutable } from "../../testing/attachment-factories.ts";
import { databaseChecksum } from "../../testing/database-checksum.ts";
import { VALID_ID_NUMBERS, sampleDispute } from "../../testing/dispute-factories.ts";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { type TestApp, type TestClient, type TestResponse, startTestApp } from "../../testing/test-app.ts";
import { templateHeader } from "./ledger-files.ts";

type Row = Partial<Record<LedgerImportKey, string | number | Date>>;

/** A row the registration takes, in the labels a person types. */
const goodRow = (overrides: Row = {}): Row => ({
  source: "来访",
  type: "邻里纠纷",
  summary: "两户因排水沟堵塞发生争执。",
  claims: "要求对方疏通排水沟。",
  amountInDispute: 800,
  peopleInvolved: 2,
  occurredAt: "2026-03-01",
  risk: "低",
  level: "村（社区）",
  route: "人民调解",
  applicantName: "王五",
  applicantPhone: "13800005555",
  applicantIdNumber: VALID_ID_NUMBERS[0],
  respondentName: "赵六",
  respondentPhone: "13900006666",
  respondentIdNumber: VALID_ID_NUMBERS[1],
  ...overrides,
});

/** Every value of every cell of every sheet, as text. */
async function cellTexts(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const texts: string[] = [];
  for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
  return texts;
}

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

/** A sheet as someone fills it without the template: a header row of the import's columns and the rows given. */
async function writtenSheet(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("登记");
  sheet.addRow(LEDGER_IMPORT_COLUMNS.map((column) => column.zh));
  for (const row of rows) sheet.addRow(LEDGER_IMPORT_COLUMNS.map((column) => row[column.key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("disputes: the register as Excel", () => {
  let t: TestApp;
  let world: World;
  let mediator: TestClient;
  let villageMediator: TestClient;
  let reporter: TestClient;
  before(async () => {
    t = await startTestApp();
    world = await makeWorld(t.db.orm);
    await makeAccount(t.db.orm, { org: world.villageA, roles: ["mediator"], username: "v-mediator" });
    [mediator, villageMediator, reporter] = await Promise.all([t.signIn("a-mediator"), t.signIn("v-mediator"), t.signIn("a-reporter")]);
  });
  after(() => t.close());

  const register = async (client: TestClient, org = world.villageA, overrides: Parameters<typeof sampleDispute>[1] = {}) => {
    const res = await client.post("/api/disputes", sampleDispute(org, overrides));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const upload = (client: TestClient, file: Buffer, fields: Record<string, string>, fileName = "台账.xlsx", lang = "zh-CN") => {
    const form = multipartBody([{ fileName, bytes: file }], fields);
    return client.request("POST", "/api/disputes/import", form.body, { "content-type": form.contentType, "accept-language": lang });
  };
  const countDisputes = async () => (await t.db.orm.select({ id: disputes.id }).from(disputes)).length;
  const lineFields = (res: TestResponse) => (res.body.errors as { line: number; field: string }[]).map((e) => `${e.line}:${e.field}`).sort();
  /** A request that writes nothing but the session's last use, so a checksum taken after it sees only what follows. */
  const touch = (client: TestClient) => client.get("/api/notifications?limit=1");

  it("exports the register the filters select, parties masked, in the caller's reach, audited", async () => {
    const inVillage = await register(villageMediator, world.villageA, { riskReason: "双方曾有肢体冲突", risk: "medium" });
    const inTownship = await register(mediator, world.townshipA, { type: "labour_wages", summary: "工地拖欠工资" });

    const village = await villageMediator.request("GET", "/api/disputes/export.xlsx");
    assert.equal(village.status, 200, String(village.body));
    assert.match(String(village.headers["content-type"]), /spreadsheetml/);
    assert.match(String(village.headers["content-disposition"]), /filename\*=UTF-8''/);
    const rows = await sheetRows(village.raw);
    assert.match(rows[0]![0]!, /^纠纷登记台账/);
    assert.deepEqual(rows[1]!.slice(0, 5), ["案件编号", "登记单位", "登记时间", "来源", "纠纷类型"]);
    const body = rows.slice(2);
    assert.deepEqual(
      body.map((row) => row[0]),
      [inVillage.caseNumber],
      "a village mediator's export holds only the village's cases",
    );
    const [row] = body;
    assert.deepEqual(row!.slice(1, 5), ["甲一村", "2026-03-02 08:00", "来访", "邻里纠纷"]);
    assert.deepEqual(row!.slice(9, 13), ["中", "村（社区）", "人民调解", "已登记"]);
    assert.equal(row![13], "张三 330***********123X 138****1111");

    const township = await mediator.request("GET", `/api/disputes/export.xlsx?type=labour_wages`);
    assert.equal(township.status, 200);
    assert.deepEqual((await sheetRows(township.raw)).slice(2).map((r) => r[0]), [inTownship.caseNumber], "the list's filters apply");
    const everything = await mediator.request("GET", "/api/disputes/export.xlsx");
    const texts = (await cellTexts(everything.raw)).join("\n");
    assert.ok(texts.includes(inVillage.caseNumber) && texts.includes("甲一村"));
    for (const secret of [...VALID_ID_NUMBERS, "13800001111", "13900002222", "13700003333"]) assert.ok(!texts.includes(secret), `${secret} leaves the system unmasked`);

    const audits = await t.db.orm.select().from(auditLog).where(eq(auditLog.action, "dispute.export"));
    assert.equal(audits.length, 3);
    assert.deepEqual(audits[1]!.detail, { filter: { type: "labour_wages" }, rows: 1 });

    const bad = await mediator.get("/api/disputes/export.xlsx?registeredFrom=yesterday");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, "registeredFrom");
  });

  it("refuses an export beyond its limit rather than cut it short, naming the dates to narrow", async () => {
    const dispute = await register(mediator, world.villageA);
    const [row] = await t.db.orm.select().from(disputes).where(eq(disputes.id, dispute.id));
    // Copies of one registered row, enough to pass the limit, written at once.
    const { id: _id, caseSeq: _seq, ...copy } = row!;
    const copies = Array.from({ length: 10_001 }, (_, i) => ({ ...copy, caseYear: 1900 + (i % 100), caseSeq: 10 + Math.floor(i / 100) }));
    for (let i = 0; i < copies.length; i += 1000) await t.db.orm.insert(disputes).values(copies.slice(i, i + 1000));
    const res = await mediator.get("/api/disputes/export.xlsx");
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.code, "ledger.exportTooMany");
    assert.deepEqual(
      res.body.errors.map((e: { field: string }) => e.field),
      ["registeredFrom", "registeredTo"],
    );
    assert.match(res.body.title, /10000/);
    await t.db.orm.delete(disputes).where(lt(disputes.caseYear, 2000));
  });

  it("gives a template whose headers are the ones the import reads, with an explanation sheet, and imports it filled in", async () => {
    const res = await mediator.request("GET", "/api/disputes/import-template.xlsx");
    assert.equal(res.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      ["纠纷登记", "填写说明"],
    );
    const sheet = workbook.worksheets[0]!;
    assert.deepEqual(
      (sheet.getRow(2).values as unknown[]).slice(1),
      LEDGER_IMPORT_COLUMNS.map(templateHeader),
    );
    const explained = (await cellTexts(res.raw)).join("\n");
    for (const label of ["婚姻家庭", "当事人申请", "乡镇（街道）", "司法调解", "高"]) assert.ok(explained.includes(label), `the explanation lists ${label}`);

    // The example row stands as it is; a second row is typed in below it, its date as an Excel date.
    const second = goodRow({ applicantName: "钱七", occurredAt: new Date(Date.UTC(2026, 1, 20, 14, 30)) });
    sheet.getRow(4).values = LEDGER_IMPORT_COLUMNS.map((column) => second[column.key] ?? null);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());

    const before = await countDisputes();
    const imported = await upload(villageMediator, filled, { orgId: world.villageA.id });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body, { imported: 2, errors: [] });
    assert.equal(await countDisputes(), before + 2);

    const list = await villageMediator.get(`/api/disputes?orgId=${world.villageA.id}&q=钱七`);
    assert.equal(list.body.total, 1);
    const dispute = (await villageMediator.get(`/api/disputes/${list.body.items[0].id}`)).body;
    assert.equal(dispute.occurredAt, "2026-02-20T06:30:00.000Z", "an Excel date is China's wall clock");
    assert.equal(dispute.type, "neighbours");
    assert.equal(dispute.level, "village");
    assert.deepEqual(
      dispute.parties.map((p: { side: string; name: string; idNumber: string }) => [p.side, p.name, p.idNumber]),
      [
        ["applicant", "钱七", VALID_ID_NUMBERS[0]],
        ["respondent", "赵六", VALID_ID_NUMBERS[1]],
      ],
    );
    assert.match(dispute.caseNumber, /^2026-\d{4}$/);
    const timeline = await villageMediator.get(`/api/disputes/${dispute.id}/timeline`);
    assert.equal(timeline.body.items[0].detail.kind, "registered", "registered through the registration: timeline and case number");
    const audits = await t.db.orm.select().from(auditLog).where(eq(auditLog.action, "dispute.import"));
    assert.deepEqual(audits.at(-1)!.detail, { mode: "all_or_nothing", rows: 2, imported: 2, rejectedLines: [] });
  });

  const badRows: Row[] = [
    goodRow({ type: "吵架" }),
    goodRow({ applicantIdNumber: "330102198001011231" }),
    goodRow({ summary: "" }),
    goodRow({ occurredAt: "2026-02-30" }),
    goodRow({ occurredAt: "2026-04-01" }),
    goodRow({ applicantName: "", applicantPhone: "", applicantIdNumber: "" }),
    goodRow({ risk: "高" }),
    goodRow({ source: "信访" }),
  ];
  const badLines = ["2:type", "3:applicantIdNumber", "4:summary", "5:occurredAt", "6:occurredAt", "7:applicantName", "8:riskReason", "9:source"];

  it("refuses a sheet with any bad row, naming each line and column in the caller's language, and imports nothing", async () => {
    const file = await writtenSheet(badRows);
    await touch(villageMediator);
    const before = await databaseChecksum(t.db.orm);
    const res = await upload(villageMediator, file, { orgId: world.villageA.id });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.code, "ledger.rowsInvalid");
    assert.deepEqual(lineFields(res), badLines);
    const message = (line: number) => res.body.errors.find((e: { line: number }) => e.line === line).message;
    assert.equal(message(2), "不是本系统纠纷类型清单中的类型");
    assert.equal(message(5), "应为日期，如 2026-03-01 或 2026-03-01 09:30");
    assert.equal(message(6), "发生时间不能晚于当前时间");
    assert.equal(await databaseChecksum(t.db.orm), before, "nothing imported, nothing audited");

    const english = await upload(villageMediator, file, { orgId: world.villageA.id }, "ledger.xlsx", "en");
    assert.equal(english.body.errors.find((e: { line: number }) => e.line === 7).message, "Name at least one applicant");
    assert.match(english.body.title, /8 rows/);

    const allGood = await upload(villageMediator, await writtenSheet([goodRow(), goodRow({ applicantName: "", applicantPhone: "", applicantIdNumber: "" })]), { orgId: world.villageA.id, mode: "all_or_nothing" });
    assert.deepEqual(lineFields(allGood), ["3:applicantName"], "one bad row is enough to refuse the whole sheet");
    assert.equal(await databaseChecksum(t.db.orm), before);
  });

  it("in valid_rows mode registers the good rows and reports the bad ones", async () => {
    const before = await countDisputes();
    const file = await writtenSheet([goodRow({ applicantName: "孙八" }), ...badRows, goodRow({ applicantName: "周九", occurredAt: "2026/2/28 18:05" })]);
    const res = await upload(villageMediator, file, { orgId: world.villageA.id, mode: "valid_rows" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.imported, 2);
    assert.deepEqual(
      lineFields(res),
      badLines.map((entry) => entry.replace(/^(\d+)/, (line) => String(Number(line) + 1))).sort(),
    );
    assert.equal(await countDisputes(), before + 2);
    const found = await villageMediator.get(`/api/disputes?q=周九`);
    assert.equal(found.body.items[0].occurredAt, "2026-02-28T10:05:00.000Z");
  });

  it("refuses a file that is not a readable workbook with 400 naming `file`, writing nothing", async () => {
    // A Word document is a zip of the same packaging as a workbook, without a workbook in it.
    const renamedDocx = await sampleDocx();
    await touch(villageMediator);
    const before = await databaseChecksum(t.db.orm);
    const htmlPage = Buffer.from("<html><body><table><tr><td>案件</td></tr></table><script>alert(1)</script></body></html>");
    for (const bytes of [Buffer.from("random bytes, not a workbook at all ".repeat(20)), renamedDocx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), htmlPage, sampleExecutable()]) {
      const res = await upload(villageMediator, bytes, { orgId: world.villageA.id });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        ["file"],
      );
    }
    const empty = await upload(villageMediator, Buffer.alloc(0), { orgId: world.villageA.id });
    assert.equal(empty.status, 400);
    const noHeader = new ExcelJS.Workbook();
    noHeader.addWorksheet("x").addRow(["随便", "什么"]);
    const headerless = await upload(villageMediator, Buffer.from(await noHeader.xlsx.writeBuffer()), { orgId: world.villageA.id });
    assert.equal(headerless.body.errors[0].field, "file");
    const tooMany = await upload(villageMediator, await writtenSheet(Array.from({ length: LEDGER_IMPORT_MAX_ROWS + 1 }, () => goodRow())), { orgId: world.villageA.id });
    assert.equal(tooMany.status, 413, JSON.stringify(tooMany.body));
    assert.equal(tooMany.body.errors[0].field, "file");
    const tooLarge = await upload(villageMediator, Buffer.alloc(LEDGER_IMPORT_MAX_BYTES + 1, 0x50), { orgId: world.villageA.id });
    assert.equal(tooLarge.status, 413, JSON.stringify(tooLarge.body));
    assert.equal(tooLarge.body.errors[0].field, "file");
    const json = await villageMediator.post("/api/disputes/import", { file: "x" });
    assert.equal(json.status, 415);
    assert.equal(await databaseChecksum(t.db.orm), before);
  });

  it("imports only for an org the caller may register for, judged before the file is read", async () => {
    const file = await writtenSheet([goodRow()]);
    await Promise.all([touch(reporter), touch(villageMediator)]);
    const before = await databaseChecksum(t.db.orm);
    const below = await upload(reporter, file, { orgId: world.villageA.id });
    assert.equal(below.status, 403, "a reporter registers for its own org only");
    const elsewhere = await upload(villageMediator, file, { orgId: world.townshipB.id });
    assert.equal(elsewhere.status, 404);
    const noOrg = await upload(villageMediator, file, {});
    assert.equal(noOrg.status, 400);
    assert.equal(noOrg.body.errors[0].field, "orgId");
    const badMode = await upload(villageMediator, file, { orgId: world.villageA.id, mode: "some" });
    assert.equal(badMode.body.errors[0].field, "mode");
    assert.equal(await databaseChecksum(t.db.orm), before);

    const own = await upload(reporter, file, {}, "x.xlsx");
    assert.equal(own.status, 400);
    const query = multipartBody([{ fileName: "x.xlsx", bytes: file }]);
    const ownOrg = await reporter.request("POST", `/api/disputes/import?orgId=${world.townshipA.id}`, query.body, { "content-type": query.contentType });
    assert.equal(ownOrg.status, 200, JSON.stringify(ownOrg.body));
    assert.equal(ownOrg.body.imported, 1, "the org may come in the query");
  });
});
