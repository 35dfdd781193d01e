import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { enCA, frCA, type MessageKey, type Messages } from './messages';

export type Lang = 'en-CA' | 'fr-CA';
const CATALOGUES: Record<Lang, Messages> = { 'en-CA': enCA, 'fr-CA': frCA };
/** The server reads this cookie to write `<html lang>` and the page's head in the right language. */
const LANG_COOKIE = 'pf_lang';

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** The plural form of `base.one` / `base.other` for `count`. */
  plural: (base: 'search.results' | 'search.resultsAtLeast', count: number) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return document.documentElement.lang === 'fr-CA' ? 'fr-CA' : 'en-CA';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    // A year; SameSite=Lax; readable by the server for the first HTML. It holds a language, nothing secret.
    document.cookie = `${LANG_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[lang];
    const format = (template: string, vars?: Record<string, string | number>) =>
      vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
    const numbers = new Intl.NumberFormat(lang);
    const rules = new Intl.PluralRules(lang);
    return {
      lang,
      setLang,
      t: (key, vars) => format(messages[key], vars),
      plural: (base, count) => format(messages[`${base}.${rules.select(count) === 'one' ? 'one' : 'other'}` as MessageKey], { count: numbers.format(count) }),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
