// External channels through the outbox, against real servers on this machine: an SMTP server
// (smtp-server) receives the e-mail with its Chinese subject; an HTTP server receives the
// webhook and checks its signature; the logging SMS adapter writes the masked number.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { SMTPServer } from "smtp-server";
import { type World, makeAccount, makeWorld } from "../../testing/factories.ts";
import { makeNotification } from "../../testing/notification-factories.ts";
import { type TestApp, startTestApp } from "../../testing/test-app.ts";
import { loggingSms, smtpChannel } from "./channels.ts";
import { type DeliveryChannels, runDeliveries } from "./deliveries.ts";

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), as a mail reader shows a subject. */
function decodeHeader(value: string): string {
  const unfolded = value.replace(/\?=\s+=\?/g, "?==?");
  return unfolded.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
  );
}

interface Mail {
  to: string[];
  subject: string;
}

interface Hook {
  body: string;
  headers: IncomingMessage["headers"];
}

describe("notification deliveries: e-mail, webhook, SMS after commit", () => {
  let t: TestApp;
  let world: World;
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: Mail[] = [];
  let hookServer: Server;
  let hookUrl: string;
  const hooks: Hook[] = [];
  let hookStatus = 204;
  const smsLines: string[] = [];
  let channels: DeliveryChannels;

  before(async () => {
    t = await startTestApp({ idleTimeoutMinutes: 24 * 60 });
    world = await makeWorld(t.db.orm);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
          const subject = /^Subject: (.*)$/im.exec(headers)?.[1] ?? "";
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: decodeHeader(subject) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        hooks.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
        res.writeHead(hookStatus).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/huajie`;
    channels = { email: smtpChannel(`smtp://127.0.0.1:${smtpPort}`, "Huajie 化解 <duty@example.cn>"), sms: loggingSms((line) => smsLines.push(line)) };
  });
  after(async () => {
    channels.email!.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => hookServer.close(() => resolve()));
    await t.close();
  });

  it("sends nothing inside the notifying transaction, then each channel once after it commits, and records when", async () => {
    const admin = await t.signIn("a-admin");
    const secret = "a-shared-secret-of-the-township";
    const set = await admin.request("PUT", `/api/orgs/${world.townshipA.id}/webhook`, { url: hookUrl, secret });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual([set.body.url, set.body.hasSecret, "secret" in set.body], [hookUrl, true, false]);

    const person = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["duty"], phone: "13812345678" });
    const notification = await makeNotification(t.db.orm, world.townshipA, { recipientId: person.id, now: t.clock.now() });
    assert.deepEqual([mails.length, hooks.length, smsLines.length], [0, 0, 0], "nothing left before the worker ran");

    assert.deepEqual(await runDeliveries(t.db, channels, t.clock.now()), { sent: 3, failed: 0 });
    assert.deepEqual(await runDeliveries(t.db, channels, t.clock.now()), { sent: 0, failed: 0 }, "each once");

    assert.deepEqual(mails, [{ to: [person.email], subject: "【一般（Ⅳ级）】测试通知" }]);
    const [hook] = hooks;
    const timestamp = String(hook!.headers["x-huajie-timestamp"]);
    const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${hook!.body}`).digest("hex")}`;
    assert.equal(hook!.headers["x-huajie-signature"], expected, "the signature verifies with the org's secret");
    assert.equal(Number(timestamp), Math.floor(t.clock.now().getTime() / 1000));
    const payload = JSON.parse(hook!.body);
    assert.deepEqual([payload.id, payload.title, payload.recipient.id], [notification.id, "【一般（Ⅳ级）】测试通知", person.id]);
    assert.deepEqual(smsLines, ["sms to 138****5678: 【一般（Ⅳ级）】测试通知 测试通知正文。"]);

    const mine = (await (await t.signIn(person.username)).get("/api/notifications")).body.items[0];
    assert.equal(mine.sentAt, t.clock.now().toISOString());
    assert.deepEqual(
      mine.channels.map((c: { channel: string; status: string; attempts: number }) => [c.channel, c.status, c.attempts]),
      [["realtime", "pending", 0], ["email", "sent", 1], ["sms", "sent", 1], ["webhook", "sent", 1]],
    );
  });

  it("retries a webhook that failed, after a minute, then two; a deployment without SMTP or SMS sends neither", async () => {
    const person = await makeAccount(t.db.orm, { org: world.townshipA, roles: ["duty"] });
    hooks.length = 0;
    mails.length = 0;
    hookStatus = 503;
    await makeNotification(t.db.orm, world.townshipA, { recipientId: person.id, now: t.clock.now() });
    const errors: unknown[] = [];
    const webhookOnly: DeliveryChannels = { email: null, sms: null };
    assert.deepEqual(await runDeliveries(t.db, webhookOnly, t.clock.now(), (e) => errors.push(e)), { sent: 0, failed: 1 });
    assert.match(String(errors[0]), /webhook answered 503/);
    t.clock.advanceMinutes(0.5);
    assert.deepEqual(await runDeliveries(t.db, webhookOnly, t.clock.now()), { sent: 0, failed: 0 }, "not before its retry time");
    t.clock.advanceMinutes(0.5);
    assert.deepEqual(await runDeliveries(t.db, webhookOnly, t.clock.now(), () => {}), { sent: 0, failed: 1 });
    hookStatus = 204;
    t.clock.advanceMinutes(1);
    assert.deepEqual(await runDeliveries(t.db, webhookOnly, t.clock.now()), { sent: 0, failed: 0 }, "the second retry waits two minutes");
    t.clock.advanceMinutes(1);
    assert.deepEqual(await runDeliveries(t.db, webhookOnly, t.clock.now()), { sent: 1, failed: 0 });
    assert.equal(hooks.length, 3);
    assert.equal(mails.length, 0);
    const mine = (await (await t.signIn(person.username)).get("/api/notifications")).body.items[0];
    assert.deepEqual(mine.channels.map((c: { channel: string }) => c.channel), ["realtime", "webhook"]);
  });
});
