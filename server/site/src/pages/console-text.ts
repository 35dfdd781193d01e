import { useMemo } from 'react';
import { useI18n, type Lang } from '../i18n';

/**
 * A `t` for a catalogue that lives in a lazy chunk (the admin console's, the employer portal's):
 * its strings are downloaded with its pages, never by a job seeker. Same `{name}` placeholders as
 * the main catalogue; the language is the site's.
 */
export function makeTextHook<K extends string>(catalogues: Record<Lang, Record<K, string>>) {
  return function useText() {
    const { lang } = useI18n();
    return useMemo(() => {
      const messages = catalogues[lang];
      const t = (key: K, vars?: Record<string, string | number>) =>
        vars ? messages[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : messages[key];
      return { t, lang };
    }, [lang]);
  };
}
