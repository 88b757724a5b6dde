import { existsSync } from "node:fs";
import { after, afterEach, before } from "node:test";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from "playwright-core";
import { buildApp } from "../app.ts";
import { systemClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { DEMO_PASSWORD, loadDemoTownship } from "../demo/township.ts";
import { openTestDatabase } from "./test-database.ts";
import type { SessionInfo } from "@shared/auth/schemas.ts";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const webBuilt = () => existsSync(fileURLToPath(new URL("../../dist/web/index.html", import.meta.url)));

/** Why the browser tests cannot run here, or null when they can. The suite prints it. */
export function browserSkipReason(): string | null {
  if (!CANDIDATES.some((path) => path && existsSync(path))) {
    return "browser tests skipped: no Chromium found (install Debian's `chromium` or set CHROMIUM_PATH)";
  }
  if (!webBuilt()) return "browser tests skipped: the web client is not built (run `npm run build`)";
  return null;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((path) => path && existsSync(path))!;
  return chromium.launch({
    executablePath,
    // The machine has no network beyond loopback: Chromium's background services only make noise.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required"],
  });
}

/**
 * The app registers a service worker that keeps its shell on a reporter's phone for working
 * without network. Chromium reports the requests of a page that worker controls to the test's
 * network events inconsistently (Playwright #15474), and the worker takes control at a moment
 * that depends on the machine's load, so a test waiting for a response could wait forever.
 * Browser contexts block it, except for a test of working offline, which needs it.
 */
const serviceWorkers = (offline: boolean) => (offline ? "allow" : "block");

/** A phone-sized browser context, as a reporter in the field uses; `offline` lets the app keep its shell. */
export const phoneContext = (browser: Browser, options: { offline?: boolean } = {}): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN", serviceWorkers: serviceWorkers(options.offline ?? false) });

/**
 * Waits for a message (toast) to show and then to go. On a phone it lies over the menu button,
 * and a pointer resting on it keeps it open: a tap on the menu while it shows never lands.
 */
export async function seeMessageGo(page: Page, text: string) {
  const shown = page.getByText(text);
  await shown.waitFor();
  await shown.waitFor({ state: "hidden" });
}

/** The real server listening on a loopback port, on a fresh database holding the demo township. */
export async function startServedApp() {
  const db = await openTestDatabase();
  await loadDemoTownship(db.orm, systemClock);
  const config = loadConfig({ NODE_ENV: "test" }, { demo: true });
  const app = await buildApp({ db, clock: systemClock, config }, { logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** What a person would see go wrong on a page: the messages, field errors and alerts showing. */
const TROUBLE = ".ant-message-notice, .ant-form-item-explain-error, .ant-alert, .ant-notification-notice, .ant-modal-title, .ant-result-title";

/**
 * What each open page shows when a test fails: its address, the API requests the server
 * refused or failed (from the page's own record) and the messages on screen. A timeout says
 * only what it waited for; this says what the person saw instead, in the CI log.
 */
async function describePages(browser: Browser): Promise<string[]> {
  const lines: string[] = [];
  for (const [c, context] of browser.contexts().entries()) {
    for (const [p, page] of context.pages().entries()) {
      const seen = await page
        .evaluate((selector) => {
          const refused = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
            .map((entry) => `${entry.responseStatus} ${new URL(entry.name).pathname}`)
            // Every page asks for its session before the sign-in form: that 401 is no news.
            .filter((line) => /^[45]\d\d \/api\//.test(line) && line !== "401 /api/auth/session");
          const shown = [...document.querySelectorAll<HTMLElement>(selector)].map((el) => el.innerText.trim()).filter(Boolean);
          return { refused, shown };
        }, TROUBLE)
        .catch((error: unknown) => ({ refused: [], shown: [`(page unreadable: ${String(error)})`] }));
      lines.push(`page ${c}.${p} at ${page.url()}`, ...seen.refused.map((r) => `  refused: ${r}`), ...seen.shown.map((s) => `  showing: ${s.replaceAll("\n", " / ")}`));
    }
  }
  return lines;
}

/**
 * The served demo app and a browser for the tests of one describe block: started before its
 * first test, closed after its last. Read `server` and `browser` inside the tests. A failed
 * test prints what its pages showed.
 */
export function useServedBrowser() {
  const suite = {} as { server: Awaited<ReturnType<typeof startServedApp>>; browser: Browser };
  before(async () => {
    suite.server = await startServedApp();
    suite.browser = await launchBrowser();
  });
  afterEach(async (t) => {
    // Node types the hook's context as a suite's or a test's; afterEach only ever gets a test's.
    if (!("passed" in t) || t.passed || !suite.browser) return;
    for (const line of await describePages(suite.browser)) console.log(`# ${line}`);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Opens the app and signs in through its form, as a person does; demo accounts share one password. */
export async function signInAs(page: Page, url: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

/**
 * A signed-in API client outside the browser, for setting up what a browser test then looks at
 * (the records a person would have made on another day). A failed request throws with its answer.
 */
export async function apiSession(url: string, username: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw new Error(`sign-in of ${username}: ${login.status} ${await login.text()}`);
  const session = (await login.json()) as SessionInfo;
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, "x-csrf-token": session.csrfToken, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { session, get: (path: string) => call("GET", path), post: (path: string, body: unknown) => call("POST", path, body) };
}

/** A desk-sized browser context in Chinese on China's clock, as a duty room's screen. */
export const deskContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1366, height: 900 }, serviceWorkers: serviceWorkers(false) });

/**
 * Picks the option of an Ant Design Select or TreeSelect whose text starts with `text`, as a
 * person does: open it, type to search when the list is long (only lists searching by their
 * labels), click the option, and look that the field now shows it. On a busy machine a tap
 * can be lost either way: on the field as the form re-renders (the list never opens), or on
 * the option as the list re-renders under it. A person taps again, and so does this, at most
 * three times. (Only when the field does not show it: a second tap on a multiple select's
 * option would take it away again.)
 */
export async function choose(page: Page, testId: string, text: string, options: { search?: boolean } = {}) {
  const field = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    // A dropdown that is still closing would take the click meant for the next one.
    await page.waitForFunction(() => !document.querySelector(".ant-select-dropdown:not(.ant-select-dropdown-hidden)"));
    await field.click();
    // Into the field's own search box: after a lost tap, typing would go to whatever has focus.
    if (options.search) await field.locator("input").first().fill(text);
    const tapped = await page
      .locator(`.ant-select-dropdown:visible [title^="${text}"]`)
      .first()
      .click({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    const shown =
      tapped &&
      (await field
        .getByText(text)
        .first()
        .waitFor({ timeout: 3000 })
        .then(() => true)
        .catch(() => false));
    if (shown) return;
    if (attempt === 3) throw new Error(`${testId}: "${text}" was looked for three times and never shown as chosen (the last time its option ${tapped ? "was tapped" : "never showed"})`);
    // Only a list that is open: with none, Escape would close the dialog the field is in.
    if (await page.locator(".ant-select-dropdown:visible").count()) await page.keyboard.press("Escape");
  }
}

/**
 * Opens a Popconfirm with `opener` and confirms it. Under load a tap on either can be lost as
 * the drawer re-renders (as `choose()` found for selects), so each is tapped again, at most
 * three times, until the Popconfirm shows and then closes on its answer.
 */
export async function confirmWith(page: Page, opener: Locator) {
  const popconfirm = page.locator(".ant-popconfirm:visible");
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await popconfirm.isVisible())) await opener.click();
      await popconfirm.waitFor({ timeout: 5_000 });
      await popconfirm.locator(".ant-btn-primary").click();
      await popconfirm.waitFor({ state: "hidden", timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
