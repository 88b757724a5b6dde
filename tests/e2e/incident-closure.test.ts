// The township leader reports an incident upward from its page: drafts the initial report,
// edits it, approves and sends it; then closes the incident with the review, reads the
// timings the server computed, and reopens it with a reason.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason, confirmWith, deskContext, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const TITLE = "青山镇石桥路口货车侧翻";

/** The status of the POST ending in `path` that `act` sends; a refusal fails with the server's own words. */
async function answerTo(page: Page, path: string, act: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === "POST", { timeout: 60_000 }), act()]);
  if (response.status() !== 200) assert.fail(`${path}: ${response.status()} ${await response.text()}`);
  return response.status();
}

describe("reports upward and closure on the incident page", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("drafts, edits, approves and sends the initial report; closes with a review; reopens", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await page.goto(app.server.url);
    await page.getByTestId("login-username").waitFor();

    // Reported and opened through the API by the officer, as the duty room's phone would.
    const incident = await page.evaluate(async (title) => {
      const login = await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "officer", password: "huajie-demo" }) });
      const session = (await login.json()) as { csrfToken: string; org: { id: string } };
      const headers = { "content-type": "application/json", "x-csrf-token": session.csrfToken };
      const created = (await (
        await fetch("/api/incidents", {
          method: "POST",
          headers,
          body: JSON.stringify({ orgId: session.org.id, category: "accident_disaster", title, description: "一辆货车在石桥路口侧翻，司机受轻伤。", place: "石桥路口", occurredAt: new Date(Date.now() - 600_000).toISOString(), injuries: 1 }),
        })
      ).json()) as { id: string; version: number; suggestedLevel: string | null };
      const opened = await fetch(`/api/incidents/${created.id}/level`, { method: "POST", headers, body: JSON.stringify({ version: created.version, level: created.suggestedLevel ?? "IV", reason: created.suggestedLevel ? null : "按一般事件处置" }) });
      await fetch("/api/auth/logout", { method: "POST", headers });
      return { ...created, opened: `${opened.status} ${await opened.text()}` };
    }, TITLE);
    assert.match(incident.opened, /^200/);
    await page.getByTestId("login-username").fill("leader");
    await page.getByTestId("login-password").fill("huajie-demo");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("current-user").waitFor();
    await page.goto(`${app.server.url}/incidents/${incident.id}`);
    await page.getByTestId("incident-status").getByText("处置中").waitFor();
    assert.equal(await page.getByTestId("cap-download").getAttribute("href"), `/api/incidents/${incident.id}/cap.xml`);

    // The initial report: drafted from the facts, edited, approved, sent.
    await page.getByTestId("draft-initial").click();
    const drawer = page.getByTestId("report-drawer");
    await drawer.getByTestId("report-status").getByText("草稿").waitFor();
    await drawer.getByTestId("report-summary").fill("一辆货车在石桥路口侧翻，司机受轻伤，已送医。");
    await drawer.getByTestId("report-save").click();
    await page.getByText("报告已保存").waitFor();
    assert.equal(await answerTo(page, "/approve", () => confirmWith(page, drawer.getByTestId("report-approve"))), 200);
    await drawer.getByTestId("report-status").getByText("已签发").waitFor();
    assert.equal(await answerTo(page, "/send", () => confirmWith(page, drawer.getByTestId("report-send"))), 200);
    await drawer.getByTestId("report-status").getByText("已报送").waitFor();
    assert.equal(await drawer.getByTestId("report-summary").count(), 0, "a sent report is not edited");
    assert.match((await drawer.getByTestId("report-export").getAttribute("href")) ?? "", /\/export\.docx$/);
    await page.keyboard.press("Escape");
    await page.getByTestId("report-item").getByText("已报送").waitFor();

    // Closing with the review; the timings are the server's.
    await page.getByTestId("close-open").click();
    await page.getByTestId("close-outcome").fill("车辆已拖离，道路恢复通行。");
    await page.getByTestId("close-summary").fill("接报后 20 分钟内完成现场处置。");
    await page.getByTestId("close-lessons").fill("路口视线不良，需增设警示标志。");
    await page.getByTestId("close-submit").click();
    await page.getByText("已结束处置").first().waitFor();
    await page.getByTestId("incident-status").getByText("已结束").waitFor();
    await page.getByTestId("review").getByText("车辆已拖离，道路恢复通行。").waitFor();
    const timings = await page.getByTestId("review-timings").innerText();
    assert.match(timings, /首报[\s\S]*按时/, "the initial report was sent on time");

    // Reopening says why.
    await page.getByTestId("reopen-open").click();
    await page.getByTestId("reopen-reason").fill("发现车上货物泄漏，需继续处置。");
    await page.getByTestId("reopen-submit").click();
    await page.getByText("事件已重新开启").waitFor();
    await page.getByTestId("incident-status").getByText("处置中").waitFor();
  });
});
