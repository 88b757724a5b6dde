// A neighbours' quarrel the township office has taken: the officer finds it in the register as
// the statistics page links to it, records a meeting with both sides, then the agreement they
// reached in two terms. The record shows it; the signed copy is there as a Word document and as
// a page to print with the parties' right to judicial confirmation. A month on, the follow-up
// visit finds nothing done, and the case is back in mediation.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { systemClock } from "../../server/clock.ts";
import { acceptDispute } from "../../server/modules/disputes/acceptance-service.ts";
import { caseNumberOf } from "../../server/modules/disputes/texts.ts";
import { browserSkipReason, choose, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";
import { makeDispute } from "../../server/testing/dispute-factories.ts";
import { makeAccount } from "../../server/testing/factories.ts";
import { actorOfAccount } from "../../server/testing/incident-factories.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const TERMS = ["李四于本协议签订之日起十五日内拆除越界部分围墙。", "张三放弃要求李四赔偿损失的请求。"];

describe("mediating a dispute to an agreement and following it up", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  /** A dispute of the township, accepted by one of its mediators, as the record stands when mediation begins. */
  async function acceptedDispute() {
    const db = app.server.db.orm;
    const township = (await db.query.orgs.findFirst({ where: (o, { eq }) => eq(o.name, "青山镇") }))!;
    const dispute = await makeDispute(db, township, { overrides: { summary: "张三与李四两家因宅基地边界围墙发生争执，李四新砌围墙越界约半米。" } });
    const mediator = await makeAccount(db, { org: township, roles: ["mediator"], displayName: "周调解" });
    await db.transaction((tx) =>
      acceptDispute({ actor: actorOfAccount(mediator, township), tx, clock: systemClock, input: { id: dispute.id, version: dispute.version, reason: "双方同意调解", mediators: [{ accountId: mediator.id, lead: true }], dueDays: 30 } }),
    );
    return dispute;
  }

  it("records a session and an agreement, downloads and prints it, and a failed follow-up reopens mediation", async () => {
    const dispute = await acceptedDispute();
    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "officer");
    await page.getByRole("menuitem", { name: "纠纷调解" }).waitFor();

    // The statistics page drills down by address: the register opens filtered, and keeps the address in step.
    await page.goto(`${app.server.url}/disputes?type=neighbours&status=accepted`);
    await page.getByTestId("filter-type").getByText("邻里纠纷").waitFor();
    await page.getByTestId("filter-status").getByText("已受理").waitFor();
    await page.getByTestId("disputes-export").waitFor();
    await choose(page, "filter-level", "村（社区）");
    await page.waitForURL((url) => url.searchParams.get("level") === "village" && url.searchParams.get("type") === "neighbours");
    await page.getByTestId(`dispute-link-${caseNumberOf(dispute)}`).click();
    await page.getByTestId("dispute-status").getByText("已受理").waitFor();

    // A meeting with both sides: the first puts the case in mediation.
    await page.getByTestId("action-recordSession").click();
    await page.getByTestId("session-place").fill("青山镇人民调解委员会调解室");
    await page.getByTestId("session-attendees").fill("张三、李四、调解员周调解");
    await page.getByTestId("session-applicant").fill("围墙越界半米，要求拆除。");
    await page.getByTestId("session-respondent").fill("同意拆除，但不同意赔偿。");
    await page.getByTestId("session-result").fill("双方初步达成一致意见。");
    await page.getByTestId("session-submit").click();
    await page.getByText("调解记录已保存").waitFor();
    await page.getByTestId("dispute-status").getByText("调解中").waitFor();
    await page.getByTestId("sessions").getByText("青山镇人民调解委员会调解室", { exact: false }).waitFor();

    // The outcome: a written agreement in two terms.
    await page.getByTestId("action-conclude").click();
    await page.getByTestId("outcome-kind").getByText("达成协议", { exact: true }).click();
    await page.getByTestId("outcome-form").getByText("书面协议").click();
    await page.getByTestId("outcome-facts").fill("李四新砌围墙越过宅基地界址约半米，双方因此发生争执。");
    await page.getByTestId("outcome-term-0").fill(TERMS[0]!);
    await page.getByTestId("outcome-add-term").click();
    await page.getByTestId("outcome-term-1").fill(TERMS[1]!);
    await page.getByTestId("outcome-manner").fill("李四自行拆除，张三配合");
    assert.equal(await page.getByTestId("outcome-follow-up-days").inputValue(), "30", "the follow-up visit is due in 30 days unless changed");
    // A performance date already past: the server's reason stands beside the date.
    const dueOn = await page.getByTestId("outcome-due-on").inputValue();
    await page.getByTestId("outcome-due-on").fill("2020-01-01");
    await page.keyboard.press("Enter");
    await page.getByTestId("outcome-submit").click();
    await page.getByTestId("outcome").getByText("履行期限不能早于协议达成之日").waitFor();
    await page.getByTestId("outcome-due-on").fill(dueOn);
    await page.keyboard.press("Enter");
    await page.getByTestId("outcome-submit").click();
    await page.getByText("调解结果已记录").waitFor();
    await page.getByTestId("dispute-status").getByText("调解成功").waitFor();
    const card = page.getByTestId("agreement");
    for (const term of TERMS) await card.getByText(term).waitFor();

    // The agreement as a Word document: a zip, named for the document and the case.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("agreement-docx").click()]);
    assert.match(download.suggestedFilename(), /^人民调解协议书（\d{4}-\d{4}）\.docx$/);
    const bytes = await readFile((await download.path())!);
    assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK", "a .docx is a zip");

    // The same agreement as a page to print, without the application around it.
    await page.getByTestId("agreement-print").click();
    const sheet = page.getByTestId("agreement-sheet");
    await sheet.getByText("人民调解协议书").waitFor();
    for (const term of TERMS) await sheet.getByText(term, { exact: false }).waitFor();
    await sheet.getByText("共同向人民法院申请司法确认", { exact: false }).waitFor();
    await sheet.getByText("青山镇人民调解委员会", { exact: true }).waitFor();
    assert.equal(await page.getByRole("menuitem", { name: "纠纷调解" }).count(), 0, "no menu on the printed page");
    await page.getByTestId("print-back").click();

    // The follow-up visit finds the wall still standing: mediation goes on.
    await page.getByTestId("action-recordFollowUp").click();
    await page.getByTestId("follow-up-performance").getByText("未履行").click();
    await page.getByTestId("follow-up-notes").fill("李四尚未拆除围墙。");
    await page.getByTestId("follow-up-submit").click();
    await page.getByText("回访已记录").waitFor();
    await page.getByTestId("dispute-status").getByText("调解中").waitFor();
    await page.getByTestId("follow-ups").getByTestId("follow-up-performance-tag").getByText("未履行").waitFor();
    await page.getByTestId("action-conclude").waitFor();
  });
});
