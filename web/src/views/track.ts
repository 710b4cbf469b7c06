// Public tracking of an application by its receipt's barcode (#/track, #/track/{barcode}; R32).
// The QR code on every receipt opens #/track/{barcode} on the applicant's phone; at #/track
// the applicant types the 13 digits under the barcode, or a barcode scanner types them and
// Enter (the field has the focus from the start, and keeps it, its text selected, for the next
// scan). No sign-in: the server shows the stage, the service and the dates, never personal
// data. Dates as the receipt prints them (DD.MM.YYYY), times in Astana time. The check digit
// is checked here first (no request for a misread number); the server checks the same.

import { ApiError, STAGES, rateApplication, trackApplication, type TrackEvent, type Tracking } from '../api';
import { isMessageKey, tDyn, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import {
  alertBox,
  errorKey,
  formatDotted,
  formatInstantDotted,
  ltext,
  onViewEnd,
  onViewLang,
  pick,
  setInvalid,
  setTitle,
  showError,
} from '../ui';

/** Kazakhstan keeps one time (UTC+5) since March 2024: Astana's. */
const ZONE = 'Asia/Almaty';
export const BARCODE_DIGITS = 13;

// ---- pure helpers -------------------------------------------------------------------------

/** The number as typed or scanned, without the spaces and dashes one may copy with it. */
export function normalizeBarcode(text: string): string {
  return text.replace(/[\s\u00a0\u2010-\u2015-]/g, '');
}

/** ISO 7064 MOD 11,10 check digit of a string of digits (as the server computes it). */
export function mod1110CheckDigit(digits: string): number {
  let p = 10;
  for (const c of digits) {
    let s = (p + Number(c)) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  return (11 - p) % 10;
}

export type BarcodeCheck = 'ok' | 'empty' | 'invalid' | 'misread';

/** Thirteen digits whose last one is the check digit of the twelve before it. */
export function checkBarcode(code: string): BarcodeCheck {
  if (!code) return 'empty';
  if (!new RegExp(`^\\d{${BARCODE_DIGITS}}$`).test(code)) return 'invalid';
  return mod1110CheckDigit(code.slice(0, -1)) === Number(code.slice(-1)) ? 'ok' : 'misread';
}

/** The main path an applicant sees, each step with the stages it covers. */
export const STEPS = [
  { key: 'accepted', stages: ['accepted', 'collected', 'registered'] },
  { key: 'provider', stages: ['dispatched', 'at_provider'] },
  { key: 'decision', stages: ['result_at_center', 'refusal_at_center'] },
  { key: 'ready', stages: ['at_issuance'] },
  { key: 'issued', stages: ['issued'] },
] as const;

/**
 * The step the stage is at (index into STEPS) and how far the path went: `current` is null
 * off the path (an unclaimed result went back after "ready"); null for a stage not on it.
 */
export function progressOf(stage: string): { current: number | null; done: number } | null {
  if (stage === 'returned_unclaimed') return { current: null, done: 4 };
  const i = STEPS.findIndex((s) => (s.stages as readonly string[]).includes(stage));
  if (i < 0) return null;
  // "Issued" is the end: done, and where the application is.
  return { current: i, done: stage === 'issued' ? i + 1 : i };
}

const knownStage = (stage: string) => (STAGES as readonly string[]).includes(stage);

function stageKey(stage: string): MessageKey {
  const key = `track.stage.${stage}`;
  return knownStage(stage) && isMessageKey(key) ? key : 'track.stage.unknown';
}

/** An event by its own kind when it has a label, else by the stage it led to. */
function eventText(e: TrackEvent): string {
  return tDyn(`track.event.${e.kind}`, '') || (knownStage(e.stage) ? tDyn(`track.stage.${e.stage}`, '') : '') || e.kind;
}

// ---- the view -----------------------------------------------------------------------------

export function trackView(initial: string | null, focusField = true): Node[] {
  setTitle('title.track');
  const inputId = uid('barcode');
  const hintId = uid('barcode-hint');
  const error = alertBox();
  error.id = uid('track-error');
  error.dataset.field = 'track-error';
  const input = h('input', {
    id: inputId,
    name: 'barcode',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    enterkeyhint: 'search',
    maxlength: 40,
    'aria-describedby': `${hintId} ${error.id}`,
  });
  if (initial) input.value = initial;
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'track.submit');
  const form = h(
    'form',
    { class: 'track-form', novalidate: true, 'data-form': 'track' },
    h(
      'div',
      { class: 'field' },
      tr(h('label', { for: inputId }), 'track.field'),
      tr(h('span', { id: hintId, class: 'hint' }), 'track.field_hint'),
      h('div', { class: 'search__row track-form__row' }, input, submit),
    ),
    error,
  );
  /** Says the outcome of each lookup (the stage and the date) to screen readers. */
  const live = h('p', { class: 'visually-hidden', role: 'status', 'data-field': 'track-status' });
  const result = h('div', { class: 'track-result-slot' });

  let data: Tracking | null = null;
  /** The rating form of the application shown (kept across language changes). */
  let rating: HTMLElement | null = null;
  let controller: AbortController | null = null;

  const clearResult = () => {
    data = null;
    rating = null;
    result.replaceChildren();
  };

  const fail = (key: MessageKey, params?: Record<string, string | number>) => {
    clearResult();
    setTitle('title.track');
    live.replaceChildren();
    setInvalid(input, true);
    showError(error, key, params);
  };

  const render = () => {
    if (!data) return;
    const section = resultSection(data);
    if (rating) section.append(rating);
    result.replaceChildren(section);
  };

  const announce = (d: Tracking) => {
    const parts: (Node | string)[] = [tr(h('span'), 'track.result.heading', { barcode: d.barcode }), '. ', tr(h('span'), stageKey(d.stage)), '. '];
    const line = readyLine(d);
    if (line) parts.push(tr(h('span'), line.key, line.params));
    live.replaceChildren(...parts);
  };

  /** Forgets a lookup still under way (the last request wins). */
  const stop = () => {
    controller?.abort();
    controller = null;
    result.removeAttribute('aria-busy');
    tr(submit, 'track.submit');
  };

  const lookup = async (raw: string, fromForm: boolean) => {
    stop();
    const code = normalizeBarcode(raw);
    const check = checkBarcode(code);
    showError(error, null);
    setInvalid(input, false);
    if (check !== 'ok') {
      fail(check === 'empty' ? 'track.error.empty' : check === 'misread' ? 'track.error.misread' : 'track.error.invalid');
      return;
    }
    const c = new AbortController();
    controller = c;
    if (fromForm) history.replaceState(null, '', `#/track/${code}`);
    result.setAttribute('aria-busy', 'true');
    tr(submit, 'track.checking');
    try {
      const d = await trackApplication(code, c.signal);
      if (c !== controller) return;
      data = d;
      rating = d.rated === false && d.status === 'accepted' ? ratingSection(d.barcode) : null;
      setTitle('title.track_barcode', { barcode: d.barcode });
      render();
      announce(d);
    } catch (e) {
      if (c.signal.aborted) return;
      if (e instanceof ApiError && e.code === 'barcode_misread') fail('track.error.misread');
      else if (e instanceof ApiError && (e.code === 'barcode_invalid' || e.status === 400)) fail('track.error.invalid');
      else if (e instanceof ApiError && e.status === 404) fail('track.error.not_found');
      else if (e instanceof ApiError && e.status === 429) {
        if (e.retryAfter) fail('track.error.too_many', { n: e.retryAfter });
        else fail('track.error.too_many_later');
      } else fail(errorKey(e));
    } finally {
      if (c === controller) {
        result.removeAttribute('aria-busy');
        tr(submit, 'track.submit');
      }
    }
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    // The next scan replaces the number instead of adding to it.
    if (document.activeElement === input) input.select();
    void lookup(input.value, true);
  });
  input.addEventListener('input', () => setInvalid(input, false));
  onViewLang(render);
  onViewEnd(stop);

  if (initial !== null) void lookup(initial, false);
  // A scanner types into the field without a click. Not on a receipt's link: on a phone the
  // keyboard would cover the answer.
  else if (focusField) queueMicrotask(() => input.focus());

  const heading = tr(h('h1', { tabindex: '-1' }), 'track.heading');
  if (initial === null) return [heading, tr(h('p', { class: 'lead' }), 'track.intro'), form, live, result];
  // From the receipt's link, on a phone: the answer first, then the form for another number.
  const formHeadingId = uid('track-other');
  form.setAttribute('aria-labelledby', formHeadingId);
  return [
    heading,
    live,
    result,
    h('section', { class: 'track-other', 'aria-labelledby': formHeadingId }, tr(h('h2', { id: formHeadingId }), 'track.other.heading'), form),
  ];
}

/** The sentence about the result's date, for the stages before it is handed over. */
function readyLine(d: Tracking): { key: MessageKey; params?: Record<string, string> } | null {
  if (d.status === 'refused') return { key: 'track.refused.again' };
  if (d.stage === 'at_issuance') return { key: 'track.ready_now' };
  if (d.stage === 'issued' || d.stage === 'returned_unclaimed' || !d.issue_date) return null;
  return { key: 'track.ready_on', params: { date: formatDotted(d.issue_date) } };
}

function resultSection(d: Tracking): HTMLElement {
  const headingId = uid('track-result');
  const refused = d.status === 'refused';
  const row = (key: MessageKey, field: string, ...value: (Node | string)[]) =>
    h('div', { class: 'profile__row', 'data-row': field }, tr(h('dt'), key), h('dd', { 'data-field': field }, ...value));
  const dateEl = (iso: string, field: string) => h('time', { datetime: iso, 'data-field': field }, formatDotted(iso));

  // Where it is now, and when the result will be ready: big.
  const now = h(
    'div',
    { class: `track-now${refused ? ' track-now--refused' : ''}` },
    tr(h('p', { class: 'track-now__label' }), refused ? 'track.outcome' : 'track.now'),
    tr(h('p', { class: 'track-now__stage', 'data-field': 'stage', 'data-stage': d.stage }), stageKey(d.stage)),
  );
  const line = readyLine(d);
  if (refused) {
    now.append(
      tr(h('p', { 'data-field': 'refused-text' }), 'track.refused.text'),
      tr(h('p', { class: 'track-now__again', 'data-field': 'refused-again' }), 'track.refused.again'),
      h(
        'p',
        {},
        tr(h('a', { href: `#/services/${encodeURIComponent(d.service_code)}`, 'data-link': 'service-documents' }), 'track.refused.documents'),
      ),
    );
  } else if (line) {
    now.append(tr(h('p', { class: 'track-now__ready', 'data-field': 'ready' }), line.key, line.params));
    if (d.stage === 'at_issuance') now.append(tr(h('p', {}), 'track.ready_now_bring'));
  }
  if (d.stage === 'returned_unclaimed') now.append(tr(h('p', { 'data-field': 'note' }), 'track.unclaimed_note'));
  if (d.stage === 'refusal_at_center') now.append(tr(h('p', { 'data-field': 'note' }), 'track.refusal_at_center_note'));

  const facts = h(
    'dl',
    { class: 'profile track-facts' },
    row(
      'track.fact.service',
      'service',
      d.service_name && pick(d.service_name).text ? ltext(d.service_name) : h('span', { class: 'mono' }, d.service_code),
    ),
    row(refused ? 'track.fact.applied_on' : 'track.fact.accepted_on', 'accepted_on', dateEl(d.accepted_on, 'accepted_on_date')),
    !refused && d.issue_date ? row('track.fact.issue_date', 'issue_date', dateEl(d.issue_date, 'issue_date_date')) : null,
    row(
      'track.fact.status',
      'status',
      tr(h('span', { class: `badge ${refused ? 'badge--warn' : 'badge--ok'}` }), refused ? 'track.status.refused' : 'track.status.accepted'),
    ),
  );

  return h(
    'section',
    { class: 'track-result', 'aria-labelledby': headingId, 'data-status': d.status, 'data-stage': d.stage, 'data-barcode': d.barcode },
    tr(h('h2', { id: headingId }), 'track.result.heading', { barcode: d.barcode }),
    now,
    refused ? null : progressSection(d.stage),
    facts,
    historySection(d.events),
  );
}

function progressSection(stage: string): HTMLElement | null {
  const p = progressOf(stage);
  if (!p) return null;
  const headingId = uid('track-steps');
  const items = STEPS.map((s, i) => {
    const state = i === p.current ? 'current' : i < p.done ? 'done' : 'todo';
    return h(
      'li',
      { class: `track-step track-step--${state}`, 'data-step': s.key, 'data-state': state, 'aria-current': state === 'current' ? 'step' : null },
      h('span', { class: 'track-step__mark', 'aria-hidden': 'true' }, i < p.done ? '✓' : String(i + 1)),
      h(
        'span',
        { class: 'track-step__text' },
        tr(h('span', { class: 'track-step__label' }), `track.step.${s.key}` as MessageKey),
        state === 'current' && i < p.done ? tr(h('span', { class: 'visually-hidden' }), 'track.step.state_done') : null,
        state === 'current' ? tr(h('span', { class: 'track-step__now' }), 'track.step.state_now') : null,
        state === 'done' ? tr(h('span', { class: 'visually-hidden' }), 'track.step.state_done') : null,
        state === 'todo' ? tr(h('span', { class: 'visually-hidden' }), 'track.step.state_todo') : null,
      ),
    );
  });
  return h(
    'section',
    { class: 'track-progress', 'aria-labelledby': headingId },
    tr(h('h3', { id: headingId }), 'track.steps.heading'),
    h('ol', { class: 'track-steps', 'aria-labelledby': headingId }, ...items),
  );
}

function historySection(events: TrackEvent[]): HTMLElement {
  const headingId = uid('track-history');
  const hintId = uid('track-zone');
  return h(
    'section',
    { class: 'track-history', 'aria-labelledby': headingId },
    tr(h('h3', { id: headingId }), 'track.history.heading'),
    tr(h('p', { id: hintId, class: 'hint' }), 'track.history.zone'),
    events.length
      ? h(
          'ol',
          { class: 'track-events', 'aria-labelledby': headingId, 'aria-describedby': hintId, 'data-list': 'events' },
          ...events.map((e) =>
            h(
              'li',
              { 'data-kind': e.kind, 'data-stage': e.stage },
              h('time', { class: 'track-events__at', datetime: e.at }, formatInstantDotted(e.at, ZONE)),
              h('span', { class: 'track-events__what' }, eventText(e)),
            ),
          ),
        )
      : tr(h('p', {}), 'track.history.none'),
  );
}

/** R23: the applicant rates the quality of the service, once: 1 to 5 and an optional comment. */
function ratingSection(barcode: string): HTMLElement {
  const headingId = uid('rating');
  const error = alertBox();
  error.id = uid('rating-error');
  const name = uid('score');
  const radios = [1, 2, 3, 4, 5].map((n) => h('input', { type: 'radio', id: uid(`score-${n}`), name, value: String(n) }));
  const group = h(
    'fieldset',
    { class: 'checks rating-scores', 'aria-describedby': error.id },
    tr(h('legend'), 'rating.score'),
    h(
      'div',
      { class: 'checks__row' },
      ...radios.map((r) => h('div', { class: 'check' }, r, tr(h('label', { for: r.id }), `rating.score.${r.value}` as MessageKey))),
    ),
  );
  const commentId = uid('rating-comment');
  const comment = h('textarea', { id: commentId, name: 'comment', rows: 3, maxlength: 1000 });
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'rate' }), 'rating.submit');
  const form = h(
    'form',
    { class: 'rating-form', novalidate: true, 'aria-labelledby': headingId, 'data-form': 'rating' },
    error,
    group,
    h('div', { class: 'field' }, tr(h('label', { for: commentId }), 'rating.comment'), comment),
    h('div', { class: 'actions' }, submit),
  );
  const section = h(
    'section',
    { class: 'track-rating', 'aria-labelledby': headingId, 'data-section': 'rating' },
    tr(h('h3', { id: headingId, tabindex: '-1' }), 'rating.heading'),
    tr(h('p', { class: 'hint' }), 'rating.intro'),
    form,
  );
  const thanks = (key: MessageKey) => {
    const p = tr(h('p', { class: 'notice', role: 'status', 'data-field': 'rating-done' }), key);
    form.replaceWith(p);
  };
  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    showError(error, null);
    const chosen = radios.find((r) => r.checked);
    if (!chosen) {
      group.setAttribute('aria-invalid', 'true');
      showError(error, 'rating.required');
      radios[0]?.focus();
      return;
    }
    group.removeAttribute('aria-invalid');
    busy = true;
    submit.disabled = true;
    try {
      await rateApplication(barcode, Number(chosen.value), comment.value.trim());
      thanks('rating.thanks');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'already_rated') thanks('rating.already');
      else {
        showError(error, e instanceof ApiError && e.status === 429 ? 'track.error.too_many_later' : errorKey(e));
        submit.disabled = false;
      }
    } finally {
      busy = false;
    }
  });
  return section;
}
