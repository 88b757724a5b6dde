import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

describe("settings from the environment", () => {
  it("refuses a production start without a secret, with a short one, or with a well-known one", () => {
    for (const SESSION_SECRET of [undefined, "short-secret", "changeme", "a".repeat(40)]) {
      assert.throws(() => loadConfig({ NODE_ENV: "production", ...(SESSION_SECRET ? { SESSION_SECRET } : {}) }), ConfigError, String(SESSION_SECRET));
    }
  });

  it("starts in production with a strong secret, secure cookies and the documented defaults", () => {
    const config = loadConfig({ NODE_ENV: "production", SESSION_SECRET: "4f9c2e7a1b8d3f6e0a5c9b2d7e4f1a8c3b6d9e2f" });
    assert.equal(config.production, true);
    assert.equal(config.cookieSecure, true);
    assert.equal(config.port, 8080);
    assert.equal(config.idleTimeoutMinutes, 30);
    assert.equal(config.lockoutAttempts, 5);
    assert.equal(config.lockoutWindowMinutes, 15);
    assert.equal(config.databaseUrl, undefined);
  });

  it("names the setting that is wrong", () => {
    assert.throws(() => loadConfig({ PORT: "eighty" }), /PORT/);
    assert.throws(() => loadConfig({ IDLE_TIMEOUT_MINUTES: "0" }), /IDLE_TIMEOUT_MINUTES/);
    assert.throws(() => loadConfig({ EMBEDDED_SYNC: "sometimes" }), /EMBEDDED_SYNC/);
  });
});
