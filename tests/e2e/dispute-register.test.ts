// A neighbours' quarrel over a boundary wall comes to the township office. The officer registers
// it with both neighbours, finds it in the register with their ID numbers masked, opens it, and
// accepts it with the township's mediator leading: the record shows it accepted and when
// mediation is due, a date that moves later only with both parties' agreement. The township's
// mediator refuses a wage claim that belongs to labour arbitration, and the notice to the
// parties is there to download. A type the county adds to its list is offered at once.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chinaDate } from "../../shared/duty/china-time.ts";
import { isResidentIdNumber } from "../../shared/disputes/schemas.ts";
import { caseNumberOf } from "../../server/modules/disputes/texts.ts";
import { browserSkipReason, choose, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";
import { makeDispute } from "../../server/testing/dispute-factories.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const APPLICANT_ID = "330102198506122314";
const RESPONDENT_ID = "330102199011204523";

describe("registering a dispute and deciding whether to take it", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("registers a dispute with two parties, lists it masked, and accepts it with a lead mediator", async () => {
    assert.ok(isResidentIdNumber(APPLICANT_ID) && isResidentIdNumber(RESPONDENT_ID), "the test's ID numbers carry their check character");
    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "officer");

    await page.getByRole("menuitem", { name: "纠纷调解" }).click();
    await page.getByText("纠纷登记簿").waitFor();
    await page.getByTestId("register-dispute").click();

    await page.getByTestId("dispute-source").getByText("来访").click();
    await choose(page, "dispute-type", "邻里纠纷");
    await page.getByTestId("dispute-summary").fill("王大明与李小红两家因院墙界址发生争执，李家新砌院墙占用王家宅基地约半米。");
    await page.getByTestId("dispute-claims").fill("王大明要求李小红拆除越界部分院墙并赔偿损失。");
    await page.getByTestId("dispute-amount").fill("3000");
    await page.getByTestId("dispute-people").fill("2");
    await page.getByTestId("dispute-risk").getByText("中", { exact: true }).click();
    await page.getByTestId("dispute-risk-reason").fill("双方曾发生推搡，情绪激动");
    await page.getByTestId("dispute-level").getByText("乡镇（街道）").click();

    // The first party is the applicant; the one added next is the respondent.
    await page.getByTestId("party-0-name").fill("王大明");
    await page.getByTestId("party-0-phone").fill("13812345678");
    await page.getByTestId("party-0-id-number").fill(APPLICANT_ID);
    await page.getByTestId("add-party").click();
    await page.getByTestId("party-1-side").getByText("被申请人").waitFor();
    await page.getByTestId("party-1-name").fill("李小红");
    await page.getByTestId("party-1-phone").fill("13987654321");
    // A mistyped ID number: the server's reason stands beside that party's field.
    await page.getByTestId("party-1-id-number").fill(RESPONDENT_ID.slice(0, 17) + "0");
    await page.getByTestId("dispute-submit").click();
    await page.getByTestId("party-1").getByText("不是有效的居民身份证号码（18位，末位为校验码）").waitFor();
    await page.getByTestId("party-1-id-number").fill(RESPONDENT_ID);
    await page.getByTestId("dispute-submit").click();

    // The record opens: registered, with the parties in full for the office handling it.
    await page.getByTestId("dispute-status").getByText("已登记").waitFor();
    await page.getByTestId("dispute-risk-reason").getByText("中：双方曾发生推搡，情绪激动").waitFor();
    const heading = await page.getByTestId("dispute-heading").innerText();
    const caseNumber = /^(\d{4}-\d{4})/.exec(heading)?.[1];
    assert.ok(caseNumber, `a case number heads the record: ${heading}`);
    await page.getByTestId("parties").getByText(APPLICANT_ID).waitFor();
    await page.getByTestId("timeline-entry").filter({ hasText: `登记纠纷，案号 ${caseNumber}` }).waitFor();

    // The register lists it with both parties, their ID numbers masked.
    await page.getByRole("menuitem", { name: "纠纷调解" }).click();
    const row = page.getByRole("row").filter({ has: page.getByTestId(`dispute-link-${caseNumber}`) });
    await row.getByText("邻里纠纷").waitFor();
    await row.getByText("已登记").waitFor();
    await row.getByText("中风险").waitFor();
    await row.getByText("申请人：王大明").waitFor();
    await row.getByText("被申请人：李小红").waitFor();
    await row.getByText("330***********2314").waitFor();
    assert.doesNotMatch(await row.innerText(), new RegExp(`${APPLICANT_ID}|${RESPONDENT_ID}`), "no full ID number in the register");

    // Accepting it, with the township's mediator leading.
    await page.getByTestId(`dispute-link-${caseNumber}`).click();
    await page.getByTestId("action-accept").click();
    await page.getByTestId("accept-reason").fill("属于人民调解受案范围，双方同意调解");
    await choose(page, "mediators", "钱淑芬");
    // A multiple select stays open for more; a tap elsewhere closes it. The only mediator leads.
    await page.getByTestId("accept-reason").click();
    await page.getByTestId("lead-mediator").getByText("钱淑芬").waitFor();
    assert.equal(await page.getByTestId("accept-due-days").inputValue(), "30", "mediation is due in 30 days unless changed");
    await page.getByTestId("accept-submit").click();

    await page.getByText("纠纷已受理").waitFor();
    await page.getByTestId("dispute-status").getByText("已受理").waitFor();
    await page.getByTestId("mediator-list").getByText("钱淑芬（主调）").waitFor();
    const due = chinaDate(new Date(Date.now() + 30 * 86_400_000));
    await page.getByTestId("mediation-due").getByText(due, { exact: false }).waitFor();
    assert.equal(await page.getByTestId("mediation-days-left").innerText(), "剩余 30 天");
    await page.getByTestId("timeline-entry").filter({ hasText: "受理：属于人民调解受案范围" }).waitFor();
    assert.equal(await page.getByTestId("action-accept").count(), 0, "a case accepted is not accepted again");

    // The deadline moves only with both parties' agreement.
    await page.getByTestId("action-extend").click();
    await page.getByTestId("extend-days").fill("15");
    await page.getByTestId("extend-reason").fill("双方同意等待土地确权结果");
    await page.getByTestId("extend-submit").click();
    await page.getByText("须经双方当事人同意方可延长").waitFor();
    await page.getByTestId("extend-parties-agreed").check();
    await page.getByTestId("extend-submit").click();
    await page.getByText("调解期限已延长").waitFor();
    await page.getByTestId("mediation-days-left").getByText("剩余 45 天").waitFor();
    await page.getByTestId("extensions").getByText("双方同意等待土地确权结果", { exact: false }).waitFor();
  });

  it("refuses a dispute, telling the parties where to go, and offers the notice to them", async () => {
    const township = (await app.server.db.orm.query.orgs.findFirst({ where: (o, { eq }) => eq(o.name, "青山镇") }))!;
    const dispute = await makeDispute(app.server.db.orm, township, { overrides: { type: "labour_wages", summary: "某建筑公司拖欠十二名农民工工资共计八万元。" } });
    const caseNumber = caseNumberOf(dispute);

    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "mediator");
    await page.getByRole("menuitem", { name: "纠纷调解" }).click();
    await page.getByTestId("dispute-search").getByRole("searchbox").fill("农民工工资");
    await page.keyboard.press("Enter");
    await page.getByTestId(`dispute-link-${caseNumber}`).click();
    await page.getByTestId("mediation").getByText("尚未决定是否受理").waitFor();

    await page.getByTestId("action-refuse").click();
    await page.getByTestId("refuse-reason").fill("属于劳动争议，应由劳动人事争议仲裁委员会处理");
    await choose(page, "refuse-redirect-to", "申请仲裁");
    await page.getByTestId("refuse-redirect-detail").fill("青山县劳动人事争议仲裁委员会");
    await page.getByTestId("refuse-submit").click();

    await page.getByText("已决定不予受理").waitFor();
    await page.getByTestId("dispute-status").getByText("不予受理").waitFor();
    await page.getByTestId("refusal").getByText("申请仲裁（青山县劳动人事争议仲裁委员会）").waitFor();
    assert.equal(await page.getByTestId("action-accept").count(), 0, "a refused case is not accepted");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("refusal-docx").click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
  });

  it("offers a type the county administrator adds to the list when a case is registered", async () => {
    const admin = await (await deskContext(app.browser)).newPage();
    await signInAs(admin, app.server.url, "county-admin");
    await admin.getByRole("menuitem", { name: "纠纷类型" }).click();
    const table = admin.getByTestId("dispute-types");
    await table.getByRole("textbox").nth(1).waitFor();
    assert.equal(await table.getByRole("textbox").first().isDisabled(), true, "a listed type keeps its key");
    await admin.getByTestId("dispute-type-add").click();
    const added = table.locator("tbody tr").last().getByRole("textbox");
    await added.nth(0).fill("tourism");
    await added.nth(1).fill("旅游纠纷");
    await added.nth(2).fill("Tourism");
    await admin.getByTestId("dispute-types-save").click();
    await admin.getByText("纠纷类型已保存").waitFor();

    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "officer");
    await page.getByRole("menuitem", { name: "纠纷调解" }).click();
    await page.getByTestId("register-dispute").click();
    await choose(page, "dispute-type", "旅游纠纷", { search: true });
  });
});
