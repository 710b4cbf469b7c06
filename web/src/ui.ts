// Pieces shared by the views: title, alerts, names, money, dates, view scope.

import { ApiError, type Employee, type Localized } from './api';
import { getLang, isMessageKey, onLangChange, roleKey, t, tDyn, tr, type MessageKey, type Params } from './i18n';
import { h, uid } from './dom';

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

/** A translated key for a server error code (`error.<code>`), or the generic one. */
export function apiErrorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    const key = `error.${e.code}`;
    if (isMessageKey(key)) return key;
  }
  return errorKey(e);
}

/**
 * Shows a failed request in an alert: the translated error and, for a refused
 * request (4xx), the server's own message (in English) below it.
 * Returns the field the server named ("opens_at: …" → "opens_at"), if any.
 */
export function showApiError(box: HTMLElement, e: unknown): string | null {
  showError(box, null);
  const text = tr(h('span', {}), apiErrorKey(e));
  if (!(e instanceof ApiError) || e.status < 400 || e.status >= 500 || e.status === 401 || !e.message) {
    box.replaceChildren(text);
    return null;
  }
  box.replaceChildren(
    text,
    h(
      'span',
      { class: 'alert__detail' },
      tr(h('span', {}), 'error.details'),
      ' ',
      h('span', { lang: 'en', 'data-field': 'server-message' }, e.message),
    ),
  );
  const m = /^([a-z_]+): /.exec(e.message);
  return m ? (m[1] ?? null) : null;
}

/**
 * Wraps a wide data table in a region that scrolls sideways on a narrow screen;
 * the region is named by the table's caption and can be focused to scroll it.
 */
export function scrollBox(table: HTMLTableElement): HTMLElement {
  const caption = table.querySelector('caption');
  if (caption && !caption.id) caption.id = uid('caption');
  return h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': caption?.id ?? null }, table);
}

/** A polite status line for the outcome of an action (green when not empty). */
export function noticeBox(): HTMLElement {
  return h('p', { class: 'notice', role: 'status' });
}

export function setInvalid(input: HTMLElement, invalid: boolean): void {
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/**
 * An inline confirmation step: a group with the question and two buttons.
 * Focus moves to "Cancel" (unless `autofocus` is false); `onDone(true|false)` gets the answer;
 * Escape cancels.
 */
export function confirmGroup(
  question: { key: MessageKey; params?: Params },
  yes: MessageKey,
  onDone: (confirmed: boolean) => void,
  autofocus = true,
): HTMLElement {
  const id = uid('confirm');
  const yesButton = tr(h('button', { type: 'button', class: 'button button--danger', 'data-action': 'confirm' }), yes);
  const noButton = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'cancel' }), 'common.cancel');
  yesButton.addEventListener('click', () => onDone(true));
  noButton.addEventListener('click', () => onDone(false));
  const group = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': id },
    tr(h('p', { id, class: 'confirm__question' }), question.key, question.params),
    h('div', { class: 'actions' }, yesButton, noButton),
  );
  group.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      onDone(false);
    }
  });
  if (autofocus) queueMicrotask(() => noButton.focus());
  return group;
}

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
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

/** "15.12.2026", as receipts and SMS print a date; the input itself when it is not a date. */
export function formatDotted(iso: string): string {
  const p = parseIso(iso);
  return p ? `${String(p.d).padStart(2, '0')}.${String(p.m).padStart(2, '0')}.${p.y}` : iso;
}

export function timeEl(iso: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('time', { ...attrs, datetime: iso }, formatDate(iso));
}

// ---- instants in a branch's time zone ------------------------------------------------

/** The calendar date (YYYY-MM-DD) and the "HH:MM" of an instant in `zone`; null when either is not valid. */
export function zonedParts(iso: string, zone: string): { date: string; time: string } | null {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(when);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
  } catch {
    return null;
  }
}

/** "HH:MM" of an instant in the branch's zone. */
export function clockTime(iso: string, zone: string): string {
  if (Number.isNaN(new Date(iso).getTime())) return iso;
  return zonedParts(iso, zone)?.time ?? iso.slice(11, 16);
}

/** "Tuesday, 24 November 2026, 10:00" in the UI language, in the branch's zone. */
export function formatInstant(iso: string, zone: string): string {
  const p = zonedParts(iso, zone);
  return p ? t('date.at_time', { date: formatDate(p.date), time: p.time }) : iso;
}

/** "24.11.2026, 10:00": an instant in `zone` with the date as receipts print it. */
export function formatInstantDotted(iso: string, zone: string): string {
  const p = zonedParts(iso, zone);
  return p ? t('date.at_time', { date: formatDotted(p.date), time: p.time }) : iso;
}

/** A <time> with the instant in the branch's zone; it follows the UI language by itself. */
export function instantEl(iso: string, zone: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('time', { ...attrs, datetime: iso, 'data-zone': zone }, formatInstant(iso, zone));
}
onLangChange(() => {
  for (const el of document.querySelectorAll<HTMLElement>('time[data-zone]')) {
    el.textContent = formatInstant(el.getAttribute('datetime') ?? '', el.dataset.zone ?? '');
  }
});
