// The township leader revises the natural-disaster plan in the browser: a new draft, a changed
// threshold, publication — and the new version is the one in force.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { browserSkipReason, confirmWith, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe("publishing a plan version in the browser", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("revises the active plan as a draft and publishes it as version 2", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "leader");
    await page.getByRole("menuitem", { name: "应急预案" }).click();
    await page.getByTestId("plan-青山镇自然灾害应急预案").click();
    await page.getByTestId("plan-version-status").getByText("现行").waitFor();

    await page.getByTestId("plan-edit").click();
    await page.locator(".ant-modal").getByRole("tab", { name: "Ⅳ 一般" }).click();
    const threshold = page.getByTestId("threshold-IV-minPeopleInvolved");
    await threshold.fill("12");
    await page.getByTestId("plan-form-submit").click();
    await page.getByTestId("plan-version-status").getByText("草稿").waitFor();

    await confirmWith(page, page.getByTestId("plan-publish"));
    await page.getByText("第 2 版 · 现行").waitFor();
    await page.locator(".ant-drawer").getByRole("tab", { name: "Ⅳ 一般" }).click();
    await page.locator(".ant-drawer").getByText("涉及人数 ≥ 12").waitFor();

    // The server agrees: version 2 is in force and suggests level IV from 12 people.
    const cookies = await page.context().cookies();
    const headers = { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
    const plans = (await (await fetch(`${app.server.url}/api/plans?category=natural_disaster`, { headers })).json()) as { items: { id: string; activeVersion: { versionNo: number } }[] };
    assert.equal(plans.items[0]!.activeVersion.versionNo, 2);
    const suggestion = (await (await fetch(`${app.server.url}/api/plans/${plans.items[0]!.id}/suggest-level?people=12`, { headers })).json()) as { level: string; versionNo: number };
    assert.deepEqual([suggestion.level, suggestion.versionNo], ["IV", 2]);
  });
});
