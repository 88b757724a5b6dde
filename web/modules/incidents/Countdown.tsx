import { Typography } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { clockText, minutesLate } from "./incident-text.ts";

/** The current time, ticking every second while mounted: one timer per countdown list. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** "还剩 12:34", turning orange in the last five minutes, then "已超时 3 分钟" in red. */
export function Countdown({ dueAt, now, testId }: { dueAt: string; now: number; testId?: string }) {
  const { t } = useI18n();
  const left = Date.parse(dueAt) - now;
  if (left <= 0) {
    return (
      <Typography.Text type="danger" strong data-testid={testId}>
        {t("overdueBy", { minutes: minutesLate(left) })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type={left < 5 * 60_000 ? "warning" : undefined} strong style={{ fontVariantNumeric: "tabular-nums" }} data-testid={testId}>
      {t("timeLeft", { time: clockText(left) })}
    </Typography.Text>
  );
}
