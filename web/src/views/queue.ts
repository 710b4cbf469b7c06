// Pieces shared by the electronic-queue screens (kiosk, ticket, board, counter, live view):
// names of states and priorities, waits, the ticket's facts, texts in both languages.

import { ApiError, type Localized } from '../api';
import { arrivedAt, type Ticket } from '../queue_api';
import { isMessageKey, plural, tIn, tr, type MessageKey, type Params } from '../i18n';
import { h } from '../dom';
import { apiErrorKey, clockTime, ltext } from '../ui';

/** Kazakhstan keeps one time (UTC+5) since March 2024. */
export const QUEUE_ZONE = 'Asia/Almaty';

/** Tickets that will not move any more. */
export const FINAL_STATES = ['done', 'no_show', 'finished', 'cancelled', 'expired'];

export function keyOr(key: string, fallback: MessageKey): MessageKey {
  return isMessageKey(key) ? key : fallback;
}

/** The state's name (`queue.state.<state>`), a badge. */
export function stateEl(state: string, attrs: Record<string, string> = {}): HTMLElement {
  const span = h('span', { ...attrs, class: `badge queue-state queue-state--${state}`, 'data-state': state });
  const key = `queue.state.${state}`;
  if (isMessageKey(key)) tr(span, key);
  else span.textContent = state;
  return span;
}

export function priorityEl(priority: string, attrs: Record<string, string> = {}): HTMLElement {
  const span = h('span', { ...attrs, 'data-priority': priority });
  const key = `queue.priority.${priority}`;
  if (isMessageKey(key)) tr(span, key);
  else span.textContent = priority;
  return span;
}

/** "about 10 min" / "now"; "—" when unknown. */
export function waitEl(minutes: number | null | undefined, attrs: Record<string, string> = {}): HTMLElement {
  const span = h('span', attrs);
  if (minutes === null || minutes === undefined) span.textContent = '—';
  else if (minutes <= 0) tr(span, 'queue.wait.now');
  else tr(span, 'queue.wait.minutes', { n: minutes });
  return span;
}

/** "3 people" ahead; "nobody" for 0. */
export function aheadEl(n: number | null | undefined, attrs: Record<string, string> = {}): HTMLElement {
  const span = h('span', attrs);
  if (n === null || n === undefined) span.textContent = '—';
  else if (n <= 0) tr(span, 'queue.ahead.none');
  else span.textContent = plural('queue.ahead', n);
  return span;
}

/** The queue's name in the UI language (the code when it has none). */
export function queueNameEl(t: Pick<Ticket, 'queue' | 'queue_name'>, attrs: Record<string, string> = {}): HTMLElement {
  return t.queue_name ? ltext(t.queue_name, attrs) : h('span', attrs, t.queue);
}

export function timeOf(iso: string | null | undefined): Node {
  return iso ? h('time', { datetime: iso }, clockTime(iso, QUEUE_ZONE)) : document.createTextNode('—');
}

/** Minutes since the ticket was taken. */
export function waitedMinutes(t: Ticket, now = Date.now()): number | null {
  const at = Date.parse(arrivedAt(t));
  return Number.isNaN(at) ? null : Math.max(0, Math.floor((now - at) / 60_000));
}

/** A fact list (dl) of label → value rows. */
export function facts(rows: [MessageKey, Node | string, string?][], cls = 'queue-facts'): HTMLElement {
  return h(
    'dl',
    { class: cls },
    ...rows.map(([key, value, field]) => h('div', { class: 'queue-facts__row' }, tr(h('dt'), key), h('dd', { 'data-field': field ?? null }, value))),
  );
}

/** The text of a failed queue request: `queue.error.<code>`, `error.<code>` or the generic one. */
export function queueErrorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    const own = `queue.error.${e.code}`;
    if (isMessageKey(own)) return own;
  }
  return apiErrorKey(e);
}

export function showQueueError(box: HTMLElement, e: unknown): void {
  const code = e instanceof ApiError ? e.code : 'unexpected';
  box.dataset.code = code;
  tr(box, queueErrorKey(e));
}

export function clearError(box: HTMLElement): void {
  delete box.dataset.code;
  delete box.dataset.i18n;
  delete box.dataset.i18nParams;
  box.textContent = '';
}

/** A text in Kazakh and in Russian, each marked with its language (the board, the kiosk's start). */
export function both(key: MessageKey, params?: Params, sep = ' · '): (Node | string)[] {
  return [
    h('span', { lang: 'kk' }, tIn('kk', key, params)),
    ' ',
    h('span', { class: 'both__sep', 'aria-hidden': 'true' }, sep.trim()),
    ' ',
    h('span', { lang: 'ru' }, tIn('ru', key, params)),
  ];
}

/** A text in Kazakh and Russian for an attribute (no markup). */
export const bothText = (key: MessageKey, params?: Params): string => `${tIn('kk', key, params)} / ${tIn('ru', key, params)}`;

/** The localized name picked for a given language (kk → ru → en). */
export function nameIn(name: Localized | undefined, lang: 'kk' | 'ru'): string {
  const order = lang === 'kk' ? (['kk', 'ru', 'en'] as const) : (['ru', 'kk', 'en'] as const);
  for (const l of order) {
    const v = name?.[l]?.trim();
    if (v) return v;
  }
  return '';
}
