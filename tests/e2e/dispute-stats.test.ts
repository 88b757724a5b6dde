// The township officer reads the dispute statistics over the demo's half year of cases: a
// dispute registered, mediated and agreed now shows in the totals, and the largest bar of the
// type chart opens the register list filtered by that type.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DisputeStats } from "@shared/disputes/stats-schemas.ts";
import { chinaDate } from "@shared/duty/china-time.ts";
import { apiSession, browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";
import { sampleDispute } from "../../server/testing/dispute-factories.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe("the dispute statistics page", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("counts a dispute agreed just now with the half year before it, and a type bar opens the list of that type", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await page.goto(app.server.url);
    await page.getByTestId("login-username").waitFor();

    // The figures the page shows by default (this year to today, the officer's township), read
    // before and after a neighbours' dispute is registered, accepted, mediated and agreed.
    const api = await apiSession(app.server.url, "officer");
    const today = new Date();
    const range = `from=${new Date(today.getFullYear(), 0, 1).toISOString()}&to=${new Date(today.getFullYear(), today.getMonth(), today.getDate(), 23, 59, 59, 999).toISOString()}`;
    const stats = async () => (await api.get(`/api/disputes/stats?orgId=${api.session.org.id}&${range}`)) as DisputeStats;
    const before = await stats();
    const registered = await api.post("/api/disputes", { ...sampleDispute({ id: api.session.org.id }), occurredAt: new Date(Date.now() - 3600_000).toISOString() });
    const accepted = await api.post(`/api/disputes/${registered.id}/accept`, { version: registered.version, reason: "双方同意调解", mediators: [{ accountId: api.session.account.id, lead: true }] });
    const mediating = await api.post(`/api/disputes/${registered.id}/sessions`, {
      version: accepted.version,
      heldAt: new Date().toISOString(),
      place: "镇调解室",
      attendees: "双方当事人",
      applicantStatement: "围墙越界",
      respondentStatement: "同意调整",
      result: "达成一致",
    });
    await api.post(`/api/disputes/${registered.id}/outcome`, {
      version: mediating.version,
      outcome: "agreed",
      agreement: { form: "written", facts: "围墙越界约半米", terms: ["十日内拆除越界部分"], performanceManner: "自行拆除", performanceDueOn: chinaDate(new Date(Date.now() + 10 * 86_400_000)) },
    });
    const after = await stats();
    assert.equal(after.totals.registered, before.totals.registered + 1);
    assert.equal(after.totals.agreed, before.totals.agreed + 1);

    await signInAs(page, app.server.url, "officer");
    await page.getByRole("menuitem", { name: "纠纷统计" }).click();
    await page.getByTestId("stats-total-registered").getByText(String(after.totals.registered), { exact: true }).waitFor();
    assert.match(await page.getByTestId("stats-total-agreed").innerText(), new RegExp(`调解成功\\s*${after.totals.agreed}`));
    const rate = ((after.successRate ?? 0) * 100).toFixed(1);
    assert.ok((await page.getByTestId("stats-success-rate").innerText()).includes(`${rate}%`), `the rate the server computed, ${rate}%`);

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
    // Largest group at the top. A hovered bar is drawn in a lighter red, so before each tap the
    // pointer leaves the chart until every bar is back in the chart's red, and the top one is
    // found by where it is, not by its place among the page's elements.
    const chart = page.getByTestId("stats-by-type");
    const RED = "rgb(181, 52, 43)"; // #b5342b, as the browser computes it whichever way ECharts wrote it
    const topBar = async () => {
      await chart.scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      const settled = await page.waitForFunction(
        ([count, red]) => {
          const paths = [...document.querySelectorAll('[data-testid="stats-by-type"] path')].filter((path) => getComputedStyle(path).fill === red);
          return paths.length === count && paths.map((path) => path.getBoundingClientRect().toJSON() as DOMRect);
        },
        [after.byType.length, RED] as const,
      );
      const top = ((await settled.jsonValue()) as DOMRect[]).reduce((best, box) => (box.y < best.y ? box : best));
      return { x: top.x + top.width / 2, y: top.y + top.height / 2 };
    };
    // The chart redraws when the type names arrive, and a click during a redraw is lost: tap
    // again, as choose() does for selects, until the page has gone somewhere (at most 3 times).
    for (let attempt = 1; ; attempt++) {
      const { x, y } = await topBar();
      await page.mouse.click(x, y);
      try {
        await page.waitForFunction(() => (window as unknown as { visited: string[] }).visited.length > 0, undefined, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const [visited] = await page.evaluate(() => (window as unknown as { visited: string[] }).visited);
    const url = new URL(visited!, app.server.url);
    assert.equal(url.pathname, "/disputes");
    const most = Math.max(...after.byType.map((row) => row.count));
    assert.ok(
      after.byType.some((row) => row.count === most && row.type === url.searchParams.get("type")),
      `the bar of the most common type: ${url.searchParams.get("type")} of ${JSON.stringify(after.byType)}`,
    );
    assert.ok(url.searchParams.get("registeredFrom"), "the list reads the same range the figures counted");
  });
});
