// The township's auditor opens the audit log, checks that its hash chain is intact, narrows the
// log to the disputes registered, and takes that part away as Excel, each row with its hashes.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { apiSession, browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe("an auditor verifying and exporting the audit log", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("verifies the chain, filters the log and downloads the filtered rows", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "auditor");
    await page.getByRole("menuitem", { name: "审计日志" }).click();
    await page.getByText("auth.login").first().waitFor();

    await page.getByTestId("audit-verify").click();
    const verification = page.getByTestId("audit-verification");
    await verification.getByText(/审计日志完整：已校验 \d+ 条/).waitFor();
    const checked = Number(/已校验 (\d+) 条/.exec(await verification.innerText())![1]);
    assert.ok(checked > 100, `the demo township's history is in the chain: ${checked} rows`);
    await verification.getByText("自第 1 条起校验，从未清理").waitFor();

    await page.getByPlaceholder("操作", { exact: true }).fill("dispute.register");
    await page.keyboard.press("Enter");
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll(".ant-table-tbody tr.ant-table-row td:nth-child(4)")];
      return cells.length > 0 && cells.every((cell) => cell.textContent === "dispute.register");
    });
    assert.ok((await rows.count()) > 0);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
    assert.match(download.suggestedFilename(), /^审计日志（\d{4}-\d{2}-\d{2}）\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("审计日志")!;
    const actions: string[] = [];
    const hashes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n <= 2) return;
      actions.push(String(row.getCell(7).value));
      hashes.push(String(row.getCell(14).value));
    });
    const auditor = await apiSession(app.server.url, "auditor");
    const listed = (await auditor.get("/api/audit?action=dispute.register&limit=1")) as { total: number };
    assert.equal(actions.length, listed.total, "the file holds every row the filter selects");
    assert.ok(actions.every((action) => action === "dispute.register"));
    assert.ok(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash)));

    const exports = (await auditor.get("/api/audit?action=audit.export")) as { items: { detail: { filter: unknown; rows: number } }[] };
    assert.deepEqual(exports.items.map((item) => item.detail), [{ filter: { action: "dispute.register" }, rows: listed.total }]);
  });
});
