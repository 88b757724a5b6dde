// A village reporter reports a house fire from a phone in a dead spot: the report waits on the
// phone through a reload and goes out by itself when the network returns. The township duty
// officer then finds it, confirms the level the plan suggests, watches the plan's deadlines
// count down, and attaches a photo of the scene.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { samplePng } from "../../server/testing/attachment-factories.ts";
import { browserSkipReason, deskContext, phoneContext, seeMessageGo, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const TITLE = "河口村三组民房起火";

describe("reporting an incident from the field", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("queues a report sent offline, keeps it through a reload, sends it online; the duty officer confirms its level", async () => {
    const phone = await phoneContext(app.browser, { offline: true });
    await phone.grantPermissions(["geolocation"], { origin: app.server.url });
    await phone.setGeolocation({ latitude: 30.123456, longitude: 119.654321 });
    const page = await phone.newPage();
    await signInAs(page, app.server.url, "reporter-hekou");

    // A reporter lands on the report form. What is typed survives a reload.
    await page.getByTestId("incident-title").fill(TITLE);
    await page.getByTestId("draft-saved").waitFor();
    await page.reload();
    assert.equal(await page.getByTestId("incident-title").inputValue(), TITLE);

    await page.getByTestId("incident-category").getByText("事故灾难").click();
    await page.getByTestId("incident-description").fill("三组一户村民家厨房起火，火势已蔓延至二楼，村民正在组织扑救。");
    await page.getByTestId("incident-place").fill("河口村三组 27 号");
    await page.getByTestId("incident-use-position").click();
    await page.getByTestId("incident-coordinates").getByText("纬度 30.123456，经度 119.654321").waitFor();
    await page.getByTestId("incident-source").fill("村民电话报告");
    await page.getByTestId("incident-injuries").fill("3");
    await page.getByTestId("incident-peopleInvolved").fill("6");
    await page.getByTestId("incident-onlookers").fill("20");
    await page.getByTestId("incident-measuresTaken").fill("已拨打 119，疏散周边住户");
    await page.getByTestId("incident-reporter-contact").fill("13800571234");

    // The page works offline because its shell is kept on the phone.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await phone.setOffline(true);
    await page.getByTestId("incident-submit").click();
    await page.getByTestId("outbox-item").getByText("待发送").waitFor();
    await page.getByTestId("outbox-item").getByText(TITLE).waitFor();
    assert.equal(await page.getByTestId("incident-title").inputValue(), "", "the form starts over for the next report");

    // Reloading in the dead spot: the app opens from the phone, the report still waits.
    await page.reload();
    await page.getByText("网络未连接").first().waitFor();
    await page.getByTestId("outbox-item").getByText("待发送").waitFor();
    await page.getByTestId("outbox-item").getByText(TITLE).waitFor();

    // The network returns: the report goes out by itself and is in the reporter's list.
    await phone.setOffline(false);
    await seeMessageGo(page, `待发送的报告已送达：${TITLE}`);
    await page.getByTestId("menu-toggle").click();
    await page.getByRole("menuitem").filter({ hasText: /^突发事件$/ }).click();
    await page.getByTestId(`incident-link-${TITLE}`).click();
    await page.getByTestId("suggested-level").getByText("Ⅳ级 一般").waitFor();
    await page.getByTestId("facts").getByText("纬度 30.123456，经度 119.654321").waitFor();
    assert.equal(await page.getByTestId("outbox").count(), 0, "nothing waits any more");

    // The township duty officer, at a desk.
    const desk = await (await deskContext(app.browser)).newPage();
    await signInAs(desk, app.server.url, "duty");
    await desk.getByRole("menuitem").filter({ hasText: /^突发事件$/ }).click();
    await desk.getByTestId(`incident-link-${TITLE}`).click();
    await desk.getByTestId("incident-heading").getByText(TITLE).waitFor();
    await desk.getByTestId("suggested-level").getByText("Ⅳ级 一般").waitFor();
    await desk.getByTestId("confirmed-level").getByText("尚未确认").waitFor();
    await desk.getByText("确认级别、启动响应后，按预案生成签收、报告、到场等时限。").waitFor();
    assert.match(await desk.getByTestId("facts").innerText(), /13800571234/, "the handler sees the reporter's phone");

    await desk.getByTestId("level-submit").click();
    await desk.getByText("已确认级别，预案响应已启动").waitFor();
    await desk.getByTestId("confirmed-level").getByText("Ⅳ级 一般").waitFor();
    await desk.getByTestId("incident-status").getByText("处置中").waitFor();
    await desk.getByTestId("governing-plan").getByText("青山镇安全生产事故应急预案", { exact: false }).waitFor();

    // The plan's deadlines count down, second by second.
    const countdown = desk.getByTestId("deadline-countdown").first();
    await countdown.waitFor();
    const first = await countdown.innerText();
    assert.match(first, /^还剩 \d\d:\d\d$/);
    await desk.waitForFunction((before) => document.querySelector("[data-testid=deadline-countdown]")?.textContent !== before, first);
    await desk.getByTestId("deadlines").getByText("第 1 步签收：值班员").waitFor();

    // The timeline records who confirmed the level.
    const confirmation = desk.getByTestId("timeline-entry").filter({ hasText: "确认级别：Ⅳ级 一般" });
    await confirmation.waitFor();
    assert.match(await confirmation.innerText(), /马超/);

    // A photo of the scene, attached: its thumbnail shows, and the timeline records it.
    await desk.getByTestId("attachments").locator("input[type=file]").setInputFiles({ name: "现场照片.png", mimeType: "image/png", buffer: await samplePng() });
    await desk.getByText("已上传 现场照片.png").waitFor();
    const thumbnail = desk.getByTestId("attachment-thumbnail");
    await thumbnail.waitFor();
    await desk.waitForFunction(() => (document.querySelector("[data-testid=attachment-thumbnail]") as HTMLImageElement | null)?.naturalWidth === 320);
    await desk.getByTestId("timeline-entry").filter({ hasText: "添加附件：现场照片.png" }).waitFor();
  });
});
