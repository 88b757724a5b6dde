// The township officer reads the dispute statistics: three disputes registered through the API
// show in the totals and the charts, and a bar of the type chart opens the register list
// filtered by that type.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";
import { sampleDispute } from "../../server/testing/dispute-factories.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe("the dispute statistics page", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("counts the disputes registered, and a type bar opens the list of that type", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await page.goto(app.server.url);
    await page.getByTestId("login-username").waitFor();

    // The demo township has no disputes yet: the officer registers three, as the front desk would.
    const occurredAt = new Date(Date.now() - 3600_000).toISOString();
    const payloads = [sampleDispute({ id: "" }, { occurredAt }), sampleDispute({ id: "" }, { occurredAt }), sampleDispute({ id: "" }, { occurredAt, type: "marriage_family" })];
    const statuses = await page.evaluate(async (disputes) => {
      const login = await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "officer", password: "huajie-demo" }) });
      const session = (await login.json()) as { csrfToken: string; org: { id: string } };
      const headers = { "content-type": "application/json", "x-csrf-token": session.csrfToken };
      const answers: number[] = [];
      for (const dispute of disputes) answers.push((await fetch("/api/disputes", { method: "POST", headers, body: JSON.stringify({ ...dispute, orgId: session.org.id }) })).status);
      // No content type on a request without a body: Fastify refuses an empty JSON body.
      await fetch("/api/auth/logout", { method: "POST", headers: { "x-csrf-token": session.csrfToken } });
      return answers;
    }, payloads);
    assert.deepEqual(statuses, [201, 201, 201]);

    await signInAs(page, app.server.url, "officer");
    await page.getByRole("menuitem", { name: "纠纷统计" }).click();
    await page.getByTestId("stats-total-registered").getByText("3").waitFor();
    assert.match(await page.getByTestId("stats-total-agreed").innerText(), /调解成功\s*0/);
    assert.match(await page.getByTestId("stats-success-rate").innerText(), /调解成功率\s*—/, "nothing mediated yet: no rate rather than 0%");

    // The address the chart sends the page to, whichever page then answers it.
    await page.evaluate(() => {
      const visited: string[] = [];
      Object.assign(window, { visited });
      const push = history.pushState.bind(history);
      history.pushState = (data, unused, url) => {
        visited.push(String(url));
        push(data, unused, url);
      };
    });
    // Largest group at the top: the last bar drawn is the neighbours' two disputes.
    const bars = page.getByTestId("stats-by-type").locator('path[fill="#b5342b"]');
    await bars.nth(1).waitFor();
    await bars.last().click();
    await page.waitForFunction(() => (window as unknown as { visited: string[] }).visited.length > 0);
    const [visited] = await page.evaluate(() => (window as unknown as { visited: string[] }).visited);
    const url = new URL(visited!, app.server.url);
    assert.equal(url.pathname, "/disputes");
    assert.equal(url.searchParams.get("type"), "neighbours");
    assert.ok(url.searchParams.get("registeredFrom"), "the list reads the same range the figures counted");
  });
});
