// The invented people and companies of the demonstration's disputes, drawn from a seeded
// generator so that every load names the same parties with the same numbers. The numbers are
// well-formed (GB 11643 check character, GB 32100 check character) and belong to no one: the
// region code is the demo county's own, which is not a real one.

/** A small deterministic generator (mulberry32): the demo must not change between loads. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof seededRandom>;

/** The demo county's division code (临江县, invented: 3301 has no county 99). */
const REGION = "330199";
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = "10X98765432";

/** A resident ID number (GB 11643) of the demo county: birth date, order code (odd for men), check character. */
export function residentIdNumber(random: Random, male: boolean): string {
  const birth = new Date(Date.UTC(random.int(1952, 2001), random.int(0, 11), random.int(1, 28)));
  const order = random.int(0, 499) * 2 + (male ? 1 : 0);
  const body = `${REGION}${birth.toISOString().slice(0, 10).replaceAll("-", "")}${String(order).padStart(3, "0")}`;
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
  return body + RESIDENT_ID_CHECK[sum % 11];
}

const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (GB 32100) of an enterprise registered in the demo county. */
export function creditCode(random: Random): string {
  let body = `91${REGION}MA`;
  while (body.length < 17) body += CREDIT_ALPHABET[random.int(0, CREDIT_ALPHABET.length - 1)];
  const sum = CREDIT_WEIGHTS.reduce((total, weight, i) => total + weight * CREDIT_ALPHABET.indexOf(body[i]!), 0);
  return body + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

export const mobilePhone = (random: Random) => `${random.pick(["138", "139", "137", "135", "158", "159", "187", "189"])}${String(random.int(0, 99_999_999)).padStart(8, "0")}`;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文";
const MEN = ["建华", "国强", "志明", "永军", "德胜", "海涛", "伟", "勇", "军", "春生", "长林", "炳坤", "福根", "金水", "小龙", "文斌", "立新", "宏伟", "先进", "忠良", "桂生", "学文", "荣华", "新民"];
const WOMEN = ["秀兰", "桂英", "玉梅", "丽娟", "春燕", "小红", "美华", "凤英", "淑珍", "海燕", "静", "芳", "雪梅", "金花", "月娥", "翠萍", "晓琳", "红霞", "素琴", "婷"];

export interface DemoPerson {
  name: string;
  idNumber: string;
  phone: string;
  male: boolean;
}

/** Someone of the township, not yet named in any other dispute of the demo. */
export function personMaker(random: Random) {
  const used = new Set<string>();
  return (male = random.chance(0.55)): DemoPerson => {
    let name: string;
    do name = random.pick([...SURNAMES]) + random.pick(male ? MEN : WOMEN);
    while (used.has(name));
    used.add(name);
    return { name, idNumber: residentIdNumber(random, male), phone: mobilePhone(random), male };
  };
}
