import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN.json';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'hexie.locale';

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'zh-CN';
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  const stored = window.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

// Chinese is in the first load; English loads when someone chooses it (loadLocale).
export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as { [L in Locale]?: typeof zhCN },
  missingWarn: false,
  fallbackWarn: false,
});

async function loadLocale(locale: Locale) {
  if (!i18n.global.availableLocales.includes(locale)) {
    i18n.global.setLocaleMessage(locale, (await import('./en.json')).default);
  }
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
}

/** The locale of the URL (?lang=) or the last choice, ready before the app mounts. */
export const localeReady = initialLocale() === 'zh-CN' ? Promise.resolve() : loadLocale(initialLocale());

export async function setLocale(locale: Locale) {
  await loadLocale(locale);
  window.localStorage?.setItem(STORAGE_KEY, locale);
}
