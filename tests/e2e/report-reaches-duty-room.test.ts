// Two people at once: a village reporter on a phone and the township duty officer at the live
// board. The report appears on the board within a second without a reload and rings; the
// officer receives it (签收), and the reporter's phone shows that without a reload either.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveOnDuty } from "../../server/modules/duty/on-duty.ts";
import { browserSkipReason, deskContext, phoneContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const TITLE = "河口村渡口码头护栏垮塌";
/** The board answers "within seconds"; the issue holds it to one. */
const BOARD_WITHIN_MS = 1000;

describe("a report from the field reaches the duty room", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("rings the live board of whoever is on duty within a second; receiving it shows on the reporter's phone", async () => {
    // Whoever the demo roster has on duty at the township right now keeps the board open.
    const orm = app.server.db.orm;
    const township = (await orm.query.orgs.findFirst({ where: (o, { eq }) => eq(o.name, "青山镇") }))!;
    const [shift] = (await resolveOnDuty(orm, township, new Date())).shifts;
    assert.ok(shift, "the demo roster covers today");
    const officer = (await orm.query.accounts.findFirst({ where: (a, { eq }) => eq(a.id, shift.officers[0]!.id) }))!;

    const desk = await deskContext(app.browser);
    // Count the beeps the board plays: every one starts a Web Audio oscillator.
    await desk.addInitScript(() => {
      const w = window as unknown as { beeps: number };
      w.beeps = 0;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
        w.beeps += 1;
        return start.apply(this, args);
      };
    });
    // The moment the report's card enters the board, by the page's own clock: the test's
    // events arrive late when the machine is busy, the page's DOM does not.
    await desk.addInitScript((title) => {
      const w = window as unknown as { shownAt: number | null };
      w.shownAt = null;
      new MutationObserver(() => {
        if (w.shownAt === null && document.querySelector(`[data-testid="board-incident-${title}"]`)) w.shownAt = Date.now();
      }).observe(document, { childList: true, subtree: true });
    }, TITLE);
    const board = await desk.newPage();
    await signInAs(board, app.server.url, officer.username);
    await board.getByRole("menuitem", { name: "实时看板" }).click();
    await board.locator("[data-testid=live-status][data-status=live]").waitFor();
    await board.getByTestId("board-on-duty").getByText(officer.displayName).first().waitFor();
    const beepsBefore = await board.evaluate(() => (window as unknown as { beeps: number }).beeps);

    const phone = await (await phoneContext(app.browser)).newPage();
    await signInAs(phone, app.server.url, "reporter-hekou");
    await phone.getByTestId("incident-category").getByText("事故灾难").click();
    await phone.getByTestId("incident-title").fill(TITLE);
    await phone.getByTestId("incident-description").fill("渡口码头一段护栏垮塌，一名村民落水后被救起，轻微擦伤。");
    await phone.getByTestId("incident-place").fill("河口村渡口码头");
    await phone.getByTestId("incident-injuries").fill("1");
    await phone.getByTestId("incident-reporter-contact").fill("13800571234");

    const sent = phone.waitForResponse((response) => response.url().endsWith("/api/incidents") && response.request().method() === "POST");
    await phone.getByTestId("incident-submit").click();
    assert.equal((await sent).status(), 201);
    // When the phone had the server's answer, from the browser's own record of the request.
    const answeredAt = await phone.evaluate(() => {
      const posts = performance.getEntriesByType("resource").filter((entry) => new URL(entry.name).pathname === "/api/incidents") as PerformanceResourceTiming[];
      return performance.timeOrigin + posts.at(-1)!.responseEnd;
    });
    await board.getByTestId(`board-incident-${TITLE}`).waitFor();
    const shownAfter = Math.round((await board.evaluate(() => (window as unknown as { shownAt: number }).shownAt)) - answeredAt);
    console.log(`# the board showed the report ${shownAfter} ms after the phone had the server's answer`);
    if (shownAfter > BOARD_WITHIN_MS) {
      // Where the time went: each request the board made after the answer, from and to, in ms after it.
      const requests = await board.evaluate(
        (at) =>
          (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
            .filter((entry) => performance.timeOrigin + entry.startTime >= at)
            .map((entry) => `${new URL(entry.name).pathname} ${Math.round(performance.timeOrigin + entry.startTime - at)}→${Math.round(performance.timeOrigin + entry.responseEnd - at)}`),
        answeredAt,
      );
      assert.fail(`the board showed the report ${shownAfter} ms after the phone had the server's answer; its requests: ${requests.join(", ")}`);
    }

    // It rings: a banner, a beep, and one more notification waiting for the officer.
    const banner = board.locator(".live-notification-banner").filter({ hasText: TITLE });
    await banner.getByText("【新报告】", { exact: false }).waitFor();
    await board.waitForFunction((before) => (window as unknown as { beeps: number }).beeps > before, beepsBefore);
    const waiting = board.getByTestId("board-notification").filter({ hasText: TITLE });
    await waiting.waitFor();

    // The reporter's phone shows the report waiting for the duty room.
    await phone.getByTestId("incident-heading").getByText(TITLE).waitFor();
    await phone.getByTestId("incident-receipt").getByText("等待值班室签收").waitFor();

    await waiting.getByTestId("acknowledge").click();
    await banner.waitFor({ state: "detached" });
    assert.equal(await board.getByTestId("board-notification").filter({ hasText: TITLE }).count(), 0);

    // Without a reload, the phone shows who received it.
    await phone.getByTestId("incident-receipt").getByText(`值班室已签收：${officer.displayName}`, { exact: false }).waitFor();
    await phone.getByTestId("timeline").getByText("值班室签收了报告").waitFor();
  });
});
