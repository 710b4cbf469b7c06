// The consultation panel of the counter (#/counter; R14, R15, R20): while a ticket is called or
// served at the employee's window, the service asked about (from the catalog in force), what
// was done (explained, checklist printed, helped at self-service, sent to intake, other) and a
// note are recorded on the ticket, as many times as needed (at most 20). The consultations
// recorded for the ticket are listed beneath. Open by default at consultation windows, folded
// at the others. Errors go to the counter's alert box, the outcome to its status line.

import { ApiError, searchServices, type ServiceSummary } from '../api';
import { CONSULTATION_OUTCOMES, listConsultations, recordConsultation, type Consultation, type ConsultationOutcome, type Ticket } from '../queue_api';
import { getLang, isMessageKey, t, tDyn, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { pick, scrollBox, setInvalid, showError } from '../ui';
import { note as noteEl } from './movement';
import { clearError, queueErrorKey, timeOf } from './queue';

/** The server takes a note of at most 1000 bytes (UTF-8). */
export const NOTE_MAX_BYTES = 1000;
const SERVICE_PAGES = 20;

let servicesCache: Promise<ServiceSummary[]> | null = null;

/** Every service of the catalog in force (fetched once per page load; a failure is not kept). */
export function allServices(): Promise<ServiceSummary[]> {
  if (!servicesCache) {
    servicesCache = (async () => {
      const all: ServiceSummary[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < SERVICE_PAGES; page++) {
        const res = await searchServices('', getLang(), cursor, undefined, 500);
        all.push(...res.items);
        cursor = res.next_cursor;
        if (!cursor) break;
      }
      return all;
    })();
    servicesCache.catch(() => {
      servicesCache = null;
    });
  }
  return servicesCache;
}

export interface ConsultPanel {
  section: HTMLElement;
  /** The window's ticket (or none) and the window's kind: shows or hides the panel. */
  update: (ticket: Ticket | null, windowKind: string) => void;
  /** Redraws what is not translated in place (service names, the list). */
  relang: () => void;
}

/** The text of a failed consultation request: `consult.error.<code>`, then the queue's own. */
export function consultErrorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    const own = `consult.error.${e.code}`;
    if (isMessageKey(own)) return own;
  }
  return queueErrorKey(e);
}

export function consultationPanel(opts: { error: HTMLElement; notice: HTMLElement; alive: () => boolean }): ConsultPanel {
  const { error, notice, alive } = opts;
  const headingId = uid('consult');
  const heading = tr(h('h2', { id: headingId, tabindex: '-1' }), 'consult.heading');
  const section = h('section', { class: 'counter-consult', 'aria-labelledby': headingId, 'data-section': 'consultation', hidden: true }, heading);

  let ticket: Ticket | null = null;
  let services: ServiceSummary[] | null = null;
  let servicesLoading = false;
  let items: Consultation[] = [];
  let listController: AbortController | null = null;
  let busy = false;
  let openedFor: number | null = null;

  // ---- the form ----
  const filterId = uid('consult-filter');
  const serviceId = uid('consult-service');
  const outcomeId = uid('consult-outcome');
  const noteId = uid('consult-note');
  const noteHintId = uid('consult-note-hint');
  const filter = h('input', { id: filterId, name: 'service_filter', type: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-controls': serviceId });
  const service = h('select', { id: serviceId, name: 'service_code', required: true });
  const outcome = h('select', { id: outcomeId, name: 'outcome' });
  const noteInput = h('textarea', { id: noteId, name: 'note', rows: 3, maxlength: NOTE_MAX_BYTES, 'aria-describedby': noteHintId });
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'record-consultation' }), 'consult.record');
  const form = h(
    'form',
    { class: 'consult-form', novalidate: true, 'data-form': 'consultation' },
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'field field--wide' }, tr(h('label', { for: filterId }), 'consult.filter'), filter),
      h('div', { class: 'field field--wide' }, tr(h('label', { for: serviceId }), 'consult.service'), service),
    ),
    h('div', { class: 'form-row' }, h('div', { class: 'field' }, tr(h('label', { for: outcomeId }), 'consult.outcome'), outcome)),
    h(
      'div',
      { class: 'field' },
      tr(h('label', { for: noteId }), 'consult.note'),
      tr(h('span', { id: noteHintId, class: 'hint' }), 'consult.note_hint', { n: NOTE_MAX_BYTES }),
      noteInput,
    ),
    h('div', { class: 'actions' }, submit),
  );
  const details = h('details', { class: 'counter-consult__form' }, tr(h('summary', { 'data-field': 'consult-toggle' }), 'consult.toggle'), form);

  const listBox = h('div', { 'data-list': 'consultations' });
  section.append(details, listBox);

  const renderOutcomes = () => {
    const chosen = outcome.value || 'explained';
    outcome.replaceChildren(...CONSULTATION_OUTCOMES.map((o) => h('option', { value: o, selected: o === chosen }, t(`consult.outcome.${o}` as MessageKey))));
  };

  const serviceText = (s: ServiceSummary) => `${s.code} — ${pick(s.name).text}`;
  const renderServices = () => {
    const chosen = service.value;
    const q = filter.value.trim().toLocaleLowerCase(getLang());
    if (!services) {
      service.replaceChildren(h('option', { value: '' }, t(servicesLoading ? 'app.loading' : 'consult.service.none')));
      return;
    }
    const match = (s: ServiceSummary) => !q || s.code.includes(q) || [s.name.kk, s.name.ru, s.name.en].some((n) => n?.toLocaleLowerCase(getLang()).includes(q));
    const shown = services.filter((s) => match(s) || s.code === chosen);
    service.replaceChildren(
      h('option', { value: '' }, t(shown.length ? 'consult.service.choose' : 'consult.service.none')),
      ...shown.map((s) => h('option', { value: s.code, selected: s.code === chosen }, serviceText(s))),
    );
    // One match of the filter is chosen at once.
    if (q && !chosen) {
      const only = shown.filter(match);
      if (only.length === 1 && only[0]) service.value = only[0].code;
    }
  };
  filter.addEventListener('input', () => renderServices());
  filter.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      service.focus();
    }
  });
  service.addEventListener('change', () => setInvalid(service, false));

  const loadServices = async () => {
    if (services || servicesLoading) return;
    servicesLoading = true;
    renderServices();
    try {
      services = await allServices();
    } catch (e) {
      if (alive()) showConsultError(e);
    } finally {
      servicesLoading = false;
      if (alive()) renderServices();
    }
  };

  // ---- the list ----
  const serviceName = (code: string) => {
    const s = services?.find((x) => x.code === code);
    return s ? pick(s.name).text : '';
  };
  const renderList = () => {
    const tk = ticket;
    if (!tk) {
      listBox.replaceChildren();
      return;
    }
    if (!items.length) {
      listBox.replaceChildren(noteEl('consult.list.none', 'no-consultations', { number: tk.number }));
      return;
    }
    listBox.replaceChildren(
      scrollBox(
        h(
          'table',
          { class: 'data-table', 'data-table': 'consultations' },
          tr(h('caption'), 'consult.list.caption', { number: tk.number, n: items.length }),
          h(
            'thead',
            {},
            h('tr', {}, ...(['consult.col.at', 'consult.col.service', 'consult.col.outcome', 'consult.col.note'] as MessageKey[]).map((k) => tr(h('th', { scope: 'col' }), k))),
          ),
          h(
            'tbody',
            {},
            ...items.map((c) =>
              h(
                'tr',
                { 'data-id': String(c.id), 'data-service': c.service_code, 'data-outcome': c.outcome },
                h('td', { 'data-field': 'at' }, timeOf(c.at)),
                h('th', { scope: 'row', 'data-field': 'service' }, h('span', { class: 'mono' }, c.service_code), serviceName(c.service_code) ? ` — ${serviceName(c.service_code)}` : ''),
                h('td', { 'data-field': 'outcome' }, tDyn(`consult.outcome.${c.outcome}`, c.outcome)),
                h('td', { 'data-field': 'note' }, c.note || '—'),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const loadList = async (tk: Ticket) => {
    listController?.abort();
    const c = new AbortController();
    listController = c;
    listBox.setAttribute('aria-busy', 'true');
    try {
      const list = await listConsultations(tk.id, c.signal);
      if (c !== listController || !alive() || ticket?.id !== tk.id) return;
      items = list;
      renderList();
    } catch (e) {
      if (c.signal.aborted || !alive()) return;
      showConsultError(e);
    } finally {
      if (c === listController) listBox.removeAttribute('aria-busy');
    }
  };

  // ---- recording ----
  function showConsultError(e: unknown): void {
    error.dataset.code = e instanceof ApiError ? e.code : 'unexpected';
    tr(error, consultErrorKey(e));
  }

  const reset = () => {
    filter.value = '';
    service.value = '';
    outcome.value = 'explained';
    noteInput.value = '';
    setInvalid(service, false);
    setInvalid(noteInput, false);
    renderServices();
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const tk = ticket;
    if (busy || !tk) return;
    clearError(error);
    showError(notice, null);
    setInvalid(service, false);
    setInvalid(noteInput, false);
    const code = service.value;
    const text = noteInput.value.trim();
    if (!code) {
      setInvalid(service, true);
      error.dataset.code = 'missing_service';
      tr(error, 'consult.error.missing_service');
      service.focus();
      return;
    }
    if (new TextEncoder().encode(text).length > NOTE_MAX_BYTES) {
      setInvalid(noteInput, true);
      error.dataset.code = 'note_too_long';
      tr(error, 'consult.error.note_too_long', { n: NOTE_MAX_BYTES });
      noteInput.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const body: { service_code: string; outcome: ConsultationOutcome; note?: string } = { service_code: code, outcome: outcome.value as ConsultationOutcome };
      if (text) body.note = text;
      const made = await recordConsultation(tk.id, body);
      if (!alive()) return;
      if (ticket?.id === tk.id) {
        items = [...items.filter((c) => c.id !== made.id), made];
        renderList();
      }
      tr(notice, 'consult.done', { number: tk.number, code: made.service_code, outcome: tDyn(`consult.outcome.${made.outcome}`, made.outcome) });
      reset();
      filter.focus();
    } catch (e) {
      if (!alive()) return;
      showConsultError(e);
      if (e instanceof ApiError) {
        if (e.code === 'service_unknown') {
          setInvalid(service, true);
          service.focus();
        } else if (e.code === 'invalid_field' && /note/.test(e.message)) {
          setInvalid(noteInput, true);
          noteInput.focus();
        }
      }
    } finally {
      busy = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  renderOutcomes();
  renderServices();

  return {
    section,
    update: (tk, windowKind) => {
      const active = tk && (tk.state === 'called' || tk.state === 'serving') ? tk : null;
      const changed = (active?.id ?? null) !== (ticket?.id ?? null);
      ticket = active;
      section.hidden = !active;
      if (!active) {
        items = [];
        listController?.abort();
        renderList();
        return;
      }
      tr(heading, 'consult.heading_ticket', { number: active.number });
      void loadServices();
      if (changed) {
        items = [];
        reset();
        renderList();
        void loadList(active);
        // Open at a consultation window; elsewhere folded until the employee opens it.
        if (openedFor !== active.id) {
          openedFor = active.id;
          details.open = windowKind === 'consultation';
        }
      }
    },
    relang: () => {
      renderOutcomes();
      renderServices();
      renderList();
    },
  };
}
