// Message catalogs and the current UI language.
//
// Every user-visible text comes from i18n/{kk,ru,en}.json (same keys in each;
// tests/i18n.test.mjs checks it). Only the catalog of the language in use is
// loaded (each is its own chunk), so the bundle does not carry all three.
// Elements rendered with `tr()` / `trAttr()` remember their message key in
// data-attributes, so switching the language re-translates the page in place
// (form contents and focus are kept).

export const LANGS = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
type Catalog = typeof import('./i18n/en.json');
export type MessageKey = keyof Catalog;
export type Params = Record<string, string | number>;

const loaders: Record<Lang, () => Promise<{ default: Record<string, string> }>> = {
  kk: () => import('./i18n/kk.json'),
  ru: () => import('./i18n/ru.json'),
  en: () => import('./i18n/en.json'),
};
const catalogs: Partial<Record<Lang, Record<string, string>>> = {};

const STORAGE_KEY = 'tereze.lang';
const DEFAULT_LANG: Lang = 'kk';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  const cat = catalogs[current];
  return !!cat && Object.prototype.hasOwnProperty.call(cat, key);
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // localStorage may be unavailable (privacy settings); fall through.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return DEFAULT_LANG;
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

/** Loads a language's catalog (once). Call before the first render. */
export async function loadLang(lang: Lang = current): Promise<void> {
  if (!catalogs[lang]) catalogs[lang] = (await loaders[lang]()).default;
}

export function getLang(): Lang {
  return current;
}

export function t(key: MessageKey, params?: Params): string {
  const text = catalogs[current]?.[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Sets the element's text to a translated message and keeps it translated. */
export function tr<E extends HTMLElement>(el: E, key: MessageKey, params?: Params): E {
  el.dataset.i18n = key;
  if (params) el.dataset.i18nParams = JSON.stringify(params);
  else delete el.dataset.i18nParams;
  el.textContent = t(key, params);
  return el;
}

/** Sets an attribute (e.g. aria-label) to a translated message and keeps it translated. */
export function trAttr<E extends HTMLElement>(el: E, attr: string, key: MessageKey): E {
  const map = parseAttrMap(el.dataset.i18nAttr);
  map[attr] = key;
  el.dataset.i18nAttr = Object.entries(map)
    .map(([a, k]) => `${a}=${k}`)
    .join(';');
  el.setAttribute(attr, t(key));
  return el;
}

function parseAttrMap(spec: string | undefined): Record<string, MessageKey> {
  const map: Record<string, MessageKey> = {};
  for (const part of (spec ?? '').split(';')) {
    const [attr, key] = part.split('=');
    if (attr && key && isMessageKey(key)) map[attr] = key;
  }
  return map;
}

function retranslate(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n ?? '';
    if (!isMessageKey(key)) continue;
    const params = el.dataset.i18nParams ? (JSON.parse(el.dataset.i18nParams) as Params) : undefined;
    el.textContent = t(key, params);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const [attr, key] of Object.entries(parseAttrMap(el.dataset.i18nAttr))) {
      el.setAttribute(attr, t(key));
    }
  }
}

let requested: Lang = current;

/** Switches the UI language once its catalog is loaded; the last request wins. */
export async function setLang(lang: Lang): Promise<void> {
  requested = lang;
  await loadLang(lang);
  if (requested !== lang || current === lang) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not fatal: the choice just won't survive a reload.
  }
  document.documentElement.lang = lang;
  retranslate(document);
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Translated role name; unknown role codes are shown as they are. */
export function roleKey(code: string): MessageKey | null {
  const key = `role.${code}`;
  return isMessageKey(key) ? key : null;
}

document.documentElement.lang = current;

/** Translates a key built at run time (e.g. from a server code); unknown keys give `fallback`. */
export function tDyn(key: string, fallback: string, params?: Params): string {
  return isMessageKey(key) ? t(key, params) : fallback;
}

/** `{n}` with the plural form of `base` (`base.one|few|many|other`) for the current language. */
export function plural(base: string, n: number): string {
  let category = 'other';
  try {
    category = new Intl.PluralRules(current).select(n);
  } catch {
    // No plural rules for the language: "other" is always defined.
  }
  const key = isMessageKey(`${base}.${category}`) ? `${base}.${category}` : `${base}.other`;
  return tDyn(key, String(n), { n });
}

/**
 * A message in a given language whatever the UI language (the kiosk's and the board's
 * bilingual texts); the catalog must have been loaded with loadLang(lang). Falls back to t().
 */
export function tIn(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalogs[lang]?.[key];
  if (text === undefined) return t(key, params);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
