// The township duty officer keeps the live board open. The officer reports a fire through the
// API from another session and confirms its level: without a reload, the board shows the
// incident with its deadlines counting down, and the opening's notification rings with a
// banner; acknowledging it takes it off the list of what waits. A dropped connection shows as
// reconnecting, and the board catches up on what happened meanwhile (since=<last seq>).
// A township officer's board rings a high-risk dispute too: a notification that names no incident.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WebSocketRoute } from "playwright-core";
import { browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const TITLE = "青山镇工业园仓库起火";

/** Signs in through the API, as a second screen would, and returns a caller with its cookie and CSRF token. */
async function signIn(url: string, username: string) {
  const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "huajie-demo" }) });
  assert.equal(login.status, 200);
  const session = (await login.json()) as { csrfToken: string; org: { id: string } };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, "x-csrf-token": session.csrfToken, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as T;
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(payload)}`);
    return payload;
  };
  return { orgId: session.org.id, call };
}

async function waitUntil(condition: () => boolean, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the live board", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("shows a new incident and rings its notification without a reload; acknowledging clears it", async () => {
    const context = await deskContext(app.browser);
    // The board's WebSocket passes through a route the test can cut, to drop the connection.
    const sockets: { route: WebSocketRoute; server: WebSocketRoute | null }[] = [];
    let held = false;
    await context.routeWebSocket(/\/api\/live/, (route) => {
      sockets.push({ route, server: held ? null : route.connectToServer() });
    });
    const board = await context.newPage();
    let lastBoardRead = 0;
    board.on("requestfinished", (request) => {
      if (request.url().includes("/api/live-board")) lastBoardRead = Date.now();
    });
    await signInAs(board, app.server.url, "duty");
    await board.getByRole("menuitem", { name: "实时看板" }).click();
    await board.locator("[data-testid=live-status][data-status=live]").waitFor();
    await board.getByTestId("board-on-duty").getByText("值班员：").waitFor();
    const before = await board.getByTestId("board-notification").count();
    assert.equal(await board.getByTestId(`board-incident-${TITLE}`).count(), 0);

    // The officer, in another session, reports the fire and confirms the level the plan suggests.
    const officer = await signIn(app.server.url, "officer");
    const incident = await officer.call<{ id: string; version: number; suggestedLevel: string | null }>("POST", "/api/incidents", {
      orgId: officer.orgId,
      category: "accident_disaster",
      title: TITLE,
      description: "工业园 3 号仓库起火，浓烟较大，已组织人员撤离。",
      place: "青山镇工业园 3 号仓库",
      occurredAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      injuries: 2,
      peopleInvolved: 10,
    });
    // The reported incident appears on the board at once, before anyone has decided its level.
    await board.getByTestId(`board-incident-${TITLE}`).waitFor();
    assert.ok(incident.suggestedLevel, "the plan suggests a level");
    await officer.call("POST", `/api/incidents/${incident.id}/level`, { version: incident.version, level: incident.suggestedLevel, reason: null });

    // Opening it notifies the duty officer: a banner, and one more notification to acknowledge.
    // (The report's own notification, if the officer is on today's shift, was received by the
    // opening and leaves the board.)
    const banner = board.locator(".live-notification-banner").filter({ hasText: TITLE }).filter({ hasNotText: "新报告" });
    await banner.waitFor();
    const card = board.getByTestId("board-incident").filter({ hasText: TITLE });
    await card.getByText("处置中").waitFor();
    const countdown = card.getByTestId("board-countdown").first();
    await countdown.waitFor();
    assert.match(await countdown.innerText(), /^还剩 \d\d:\d\d$/);
    const mine = board.getByTestId("board-notification").filter({ hasText: TITLE }).filter({ hasNotText: "新报告" });
    await mine.waitFor();
    await board.waitForFunction((count) => document.querySelectorAll("[data-testid=board-notification]").length === count, before + 1);

    // The browser confirmed the delivery.
    const delivered = await app.server.db.orm.query.notifications.findMany({ where: (n, { eq }) => eq(n.incidentId, incident.id) });
    assert.ok(delivered.some((n) => n.deliveredAt !== null), "the board confirmed it showed the notification");

    await mine.getByTestId("acknowledge").click();
    await board.getByText("已签收").first().waitFor();
    await board.waitForFunction((count) => document.querySelectorAll("[data-testid=board-notification]").length === count, before);
    assert.equal(await board.getByTestId("board-notification").filter({ hasText: TITLE }).count(), 0);
    await banner.waitFor({ state: "detached" });

    // The connection drops. While it is down, the officer reports another incident; when the
    // board reconnects it asks for what it missed (since=<last seq>) and shows it.
    // First the re-reads the acknowledgement's own events asked for have to be over.
    await waitUntil(() => Date.now() - lastBoardRead > 1000);
    held = true;
    const dropped = sockets.at(-1)!;
    await dropped.server?.close();
    await dropped.route.close({ code: 3000 });
    await board.locator("[data-testid=live-status][data-status=reconnecting]").waitFor();
    assert.equal(await board.getByText("重连中").count(), 1);
    const second = "青山镇集镇菜场棚顶坍塌";
    await officer.call("POST", "/api/incidents", {
      orgId: officer.orgId,
      category: "accident_disaster",
      title: second,
      description: "集镇菜场一处棚顶因积水坍塌，无人员被困。",
      place: "青山镇集镇菜场",
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await waitUntil(() => sockets.length > 1 && sockets.at(-1)!.route !== dropped.route);
    assert.equal(await board.getByTestId(`board-incident-${second}`).count(), 0, "nothing arrives while the connection is down");
    held = false;
    const pending = sockets.at(-1)!;
    assert.match(pending.route.url(), /[?&]since=\d+/);
    pending.server = pending.route.connectToServer();
    await board.getByTestId(`board-incident-${second}`).waitFor();
    await board.locator("[data-testid=live-status][data-status=live]").waitFor();
  });

  it("rings a high-risk dispute's notification for the township officer, a notification of no incident", async () => {
    const context = await deskContext(app.browser);
    const board = await context.newPage();
    await signInAs(board, app.server.url, "officer");
    await board.getByRole("menuitem", { name: "实时看板" }).click();
    await board.locator("[data-testid=live-status][data-status=live]").waitFor();

    const mediator = await signIn(app.server.url, "mediator");
    const dispute = await mediator.call<{ id: string; caseNumber: string }>("POST", "/api/disputes", {
      orgId: mediator.orgId,
      source: "walk_in",
      type: "labour_wages",
      summary: "工地拖欠三十余名工人工资，工人情绪激动。",
      claims: "支付拖欠工资。",
      amountInDispute: 300000,
      peopleInvolved: 32,
      occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
      risk: "high",
      riskReason: "欠薪涉及三十余人，双方已发生冲突",
      level: "township",
      route: "administrative",
      parties: [{ side: "applicant", kind: "person", name: "赵大", contactPhone: null, idNumber: null, agentName: null, agentContact: null }],
    });
    const item = board.getByTestId("board-notification").filter({ hasText: dispute.caseNumber });
    await item.waitFor();
    await item.getByText("高风险纠纷").first().waitFor();
    assert.equal(await item.locator("a").count(), 0, "no incident to link to");
    await board.locator(".live-notification-banner").filter({ hasText: dispute.caseNumber }).waitFor();
    await item.getByTestId("acknowledge").click();
    await item.waitFor({ state: "detached" });
  });
});
