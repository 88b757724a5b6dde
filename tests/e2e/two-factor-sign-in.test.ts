// A person turns on two-factor sign-in from the profile page: scans (here: reads) the key the
// page shows, confirms with the authenticator's code, keeps the recovery codes; signs out, and
// signs in again with the password and a code, then once more with a recovery code.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../server/demo/township.ts";
import { browserSkipReason, deskContext, signInAs, useServedBrowser } from "../../server/testing/browser.ts";

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

/** The authenticator app on the phone; `aheadMs` reads the next code, since confirming used the current one. */
const codeOf = (secret: string, aheadMs = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + aheadMs });

async function signOutAndEnterPassword(page: Page) {
  await page.getByTestId("sign-out").click();
  await page.getByTestId("login-username").fill("officer");
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("login-code").waitFor();
}

describe("two-factor sign-in in the browser", { skip: skip ?? false }, () => {
  const app = useServedBrowser();

  it("enrols from the profile page, then signs in with the password and a code, and with a recovery code", async () => {
    const page = await (await deskContext(app.browser)).newPage();
    await signInAs(page, app.server.url, "officer");
    await page.getByRole("menuitem", { name: "个人设置" }).click();
    await page.getByTestId("two-factor-start").click();
    const secret = (await page.getByTestId("two-factor-secret").locator("code").textContent())!.trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page.locator(".ant-qrcode canvas").waitFor();

    await page.getByTestId("two-factor-code").fill(codeOf(secret));
    await page.getByTestId("two-factor-confirm").click();
    const codes = page.getByTestId("two-factor-recovery-codes").locator(".ant-list-item");
    await codes.first().waitFor();
    const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
    assert.equal(recoveryCodes.length, 10);
    await page.getByTestId("recovery-codes-done").click();
    await page.getByTestId("two-factor-on").waitFor();

    await signOutAndEnterPassword(page);
    await page.getByTestId("login-code").fill(codeOf(secret, 30_000));
    await page.getByTestId("login-code-submit").click();
    await page.getByTestId("current-user").waitFor();

    await signOutAndEnterPassword(page);
    await page.getByTestId("login-code").fill("000000");
    await page.getByTestId("login-code-submit").click();
    await page.getByTestId("login-error").getByText("验证码不正确").waitFor();
    await page.getByTestId("login-code").fill(recoveryCodes[0]!);
    await page.getByTestId("login-code-submit").click();
    await page.getByTestId("current-user").waitFor();
    await page.context().close();
  });
});
