import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "@shared/common.ts";
import { Notification, NotificationList, NotificationListQuery, Webhook, WebhookInput } from "@shared/notifications/schemas.ts";
import { runAction } from "../../http/action.ts";
import * as notifications from "./service.ts";

export async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];

  app.get(
    "/api/notifications",
    { schema: { tags, summary: "The caller's own notifications, newest first", querystring: NotificationListQuery, response: { 200: NotificationList } } },
    (request) => runAction(app.deps, request, notifications.listMyNotifications, request.query),
  );

  app.post(
    "/api/notifications/:id/ack",
    { schema: { tags, summary: "Acknowledge (签收); the first acknowledgement of an escalation step meets it and stops the escalation", params: IdParams, response: { 200: Notification } } },
    (request) => runAction(app.deps, request, notifications.acknowledgeNotification, request.params),
  );

  app.post(
    "/api/notifications/:id/delivered",
    { schema: { tags, summary: "The browser confirms it showed the notification (recorded once)", params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await runAction(app.deps, request, notifications.confirmDelivered, request.params);
      return reply.code(204).send(null);
    },
  );

  app.get("/api/orgs/:id/webhook", { schema: { tags, summary: "The org's webhook (admins)", params: IdParams, response: { 200: Webhook } } }, (request) =>
    runAction(app.deps, request, notifications.getWebhook, request.params),
  );

  app.put(
    "/api/orgs/:id/webhook",
    { schema: { tags, summary: "Set or remove the org's signed webhook (admins)", params: IdParams, body: WebhookInput, response: { 200: Webhook } } },
    (request) => runAction(app.deps, request, notifications.setWebhook, { ...request.body, id: request.params.id }),
  );
}
