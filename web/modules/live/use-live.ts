import { useEffect, useRef, useState } from "react";
import { LIVE_CLOSE_RESYNC, type LiveEvent } from "@shared/live/schemas.ts";

/** The server's close code when the session ended: reconnecting would only be refused again. */
const CLOSE_SIGNED_OUT = 4401;
const BACKOFF_START_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

export type LiveStatus = "live" | "reconnecting";

/**
 * The WebSocket /api/live, kept open while mounted: a dropped connection is retried after 1, 2,
 * 4 … seconds (at most 30) with `since=<last seq seen>`, so what happened meanwhile arrives in
 * order. A `since` the server no longer keeps (4000) means `onResync` (re-read everything) and
 * a fresh connection without it.
 */
export function useLive(onEvent: (event: LiveEvent) => void, onResync: () => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("reconnecting");
  const handlers = useRef({ onEvent, onResync });
  useEffect(() => {
    handlers.current = { onEvent, onResync };
  });

  useEffect(() => {
    let socket: WebSocket | null = null;
    let lastSeq: number | null = null;
    let delay = BACKOFF_START_MS;
    let retry: number | undefined;
    let stopped = false;

    const connect = () => {
      const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
      const since = lastSeq === null ? "" : `?since=${lastSeq}`;
      const ws = new WebSocket(`${scheme}//${window.location.host}/api/live${since}`);
      socket = ws;
      ws.onopen = () => {
        delay = BACKOFF_START_MS;
        setStatus("live");
        // Whatever changed while the socket was being (re)opened without `since` is read again.
        if (since === "") handlers.current.onResync();
      };
      ws.onmessage = (message) => {
        // A socket already given up on delivers nothing more: its events come again after `since`.
        if (socket !== ws) return;
        let event: LiveEvent;
        try {
          event = JSON.parse(String(message.data)) as LiveEvent;
        } catch {
          return;
        }
        if (lastSeq === null || event.seq > lastSeq) lastSeq = event.seq;
        handlers.current.onEvent(event);
      };
      ws.onclose = (close) => {
        if (socket !== ws || stopped) return;
        socket = null;
        setStatus("reconnecting");
        if (close.code === CLOSE_SIGNED_OUT) return;
        if (close.code === LIVE_CLOSE_RESYNC) {
          lastSeq = null;
          handlers.current.onResync();
        }
        retry = window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, BACKOFF_MAX_MS);
      };
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      socket?.close();
    };
  }, []);
  return status;
}
