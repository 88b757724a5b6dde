// The county's duty officer reads what the township reported up: the demo's reports are in the
// county's inbox, newest first; a final report opens in a drawer with its content and signer,
// its Word document downloads, and the incident's page is a click away.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OPEN_INCIDENT_TITLE } from "../../server/demo/incidents.ts";
import { browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const FIRE = "工业园区华达物流仓库火灾";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("the county's inbox of reports sent up", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("lists the township's reports, opens a final report with its signer, downloads it, and links to the incident", async () => {
    const context = await deskContext(app.browser);
    const page = await context.newPage();
    await signInAs(page, app.server.url, "county-duty");
    await page.getByRole("menuitem", { name: "报告收件箱" }).click();

    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await rows.first().waitFor();
    assert.match(await rows.first().innerText(), new RegExp(`青山镇[\\s\\S]*${OPEN_INCIDENT_TITLE}[\\s\\S]*首报`), "the open flood's initial report is the newest");
    await page.getByText("共 11 条").waitFor();

    await page.getByTestId(`inbox-open-${FIRE}-final`).click();
    const drawer = page.getByTestId("report-drawer");
    await drawer.getByTestId("report-status").getByText("已报送").waitFor();
    await drawer.getByText("青山镇关于工业园区华达物流仓库火灾的终报").waitFor();
    assert.match(await drawer.getByTestId("report-content").innerText(), /电动叉车充电线路短路/);
    await drawer.getByText("张卫东（").waitFor();
    const href = await drawer.getByTestId("report-export").getAttribute("href");
    assert.match(href ?? "", /\/export\.docx$/);
    const exported = await context.request.get(`${app.server.url}${href}`);
    assert.equal(exported.status(), 200);
    assert.equal(exported.headers()["content-type"], DOCX);
    assert.equal((await exported.body()).subarray(0, 2).toString(), "PK");
    await page.keyboard.press("Escape");

    await page.getByRole("link", { name: FIRE }).first().click();
    await page.getByTestId("incident-heading").getByText(FIRE).waitFor();
    await page.getByTestId("incident-status").getByText("已结束").waitFor();
  });
});
