// The built web client runs under the server's Content Security Policy: Chromium reports no
// violation while a leader goes through the main pages (Ant Design's run-time styles are
// allowed; scripts come only from the app's own files), and an inline script is indeed refused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const PAGES = ["/board", "/incidents", "/disputes", "/disputes/stats", "/roster", "/plans", "/orgs"];

describe("the web client under the Content Security Policy", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("runs every main page with no CSP violation, while an injected inline script is blocked", async () => {
    const context = await deskContext(app.browser);
    // Set up before any page script: records every violation the document reports.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
    });
    const page = await context.newPage();
    const consoleReports: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleReports.push(message.text());
    });
    const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

    await signInAs(page, app.server.url, "leader");
    await page.getByTestId("demo-tag").waitFor();
    for (const path of PAGES) {
      await page.goto(`${app.server.url}${path}`);
      await page.getByTestId("demo-tag").waitFor();
      await page.waitForLoadState("networkidle");
      assert.deepEqual(await violations(), [], `${path}: no CSP violation`);
    }
    assert.deepEqual(consoleReports, [], "the console reports no CSP violation");

    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    });
    assert.equal(ran, false, "an inline script does not run");
    assert.deepEqual(await violations(), ["script-src-elem inline"], "and the policy reported it");
    await context.close();
  });
});
