// The township officer builds a two-week weekly rotation in the browser and reads
// it back on the roster calendar: the right person on every day, week by week, with the time
// before the first shift flagged as a gap in coverage.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addDays, chinaDate, mondayOf } from "../../shared/duty/china-time.ts";
import { browserSkipReason, choose, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe("building a rotation in the browser", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("generates a weekly rotation and shows it on the week and month calendar", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "officer");
    await page.getByRole("menuitem", { name: "值班表" }).click();

    // Four weeks ahead, past the demonstration roster, the township's roster is still empty.
    await page.getByTestId("rotation-open").click();
    const from = addDays(mondayOf(chinaDate(new Date())), 28);
    const start = page.getByTestId("rotation-from");
    await start.click();
    await start.fill(from);
    await start.press("Enter");
    await page.getByTestId("rotation-pattern").getByText("按周轮换").click();
    await choose(page, "rotation-slot-0-officers", "马超", { search: true });
    await page.keyboard.press("Escape");
    await choose(page, "rotation-slot-0-leader", "张卫东", { search: true });
    await page.getByTestId("rotation-slot-0-phone").fill("0571-86100110");
    await page.getByTestId("rotation-add-slot").click();
    await choose(page, "rotation-slot-1-officers", "许婷", { search: true });
    await page.keyboard.press("Escape");
    await choose(page, "rotation-slot-1-leader", "黄秀英", { search: true });
    await page.getByTestId("rotation-slot-1-phone").fill("13800571234");
    // Two weeks: the default range is four, so shorten it to end on the second Sunday.
    const to = page.getByTestId("rotation-to");
    await to.click();
    await to.fill(addDays(from, 13));
    await to.press("Enter");
    await page.getByTestId("rotation-submit").click();
    await page.getByText("已生成 14 个班次").waitFor();

    // The calendar moves to the rotation's first week: 马超 every day, 张卫东 leading.
    await page.getByTestId("roster-title").getByText(`（${from} 至 ${addDays(from, 6)}）`).waitFor();
    for (let day = 0; day < 7; day++) {
      const cell = page.getByTestId(`roster-day-${addDays(from, day)}`);
      assert.match(await cell.innerText(), /08:30–次日 08:30[\s\S]*马超[\s\S]*带班领导：张卫东[\s\S]*0571-86100110/);
    }
    // Nobody is rostered between the end of the existing roster and the first new shift at 08:30.
    await page.getByTestId(`warning-gap-${from}`).waitFor();

    await page.getByTestId("roster-next").click();
    await page.getByTestId("roster-title").getByText(`（${addDays(from, 7)} 至 ${addDays(from, 13)}）`).waitFor();
    for (let day = 7; day < 14; day++) {
      assert.match(await page.getByTestId(`roster-day-${addDays(from, day)}`).innerText(), /许婷/);
    }

    // The month view shows the same shifts, one a day, for the days of the rotation it holds.
    await page.getByTestId("roster-view").getByText("月").click();
    await page.getByTestId(`roster-day-${addDays(from, 7)}`).getByText("许婷").waitFor();
    const windowStart = mondayOf(`${addDays(from, 7).slice(0, 7)}-01`);
    const shown = Array.from({ length: 14 }, (_, day) => addDays(from, day)).filter((date) => date >= windowStart && date <= addDays(windowStart, 41));
    for (const date of shown) {
      const texts = await page.getByTestId(`roster-day-${date}`).locator("[data-testid^=shift-]").allInnerTexts();
      assert.equal(texts.length, 1, `one shift on ${date}`);
      assert.match(texts[0]!, date < addDays(from, 7) ? /马超/ : /许婷/);
    }

    // Opening a shift shows who is on it.
    await page.getByTestId(`shift-${addDays(from, 8)}`).click();
    await page.getByTestId("shift-officers").getByText("许婷").waitFor();
  });
});
