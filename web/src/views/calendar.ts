// Public working calendar (#/calendar?year=2026): a year as 12 month grids with the
// non-working days marked by kind, their reasons, and a due-date calculator (R30, R34).

import { ApiError, dueDate, getCalendar, type DueDates, type NonWorkingDay } from '../api';
import { isMessageKey, t, tDyn, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import {
  alertBox,
  daysInMonth,
  errorKey,
  isoOf,
  onViewLang,
  parseIso,
  setTitle,
  showError,
  timeEl,
  weekday,
} from '../ui';

export const FIRST_YEAR = 2024;
export const LAST_YEAR = 2027;
const KINDS = ['holiday', 'moved', 'swap_off', 'weekend'] as const;

// The server gives reasons in English; the known patterns are translated here.
const HOLIDAYS: Record<string, string> = {
  'New Year': 'new_year',
  'Orthodox Christmas': 'christmas',
  "International Women's Day": 'women',
  Nauryz: 'nauryz',
  "Kazakhstan People's Unity Day": 'unity',
  'Defender of the Fatherland Day': 'defender',
  'Victory Day': 'victory',
  'Capital Day': 'capital',
  'Kurban Ait': 'kurban_ait',
  'Constitution Day': 'constitution',
  'Republic Day': 'republic',
  'Independence Day': 'independence',
};
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function holidayName(name: string): string {
  const key = HOLIDAYS[name];
  return key ? tDyn(`holiday.${key}`, name) : name;
}

/** "Saturday 21 March" of `year` → "суббота, 21 марта"; null when it is not such a day. */
function dayMonth(text: string, year: number): string | null {
  const m = /^\w+ (\d{1,2}) (\w+)$/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[2] ?? '') + 1;
  const day = Number(m[1]);
  if (month < 1) return null;
  return t('date.day_month', {
    weekday: tDyn(`weekday.${weekday(year, month, day)}`, ''),
    day,
    month: tDyn(`month.gen.${month}`, String(month)),
  });
}

export function reasonText(d: NonWorkingDay): string {
  const year = Number(d.date.slice(0, 4));
  const r = d.reason.trim();
  if (d.kind === 'weekend' && (r === 'weekend' || !r)) return t('cal.kind.weekend');
  let m = /^holiday: (.+)$/.exec(r);
  if (m) return holidayName(m[1] ?? '');
  m = /^moved from (\w+ \d{1,2} \w+) \((.+)\)$/.exec(r);
  if (m) {
    const from = dayMonth(m[1] ?? '', year);
    if (from) return t('cal.reason.moved', { date: from, name: holidayName(m[2] ?? '') });
  }
  m = /^day off moved from (\w+ \d{1,2} \w+)\b/.exec(r);
  if (m) {
    const from = dayMonth(m[1] ?? '', year);
    if (from) return t('cal.reason.swap_off', { date: from });
  }
  return r || tDyn(`cal.kind.${d.kind}`, d.kind);
}

function kindLabel(kind: string): string {
  return tDyn(`cal.kind.${kind}`, kind);
}

function monthTable(year: number, month: number, days: Map<string, NonWorkingDay>): HTMLElement {
  const head = h(
    'tr',
    {},
    ...[1, 2, 3, 4, 5, 6, 7].map((w) =>
      h(
        'th',
        { scope: 'col' },
        h('span', { 'aria-hidden': 'true' }, tDyn(`weekday.short.${w}`, '')),
        h('span', { class: 'visually-hidden' }, tDyn(`weekday.${w}`, '')),
      ),
    ),
  );
  const rows: HTMLElement[] = [];
  let cells: HTMLElement[] = [];
  const first = weekday(year, month, 1);
  for (let i = 1; i < first; i++) cells.push(h('td', { class: 'day day--pad' }));
  const count = daysInMonth(year, month);
  for (let day = 1; day <= count; day++) {
    const iso = isoOf(year, month, day);
    const off = days.get(iso);
    const reason = off ? reasonText(off) : '';
    cells.push(
      h(
        'td',
        off
          ? { class: `day day--${off.kind}`, 'data-date': iso, 'data-kind': off.kind, title: reason }
          : { class: 'day', 'data-date': iso },
        h('span', { class: 'day__num' }, String(day)),
        off ? h('span', { class: 'visually-hidden' }, `, ${kindLabel(off.kind)}: ${reason}`) : null,
      ),
    );
    if (cells.length === 7) {
      rows.push(h('tr', {}, ...cells));
      cells = [];
    }
  }
  if (cells.length) {
    while (cells.length < 7) cells.push(h('td', { class: 'day day--pad' }));
    rows.push(h('tr', {}, ...cells));
  }
  return h(
    'table',
    { class: 'month', 'data-month': isoOf(year, month, 1).slice(0, 7) },
    h('caption', {}, t('cal.month_caption', { month: tDyn(`month.${month}`, String(month)), year })),
    h('thead', {}, head),
    h('tbody', {}, ...rows),
  );
}

function legend(): HTMLElement {
  const id = uid('legend');
  return h(
    'section',
    { class: 'legend', 'aria-labelledby': id },
    h('h2', { id }, t('cal.legend')),
    h(
      'ul',
      {},
      ...KINDS.map((k) =>
        h(
          'li',
          { 'data-kind': k },
          h('span', { class: `swatch day--${k}`, 'aria-hidden': 'true' }, '15'),
          h('span', {}, h('strong', {}, kindLabel(k)), ` — ${tDyn(`cal.kind_hint.${k}`, '')}`),
        ),
      ),
    ),
  );
}

function reasonsTable(year: number, list: NonWorkingDay[]): HTMLElement {
  const id = uid('reasons');
  const rows = list.filter((d) => d.kind !== 'weekend');
  return h(
    'section',
    { class: 'reasons', 'aria-labelledby': id },
    h('h2', { id }, t('cal.list', { year })),
    rows.length
      ? h(
          'table',
          { class: 'data-table' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, t('cal.col.date')), h('th', { scope: 'col' }, t('cal.col.kind')), h('th', { scope: 'col' }, t('cal.col.reason'))),
          ),
          h(
            'tbody',
            {},
            ...rows.map((d) =>
              h(
                'tr',
                { 'data-date': d.date, 'data-kind': d.kind },
                h('td', {}, timeEl(d.date)),
                h('td', {}, h('span', { class: `tag day--${d.kind}` }, kindLabel(d.kind))),
                h('td', {}, reasonText(d)),
              ),
            ),
          ),
        )
      : h('p', {}, t('cal.list_none')),
  );
}

function dueDateErrorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    const key = `due.error.${e.code}`;
    if (isMessageKey(key)) return key;
  }
  return errorKey(e);
}

function dueDateForm(): HTMLElement {
  const headingId = uid('due');
  const acceptedId = uid('accepted');
  const termId = uid('term');
  const unitId = uid('unit');
  const error = alertBox();
  error.id = uid('due-error');
  const accepted = h('input', { id: acceptedId, name: 'accepted', type: 'date', required: true, min: `${FIRST_YEAR}-01-01`, max: `${LAST_YEAR}-12-31`, 'aria-describedby': error.id });
  const term = h('input', { id: termId, name: 'term', type: 'number', inputmode: 'numeric', min: '1', max: '366', step: '1', required: true, 'aria-describedby': error.id });
  const unit = h(
    'select',
    { id: unitId, name: 'unit' },
    tr(h('option', { value: 'working_days' }), 'due.unit.working_days'),
    tr(h('option', { value: 'calendar_days' }), 'due.unit.calendar_days'),
  );
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'due.submit');
  const result = h('div', { class: 'due-result', 'aria-live': 'polite' });
  let last: DueDates | null = null;

  const renderResult = () => {
    if (!last) {
      result.replaceChildren();
      return;
    }
    const row = (key: MessageKey, field: string, iso: string) =>
      h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', {}, timeEl(iso, { 'data-field': field })));
    result.replaceChildren(
      h(
        'dl',
        { class: 'profile' },
        row('due.issue_date', 'issue_date', last.issue_date),
        row('due.provider_deadline', 'provider_deadline', last.provider_deadline),
      ),
      last.deadline_on_issue_day ? tr(h('p', { class: 'hint' }), 'due.deadline_on_issue_day') : '',
    );
  };
  onViewLang(renderResult);

  const form = h(
    'form',
    { class: 'due-form', 'aria-labelledby': headingId, novalidate: true },
    tr(h('p', { class: 'hint' }), 'due.intro'),
    error,
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'field' }, tr(h('label', { for: acceptedId }), 'due.accepted'), accepted),
      h('div', { class: 'field' }, tr(h('label', { for: termId }), 'due.term'), term),
      h('div', { class: 'field' }, tr(h('label', { for: unitId }), 'due.unit'), unit),
    ),
    submit,
  );
  const setInvalid = (input: HTMLInputElement, invalid: boolean) => {
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const a = accepted.value.trim();
    const n = term.value.trim();
    setInvalid(accepted, !parseIso(a));
    setInvalid(term, !/^\d+$/.test(n));
    if (!parseIso(a)) {
      showError(error, 'due.error.invalid_date');
      accepted.focus();
      return;
    }
    if (!/^\d+$/.test(n)) {
      showError(error, 'due.error.invalid_term');
      term.focus();
      return;
    }
    showError(error, null);
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      last = await dueDate(a, n, unit.value);
      renderResult();
    } catch (e) {
      last = null;
      renderResult();
      const key = dueDateErrorKey(e);
      showError(error, key);
      if (key === 'due.error.invalid_term') setInvalid(term, true);
      if (key === 'due.error.invalid_date' || key === 'due.error.calendar_unknown_year') setInvalid(accepted, true);
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  return h('section', { class: 'due', 'aria-labelledby': headingId }, tr(h('h2', { id: headingId }), 'due.heading'), form, result);
}

export function calendarView(requestedYear: number | null): Node[] {
  setTitle('title.calendar');
  const thisYear = new Date().getFullYear();
  let year =
    requestedYear !== null && requestedYear >= FIRST_YEAR && requestedYear <= LAST_YEAR
      ? requestedYear
      : Math.min(LAST_YEAR, Math.max(FIRST_YEAR, thisYear));
  const selectId = uid('year');
  const select = h('select', { id: selectId, name: 'year' });
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    select.append(h('option', { value: String(y), selected: y === year }, String(y)));
  }
  const error = alertBox();
  // Announces the year shown; the grids themselves are too long for a live region.
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const yearBox = h('div', { class: 'year', 'aria-busy': 'true' });
  let days: NonWorkingDay[] = [];
  let loadedYear = 0;

  const render = () => {
    if (!loadedYear) return;
    const map = new Map(days.map((d) => [d.date, d]));
    const gridId = uid('grid');
    yearBox.replaceChildren(
      legend(),
      h(
        'section',
        { class: 'months-section', 'aria-labelledby': gridId },
        h('h2', { id: gridId }, t('cal.year_heading', { year: loadedYear })),
        h('div', { class: 'months', 'data-year': String(loadedYear) }, ...Array.from({ length: 12 }, (_, i) => monthTable(loadedYear, i + 1, map))),
      ),
      reasonsTable(loadedYear, days),
    );
  };

  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    yearBox.setAttribute('aria-busy', 'true');
    showError(error, null);
    try {
      const res = await getCalendar(year);
      if (mine !== seq) return;
      days = res.non_working_days;
      loadedYear = res.year;
      render();
      tr(status, 'cal.year_heading', { year: loadedYear });
    } catch (e) {
      if (mine !== seq) return;
      loadedYear = 0;
      yearBox.replaceChildren();
      showError(status, null);
      showError(error, e instanceof ApiError && e.status === 404 ? 'cal.unknown_year' : errorKey(e));
    } finally {
      if (mine === seq) yearBox.removeAttribute('aria-busy');
    }
  };
  select.addEventListener('change', () => {
    year = Number(select.value);
    history.replaceState(null, '', `#/calendar?year=${year}`);
    void load();
  });
  onViewLang(render);
  void load();

  return [
    tr(h('h1', { tabindex: '-1' }), 'cal.heading'),
    tr(h('p', { class: 'lead' }), 'cal.intro'),
    h('div', { class: 'field field--inline' }, tr(h('label', { for: selectId }), 'cal.year'), select),
    error,
    status,
    yearBox,
    dueDateForm(),
  ];
}
