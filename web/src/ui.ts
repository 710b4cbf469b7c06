// Pieces shared by the views: title, alerts, names, money, dates, view scope.

import { ApiError, type Employee, type Localized } from './api';
import { getLang, onLangChange, roleKey, t, tDyn, tr, type MessageKey, type Params } from './i18n';
import { h } from './dom';

// ---- document title -------------------------------------------------------

let title: { key: MessageKey; params?: Params } = { key: 'app.name' };
export function setTitle(key: MessageKey, params?: Params): void {
  title = { key, params };
  document.title = t(key, params);
}
onLangChange(() => {
  document.title = t(title.key, title.params);
});

// ---- view scope: listeners and requests that end with the view --------------

let cleanups: (() => void)[] = [];

/** Runs `fn` when the view is left (navigation, sign-in, sign-out). */
export function onViewEnd(fn: () => void): void {
  cleanups.push(fn);
}

/** Calls `fn` on every language change while the current view is shown. */
export function onViewLang(fn: () => void): void {
  onViewEnd(onLangChange(fn));
}

export function endView(): void {
  const fns = cleanups;
  cleanups = [];
  for (const fn of fns) fn();
}

// ---- alerts -------------------------------------------------------------------

export function alertBox(): HTMLElement {
  return h('div', { class: 'alert', role: 'alert' });
}

export function showError(box: HTMLElement, key: MessageKey | null, params?: Params): void {
  if (key) tr(box, key, params);
  else {
    delete box.dataset.i18n;
    delete box.dataset.i18nParams;
    box.textContent = '';
  }
}

export function errorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    switch (e.code) {
      case 'invalid_credentials':
        return 'error.invalid_credentials';
      case 'too_many_attempts':
        return 'error.too_many_attempts';
      case 'network':
        return 'error.network';
      case 'forbidden':
        return 'error.forbidden';
      case 'body_too_large':
        return 'error.body_too_large';
      case 'overloaded':
      case 'database_unavailable':
        return 'error.unavailable';
    }
    if (e.status === 429) return 'error.too_many_attempts';
    if (e.status === 403) return 'error.forbidden';
    if (e.status === 413) return 'error.body_too_large';
    if (e.status === 503) return 'error.unavailable';
  }
  return 'error.unexpected';
}

// ---- people -------------------------------------------------------------------

export function fullName(e: Employee): string {
  return [e.surname, e.name, e.patronymic].filter(Boolean).join(' ');
}

export function roleNodes(roles: string[]): Node[] {
  const out: Node[] = [];
  roles.forEach((code, i) => {
    if (i > 0) out.push(document.createTextNode(', '));
    const span = h('span', { 'data-role': code });
    const key = roleKey(code);
    if (key) tr(span, key);
    else span.textContent = code;
    out.push(span);
  });
  return out;
}

// ---- data in three languages ----------------------------------------------------

const FALLBACK: Record<string, ('kk' | 'ru' | 'en')[]> = {
  kk: ['kk', 'ru', 'en'],
  ru: ['ru', 'kk', 'en'],
  en: ['en', 'ru', 'kk'],
};

/** The text in the UI language, or in the nearest language that has one. */
export function pick(text: Localized | undefined): { text: string; lang: string } {
  const lang = getLang();
  for (const l of FALLBACK[lang] ?? ['ru']) {
    const v = text?.[l]?.trim();
    if (v) return { text: v, lang: l };
  }
  return { text: '', lang };
}

/** A span with the localized text; marked with its own lang when it is not the UI language. */
export function ltext(text: Localized | undefined, attrs: Record<string, string> = {}): HTMLElement {
  const p = pick(text);
  return h('span', { ...attrs, lang: p.lang === getLang() ? null : p.lang }, p.text);
}

// ---- money ---------------------------------------------------------------------

const group3 = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** 432500 tiyn → "4 325,00 ₸" (integer arithmetic only). */
export function formatTiyn(tiyn: number): string {
  const negative = tiyn < 0;
  const abs = Math.abs(Math.trunc(tiyn));
  const tenge = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${negative ? '−' : ''}${group3(String(tenge))},${String(rest).padStart(2, '0')} ₸`;
}

/** 8000 → "8", 200 → "0,2", 1250 → "1,25" (thousandths of an MRP). */
export function formatMilli(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${group3(String(whole))},${frac}` : group3(String(whole));
}

// ---- dates -------------------------------------------------------------------

export interface Ymd {
  y: number;
  m: number; // 1..12
  d: number;
}

export function parseIso(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(y: number, m: number, d: number): number {
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "Monday, 30 March 2026" in the UI language; the input itself when it is not a date. */
export function formatDate(iso: string): string {
  const p = parseIso(iso);
  if (!p) return iso;
  return t('date.long', {
    weekday: tDyn(`weekday.${weekday(p.y, p.m, p.d)}`, ''),
    day: p.d,
    month: tDyn(`month.gen.${p.m}`, String(p.m)),
    year: p.y,
  });
}

export function timeEl(iso: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('time', { ...attrs, datetime: iso }, formatDate(iso));
}
