// How official documents write numbers and dates, for the Word renderer and the pages that print
// the same documents in the browser.

const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (headings rarely pass 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : NUMERALS[tens]}十${ones === 0 ? "" : NUMERALS[ones]}`;
}

/** 2026年3月2日, the date as official documents write it, in China's time zone. */
export function officialDate(date: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "numeric", day: "numeric" }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${part("year")}年${part("month")}月${part("day")}日`;
}
