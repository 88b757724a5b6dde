import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { WebSocket } from "ws";
import { LIVE_CLOSE_RESYNC, LIVE_PING_MS, LiveBoard, LiveBoardQuery, LiveQuery } from "@shared/live/schemas.ts";
import type { Role } from "@shared/roles.ts";
import { runAction } from "../http/action.ts";
import { actorOf } from "../http/deps.ts";
import { AppError } from "../http/errors.ts";
import { findSession } from "../modules/auth/queries.ts";
import { SESSION_COOKIE, tokenHash } from "../modules/auth/tokens.ts";
import { getLiveBoard } from "./board.ts";
import type { LiveClient, LiveHub } from "./hub.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** This node's real-time hub. */
    live: LiveHub;
  }
}

/** Close codes of the live socket besides LIVE_CLOSE_RESYNC: the session ended; the server failed. */
const CLOSE_SIGNED_OUT = 4401;
const CLOSE_SERVER_ERROR = 1011;

/**
 * A browser always sends Origin with a WebSocket; one from another site riding the session
 * cookie (cross-site WebSocket hijacking) is refused. Clients that are not browsers send
 * none and still need the cookie.
 */
function sameOrigin(origin: string | undefined, host: string): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function liveRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config, clock } = app.deps;
  const tags = ["live"];

  app.get(
    "/api/live-board",
    { schema: { tags, summary: "An org's live board: open incidents by level with their deadlines, who is on duty, what waits for acknowledgement", querystring: LiveBoardQuery, response: { 200: LiveBoard } } },
    (request) => runAction(app.deps, request, getLiveBoard, request.query),
  );

  app.get(
    "/api/live",
    {
      websocket: true,
      schema: { tags, summary: "WebSocket of live events in the caller's reach; `since` catches up on what a dropped connection missed", querystring: LiveQuery },
      onRequest: async (request) => {
        if (!sameOrigin(request.headers.origin, request.host)) throw new AppError(403, "live.foreignOrigin");
      },
    },
    (socket: WebSocket, request) => {
      const token = request.cookies[SESSION_COOKIE]!;
      const client: LiveClient = { actor: actorOf(request), send: (event) => socket.send(JSON.stringify(event)) };
      let unsubscribe: (() => void) | null = null;
      let closed = false;
      let alive = true;
      socket.on("pong", () => {
        alive = true;
      });
      // A ping a while: a connection that did not answer the last one is gone. The session is
      // read again too, so a signed-out, idle or deactivated account stops receiving (the
      // socket does not keep a session alive), and a change of roles or org applies.
      const keepAlive = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
        findSession(db.orm, tokenHash(config.sessionSecret, token))
          .then((found) => {
            const idle = clock.now().getTime() - (found?.session.lastSeenAt.getTime() ?? 0) > config.idleTimeoutMinutes * 60_000;
            if (!found || idle || !found.account.active || !found.org.active) return socket.close(CLOSE_SIGNED_OUT, "signed out");
            client.actor = { ...client.actor, orgId: found.org.id, orgPath: found.org.path, roles: found.account.roles as Role[], displayName: found.account.displayName };
          })
          .catch(() => socket.close(CLOSE_SERVER_ERROR, "server error"));
      }, LIVE_PING_MS);
      keepAlive.unref();
      socket.on("close", () => {
        closed = true;
        clearInterval(keepAlive);
        unsubscribe?.();
      });
      app.live
        .subscribe(client, request.query.since)
        .then((result) => {
          if (result === "resync") return socket.close(LIVE_CLOSE_RESYNC, "resync");
          if (closed) return result();
          unsubscribe = result;
        })
        .catch((error: unknown) => {
          request.log.error({ err: error }, "live catch-up failed");
          socket.close(CLOSE_SERVER_ERROR, "server error");
        });
    },
  );
}
