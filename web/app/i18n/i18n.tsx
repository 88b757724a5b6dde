import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { en } from "./en.ts";
import { type MessageKey, zh } from "./zh.ts";

export type Lang = "zh" | "en";
const STORAGE_KEY = "huajie.lang";

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Picks the right half of a { zh, en } label from shared/. */
  label(value: { zh: string; en: string }): string;
}

const I18nContext = createContext<I18n | null>(null);

export function currentLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params = {}) => (lang === "en" ? en : zh)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? "")),
      label: (value) => value[lang],
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}
