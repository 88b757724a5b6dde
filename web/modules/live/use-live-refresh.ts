import { useCallback, useEffect, useRef } from "react";
import type { LiveEvent } from "@shared/live/schemas.ts";
import { type LiveStatus, useLive } from "./use-live.ts";

/** How long a burst of events is gathered into one re-read. */
const QUIET_MS = 300;

/**
 * Keeps a page current with the server's live events. `read` runs at once on the first event
 * the page `shows` (a new report must not wait), then once more QUIET_MS after the rest of a
 * burst (an opening's many notifications are read once, not once each), and after a dropped
 * connection's resync. `onEvent` sees every event first, for what is not a re-read (a banner).
 * `refresh` is the same throttled read, for the page's own changes.
 */
export function useLiveRefresh(
  read: () => void,
  options: { shows?: (event: LiveEvent) => boolean; onEvent?: (event: LiveEvent) => void } = {},
): { status: LiveStatus; refresh: () => void } {
  const latest = useRef({ read, ...options });
  useEffect(() => {
    latest.current = { read, ...options };
  });
  const timer = useRef<number | undefined>(undefined);
  const quietUntil = useRef(0);
  const refresh = useCallback(() => {
    window.clearTimeout(timer.current);
    const run = () => {
      quietUntil.current = Date.now() + QUIET_MS;
      latest.current.read();
    };
    const wait = quietUntil.current - Date.now();
    if (wait <= 0) run();
    else timer.current = window.setTimeout(run, wait);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const status = useLive((event) => {
    latest.current.onEvent?.(event);
    if (latest.current.shows?.(event) ?? true) refresh();
  }, refresh);
  return { status, refresh };
}
