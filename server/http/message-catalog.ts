/** A module's server messages: Chinese first, and English with exactly the same keys. */
export interface ModuleMessages<Zh extends Record<string, string>> {
  zh: Zh;
  en: Record<keyof Zh, string>;
}
