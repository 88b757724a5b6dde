// The township officer files the half-month's screening report in the browser: the figures
// counted from the register, the number of screening rounds typed in, and the report then
// listed as filed on time among the township and its villages.
import { describe, it } from "node:test";
import { browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe("filing the screening report in the browser", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("files the current period's report and sees it listed as on time (按时)", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "officer");
    await page.getByRole("menuitem", { name: "排查报表" }).click();

    await page.getByTestId("screening-figures").waitFor();
    await page.getByTestId("screening-own-status").getByText("待报").waitFor();

    const count = page.getByTestId("screening-count");
    await count.fill("3");
    await page.getByTestId("screening-note").fill("走访农户，排查邻里、土地和欠薪纠纷");
    await page.getByTestId("screening-submit").click();
    await page.getByText("报表已提交").waitFor();

    await page.getByTestId("screening-own-status").getByText("按时").waitFor();
    await page.getByTestId("screening-status-青山镇").getByText("按时").waitFor();
    await page.getByTestId("screening-submit").getByText("重新提交").waitFor();
  });
});
