// The operator's workstation (#/desk, operator): intake of one application at the front
// desk. The service (found in the catalog), the applicant (R9) and any representative with
// the power of attorney (R17), the package ticked against the service's checklist (R18;
// what state systems hold is fetched, never asked for: R27), the payments (R18.3), the
// completed form (R18.1), the consent to use protected data (R10, R18.7) and the
// applicant's language for the documents (R19, separate from the UI language). "Accept"
// gives the receipt (R18.5) or, for an incomplete package, the recorded refusal and its
// receipt naming the missing documents (R18.6). The server is the authority on every rule;
// the checks here only give early feedback.

import {
  ApiError,
  SERVICE_PRICE_CODE,
  acceptApplication,
  getBranch,
  getService,
  listWindows,
  recordWrittenConsent,
  searchServices,
  sendConsentCode,
  verifyConsentCode,
  type AcceptedApplication,
  type ApplicationInput,
  type ConsentChallenge,
  type ConsentKind,
  type ConsentRef,
  type DocumentKind,
  type Employee,
  type Localized,
  type PersonInput,
  type Refusal,
  type Service,
  type ServiceDocument,
  type ServiceSummary,
} from '../api';
import { getLang, t, tr, trAttr, type MessageKey, type Params } from '../i18n';
import { h, uid } from '../dom';
import {
  alertBox,
  apiErrorKey,
  clockTime,
  confirmGroup,
  errorKey,
  formatTiyn,
  ltext,
  noticeBox,
  onViewEnd,
  onViewLang,
  pick,
  setInvalid,
  setTitle,
  showApiError,
  showError,
  timeEl,
} from '../ui';
import { termText } from './catalog';

/** Who works at the desk (and sees it in the menu). */
export const DESK_ROLES = ['operator'];

const SEARCH_DELAY_MS = 250;
const SEARCH_LIMIT = 8;
const MAX_PAGES = 1000;
const ID_DOCUMENT_TYPES = ['id_card', 'passport', 'residence_permit', 'stateless_certificate', 'birth_certificate'] as const;
const DOCUMENT_KINDS: DocumentKind[] = ['original', 'copy', 'electronic'];

// ---- pure helpers ---------------------------------------------------------------------

export type IinCheck = { ok: true; birth: string | null } | { ok: false; reason: 'length' | 'not_iin' | 'checksum' };

/**
 * An IIN: 12 digits, YYMMDD, the century-and-sex digit, a serial and the check digit
 * (Government decree No. 565: Σ d[i]·i mod 11, again with weights 3…11,1,2 when that gives 10;
 * 10 twice means the number is never issued). The 5th digit of an IIN is 0–3 (4–6 is a BIN).
 */
export function checkIin(text: string): IinCheck {
  if (!/^\d{12}$/.test(text)) return { ok: false, reason: 'length' };
  const d = [...text].map(Number);
  const at = (i: number) => d[i] ?? 0;
  if (at(4) > 3) return { ok: false, reason: 'not_iin' };
  const sum = (weights: number[]) => weights.reduce((acc, w, i) => acc + at(i) * w, 0) % 11;
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (c === 10) c = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  if (c === 10 || c !== at(11)) return { ok: false, reason: 'checksum' };
  // The date of birth, when the 7th digit names a century (1/2: 1800s, 3/4: 1900s, 5/6: 2000s).
  const cs = at(6);
  let birth: string | null = null;
  if (cs >= 1 && cs <= 6) {
    const y = 1800 + 100 * Math.floor((cs - 1) / 2) + at(0) * 10 + at(1);
    const m = at(2) * 10 + at(3);
    const day = at(4) * 10 + at(5);
    const dim = m >= 1 && m <= 12 ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 0;
    if (day >= 1 && day <= dim) birth = `${String(day).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
  }
  return { ok: true, birth };
}

/** "3 460", "3460,5", "3 460.00 ₸" → tiyn (integers only); null when it is not an amount. */
export function parseTenge(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f₸]/g, '').replace(',', '.');
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * A date as operators type it: "31.12.2030", "31/12/2030", "31122030" or "2030-12-31" → "2030-12-31";
 * "" when empty; null when it is not a date.
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  if (!s) return '';
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const visible = (el: HTMLElement) => !el.closest('[hidden]') && !(el as HTMLInputElement).disabled;

// ---- field errors linked to their fields ---------------------------------------------------

interface FieldRef {
  control: HTMLElement;
  msg: HTMLElement;
}

/**
 * The form's fields by the server's name for them ("applicant.id_document.valid_until"),
 * each with the message element its aria-describedby points at.
 */
class Fields {
  private map = new Map<string, FieldRef>();

  add(path: string, control: HTMLElement, msg: HTMLElement): void {
    this.map.set(path, { control, msg });
  }

  /** Forgets `prefix` and every field under it. */
  drop(prefix: string): void {
    for (const k of [...this.map.keys()]) if (k === prefix || k.startsWith(`${prefix}.`)) this.map.delete(k);
  }

  /** The field a server path names: itself, else the first shown field under it, else its parent's. */
  resolve(path: string): string | null {
    let p = path;
    while (p) {
      const exact = this.map.get(p);
      if (exact && visible(exact.control)) return p;
      for (const [k, ref] of this.map) if (k.startsWith(`${p}.`) && visible(ref.control)) return k;
      const dot = p.lastIndexOf('.');
      p = dot < 0 ? '' : p.slice(0, dot);
    }
    return null;
  }

  /** Marks the field invalid with the message; returns the control to focus. */
  mark(path: string, key: MessageKey, params?: Params): HTMLElement | null {
    const ref = this.map.get(path);
    if (!ref) return null;
    setInvalid(ref.control, true);
    tr(ref.msg, key, params);
    return ref.control;
  }

  unmark(path: string): void {
    const ref = this.map.get(path);
    if (!ref) return;
    setInvalid(ref.control, false);
    showError(ref.msg, null);
  }

  clear(): void {
    for (const { control, msg } of this.map.values()) {
      setInvalid(control, false);
      showError(msg, null);
    }
  }
}

const errorSpan = () => h('span', { id: uid('err'), class: 'field__error' });

function describe(control: HTMLElement, ...ids: (string | null | undefined)[]): void {
  const list = ids.filter(Boolean).join(' ');
  if (list) control.setAttribute('aria-describedby', list);
}

const textInput = (attrs: Record<string, string | number | boolean | null>) =>
  h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });

/** A date typed as DD.MM.YYYY: one stop for Tab, digits only if one likes (see parseDate). */
const dateInput = (name: string) => textInput({ name, inputmode: 'numeric', maxlength: 10, 'data-date': true });

// ---- the view ---------------------------------------------------------------------------

interface PersonControls {
  iin: HTMLInputElement;
  surname: HTMLInputElement;
  name: HTMLInputElement;
  patronymic: HTMLInputElement;
  phone: HTMLInputElement;
  docType: HTMLSelectElement;
  docNumber: HTMLInputElement;
  docValid: HTMLInputElement;
}

interface DocRow {
  doc: ServiceDocument;
  row: HTMLTableRowElement;
  check: HTMLInputElement;
  kind: HTMLSelectElement;
  pages: HTMLInputElement;
  name: HTMLElement;
  kindLabel: HTMLElement;
  pagesLabel: HTMLElement;
}

interface PaymentRow {
  code: string;
  name: Localized | null; // null: the price of a paid service
  due: number;
  legend: HTMLElement;
  reference: HTMLInputElement;
  amount: HTMLInputElement;
}

type Outcome = { kind: 'accepted'; res: AcceptedApplication; service: Service; lang: 'kk' | 'ru' } | { kind: 'refused'; refusal: Refusal; service: Service; lang: 'kk' | 'ru' };

interface ClientError {
  path: string;
  key: MessageKey;
  params?: Params;
}

export function deskView(user: Employee): Node[] {
  setTitle('title.desk');
  const fields = new Fields();
  let zone = 'Asia/Almaty';
  let service: Service | null = null;
  let outcome: Outcome | null = null;

  // ---- heading, where the operator sits, "New application" ----
  const heading = tr(h('h1', { id: uid('desk-heading'), tabindex: '-1' }), 'desk.heading');
  const newButton = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'new' }), 'desk.new');
  const where = h('p', { class: 'desk-where', 'data-field': 'where' });
  const whereWarning = h('p', { class: 'alert', 'data-field': 'no-window', hidden: true });

  // ---- the service: search and choice ----
  const serviceHeadingId = uid('service-heading');
  const searchId = uid('service-q');
  const searchHintId = uid('service-q-hint');
  const resultsId = uid('service-results');
  const searchInput = h('input', {
    id: searchId,
    type: 'search',
    name: 'service',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': searchHintId,
    'aria-controls': resultsId,
  });
  const searchButton = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'desk.service.search_button');
  const searchForm = h(
    'form',
    { class: 'search desk-search', role: 'search', novalidate: true },
    h(
      'div',
      { class: 'field' },
      tr(h('label', { for: searchId }), 'desk.service.search'),
      tr(h('span', { id: searchHintId, class: 'hint' }), 'desk.service.search_hint'),
      h('div', { class: 'search__row' }, searchInput, searchButton),
    ),
  );
  trAttr(searchForm, 'aria-label', 'desk.service.search');
  const searchStatus = h('p', { class: 'status', role: 'status' });
  const serviceError = alertBox();
  const results = h('ul', { id: resultsId, class: 'desk-results', 'data-list': 'services' });
  const chosen = h('div', { class: 'desk-chosen', 'data-field': 'service', hidden: true });
  let found: ServiceSummary[] = [];
  let searchController: AbortController | null = null;
  let searchTimer: number | undefined;

  const renderResults = () => {
    results.replaceChildren(
      ...found.map((s) => {
        const b = h(
          'button',
          { type: 'button', class: 'desk-result', 'data-code': s.code },
          h('span', { class: 'mono desk-result__code' }, s.code),
          ' ',
          ltext(s.name, { class: 'desk-result__name' }),
        );
        b.addEventListener('click', () => void chooseService(s.code));
        return h('li', {}, b);
      }),
    );
  };

  /** Searches now; with `pick`, a single result (or an exact code) is chosen at once. */
  const runSearch = async (pickOne: boolean) => {
    window.clearTimeout(searchTimer);
    searchController?.abort();
    const q = searchInput.value.trim();
    showError(serviceError, null);
    if (!q) {
      found = [];
      renderResults();
      showError(searchStatus, null);
      return;
    }
    const c = new AbortController();
    searchController = c;
    results.setAttribute('aria-busy', 'true');
    try {
      const page = await searchServices(q, getLang(), null, c.signal, SEARCH_LIMIT);
      if (c !== searchController) return;
      found = page.items;
      renderResults();
      if (!found.length) tr(searchStatus, 'desk.service.none');
      else tr(searchStatus, 'desk.service.found', { n: found.length });
      if (pickOne) {
        const exact = found.find((s) => s.code === q) ?? (found.length === 1 ? found[0] : undefined);
        if (exact) void chooseService(exact.code);
        else if (found.length) results.querySelector<HTMLElement>('button')?.focus();
      }
    } catch (e) {
      if (c.signal.aborted) return;
      showError(serviceError, errorKey(e));
    } finally {
      if (c === searchController) results.removeAttribute('aria-busy');
    }
  };
  searchInput.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void runSearch(false), SEARCH_DELAY_MS);
  });
  searchInput.addEventListener('keydown', (ev) => {
    // Down arrow from the search box into the results.
    if (ev.key === 'ArrowDown' && found.length) {
      ev.preventDefault();
      results.querySelector<HTMLElement>('button')?.focus();
    }
  });
  results.addEventListener('keydown', (ev) => {
    const buttons = [...results.querySelectorAll<HTMLElement>('button')];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    if (ev.key === 'ArrowDown' && i + 1 < buttons.length) {
      ev.preventDefault();
      buttons[i + 1]?.focus();
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      (i > 0 ? buttons[i - 1] : searchInput)?.focus();
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      searchInput.focus();
    }
  });
  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void runSearch(true);
  });

  const changeButton = tr(h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'change-service' }), 'desk.service.change');
  changeButton.addEventListener('click', () => {
    searchForm.hidden = false;
    results.hidden = false;
    searchInput.focus();
    searchInput.select();
  });

  const renderChosen = () => {
    if (!service) {
      chosen.hidden = true;
      chosen.replaceChildren();
      return;
    }
    chosen.hidden = false;
    // The button is out of the page while no service is chosen: it may have missed a language change.
    tr(changeButton, 'desk.service.change');
    chosen.replaceChildren(
      h(
        'div',
        { class: 'desk-chosen__text' },
        ltext(service.name, { class: 'desk-chosen__name', 'data-field': 'service-name' }),
        h(
          'span',
          { class: 'desk-chosen__meta' },
          h('span', { class: 'mono', 'data-field': 'service-code' }, service.code),
          ` · ${t('service.term')}: ${termText(service.term)}`,
        ),
      ),
      changeButton,
    );
  };

  // ---- the application form ----
  const formError = alertBox();
  formError.id = uid('desk-error');

  /** A labelled field with an optional hint and its own error message, registered as `path`. */
  const field = (path: string, label: MessageKey, control: HTMLInputElement | HTMLSelectElement, hint?: MessageKey, cls = 'field') => {
    if (!control.id) control.id = uid(path.replace(/\./g, '-'));
    const msg = errorSpan();
    const hintEl = hint ? tr(h('span', { id: uid('hint'), class: 'hint' }), hint) : null;
    describe(control, hintEl?.id, msg.id);
    fields.add(path, control, msg);
    // The hint goes under the field, so that the fields of a row line up.
    return { el: h('div', { class: cls }, tr(h('label', { for: control.id }), label), control, hintEl, msg), hint: hintEl, msg };
  };

  const personControls = (who: 'applicant' | 'representative'): { grid: HTMLElement; c: PersonControls; iinHint: HTMLElement } => {
    const c: PersonControls = {
      iin: textInput({ name: `${who}.iin`, inputmode: 'numeric', maxlength: 12, pattern: '[0-9]{12}', required: true }),
      surname: textInput({ name: `${who}.surname`, maxlength: 100, required: true, spellcheck: null }),
      name: textInput({ name: `${who}.name`, maxlength: 100, required: true, spellcheck: null }),
      patronymic: textInput({ name: `${who}.patronymic`, maxlength: 100, spellcheck: null }),
      phone: h('input', { type: 'tel', name: `${who}.phone`, autocomplete: 'off', inputmode: 'tel', maxlength: 20 }),
      docType: h(
        'select',
        { name: `${who}.id_document.type` },
        ...ID_DOCUMENT_TYPES.map((type, i) => tr(h('option', { value: type, selected: i === 0 }), `iddoc.${type}` as MessageKey)),
      ),
      docNumber: textInput({ name: `${who}.id_document.number`, maxlength: 40 }),
      docValid: dateInput(`${who}.id_document.valid_until`),
    };
    const iin = field(`${who}.iin`, 'desk.field.iin', c.iin, 'desk.field.iin_hint');
    const iinHint = iin.hint as HTMLElement;
    const iinPath = `${who}.iin`;
    // Early feedback on the IIN: as soon as 12 digits are typed, and when leaving the field.
    const checkNow = (leaving: boolean) => {
      const v = c.iin.value.trim();
      const r = checkIin(v);
      if (r.ok) {
        fields.unmark(iinPath);
        if (r.birth) tr(iinHint, 'desk.iin.birth', { date: r.birth });
        else tr(iinHint, 'desk.field.iin_hint');
        return;
      }
      tr(iinHint, 'desk.field.iin_hint');
      if (v.length === 12 || (leaving && v)) fields.mark(iinPath, `desk.iin.${r.reason}`);
      else fields.unmark(iinPath);
    };
    c.iin.addEventListener('input', () => checkNow(false));
    c.iin.addEventListener('change', () => checkNow(true));
    const grid = h(
      'div',
      { class: 'desk-grid' },
      iin.el,
      field(`${who}.surname`, 'desk.field.surname', c.surname).el,
      field(`${who}.name`, 'desk.field.name', c.name).el,
      field(`${who}.patronymic`, 'desk.field.patronymic', c.patronymic).el,
      field(`${who}.phone`, 'desk.field.phone', c.phone, 'desk.field.phone_hint').el,
      field(`${who}.id_document.type`, 'desk.field.doc_type', c.docType).el,
      field(`${who}.id_document.number`, 'desk.field.doc_number', c.docNumber).el,
      field(`${who}.id_document.valid_until`, 'desk.field.doc_valid_until', c.docValid, 'desk.field.date_hint').el,
    );
    return { grid, c, iinHint };
  };

  // Applicant.
  const applicantLegendId = uid('applicant');
  const applicant = personControls('applicant');
  const applicantSet = h(
    'fieldset',
    { class: 'desk-group', 'data-group': 'applicant' },
    tr(h('legend', { id: applicantLegendId }), 'desk.applicant.legend'),
    applicant.grid,
  );

  // Representative with the power of attorney (R17).
  const repToggle = h('input', { type: 'checkbox', id: uid('rep-toggle'), name: 'has_representative' });
  const repToggleBox = h('div', { class: 'check check--single' }, repToggle, tr(h('label', { for: repToggle.id }), 'desk.representative.toggle'));
  const rep = personControls('representative');
  const poa = {
    number: textInput({ name: 'representative.power_of_attorney.number', maxlength: 100 }),
    issuedOn: dateInput('representative.power_of_attorney.issued_on'),
    validUntil: dateInput('representative.power_of_attorney.valid_until'),
    issuer: textInput({ name: 'representative.power_of_attorney.issuer', maxlength: 200, spellcheck: null }),
  };
  const repSet = h(
    'fieldset',
    { class: 'desk-group', 'data-group': 'representative', hidden: true },
    tr(h('legend'), 'desk.representative.legend'),
    rep.grid,
    h(
      'fieldset',
      { class: 'desk-subgroup', 'data-group': 'power_of_attorney' },
      tr(h('legend'), 'desk.poa.legend'),
      h(
        'div',
        { class: 'desk-grid' },
        field('representative.power_of_attorney.number', 'desk.field.poa_number', poa.number).el,
        field('representative.power_of_attorney.issued_on', 'desk.field.poa_issued_on', poa.issuedOn, 'desk.field.date_hint').el,
        field('representative.power_of_attorney.valid_until', 'desk.field.poa_valid_until', poa.validUntil, 'desk.field.date_hint').el,
        field('representative.power_of_attorney.issuer', 'desk.field.poa_issuer', poa.issuer).el,
      ),
    ),
  );

  // The applicant's language for receipts and SMS (R19): not the UI language.
  const langName = `doc-lang-${uid('l')}`;
  const langRadios = (['kk', 'ru'] as const).map((l) => h('input', { type: 'radio', id: uid(`doc-lang-${l}`), name: langName, value: l }));
  const langMsg = errorSpan();
  for (const r of langRadios) describe(r, langMsg.id);
  fields.add('lang', langRadios[0] as HTMLElement, langMsg);
  const langSet = h(
    'fieldset',
    { class: 'desk-group desk-group--inline', 'data-group': 'lang' },
    tr(h('legend'), 'desk.lang.legend'),
    h(
      'div',
      { class: 'checks__row' },
      ...langRadios.map((r) => h('div', { class: 'check' }, r, tr(h('label', { for: r.id, lang: r.value }), `lang.${r.value}` as MessageKey))),
    ),
    langMsg,
  );
  const setDefaultLang = () => {
    const l = getLang() === 'kk' ? 'kk' : 'ru';
    for (const r of langRadios) {
      r.defaultChecked = r.value === l;
      r.checked = r.value === l;
    }
  };
  setDefaultLang();
  const docLang = (): 'kk' | 'ru' => (langRadios.find((r) => r.checked)?.value === 'kk' ? 'kk' : 'ru');

  // First application for the service (documents "first time only").
  const firstTime = h('input', { type: 'checkbox', id: uid('first-time'), name: 'first_time' });
  const firstTimeMsg = errorSpan();
  describe(firstTime, firstTimeMsg.id);
  fields.add('first_time', firstTime, firstTimeMsg);
  const firstTimeBox = h('div', { class: 'check check--single', hidden: true }, firstTime, tr(h('label', { for: firstTime.id }), 'desk.first_time'), firstTimeMsg);

  // The package (R18, R21, R27).
  const docsLegendId = uid('docs');
  const docsTableBody = h('tbody');
  const docsTable = h(
    'table',
    { class: 'data-table desk-docs', 'data-table': 'documents' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        tr(h('th', { scope: 'col' }), 'desk.docs.col.doc'),
        tr(h('th', { scope: 'col' }), 'desk.docs.col.kind'),
        tr(h('th', { scope: 'col' }), 'desk.docs.col.pages'),
      ),
    ),
    docsTableBody,
  );
  const docsNone = tr(h('p', { class: 'hint', hidden: true }), 'desk.docs.none');
  const stateList = h('ul', { class: 'desk-state-docs', 'data-list': 'state-documents' });
  const stateHeadingId = uid('state-docs');
  const stateBox = h(
    'div',
    { class: 'desk-state', 'data-group': 'state', role: 'group', 'aria-labelledby': stateHeadingId, hidden: true },
    tr(h('p', { id: stateHeadingId, class: 'desk-state__heading' }), 'desk.docs.state_heading'),
    tr(h('p', { class: 'hint' }), 'desk.docs.state_hint'),
    stateList,
  );
  const docsSet = h(
    'fieldset',
    { class: 'desk-group', 'data-group': 'documents', hidden: true },
    tr(h('legend', { id: docsLegendId }), 'desk.docs.legend'),
    tr(h('p', { class: 'hint' }), 'desk.docs.hint'),
    docsTable,
    docsNone,
    stateBox,
  );
  let docRows: DocRow[] = [];
  let stateRows: { doc: ServiceDocument; li: HTMLElement; name: HTMLElement }[] = [];

  // Payments (R18.3, R29).
  const paymentsBody = h('div', { class: 'desk-payments' });
  const paymentsSet = h(
    'fieldset',
    { class: 'desk-group', 'data-group': 'payments', hidden: true },
    tr(h('legend'), 'desk.payments.legend'),
    paymentsBody,
  );
  let paymentRows: PaymentRow[] = [];

  // The application form filled in (R18.1), unless the system fills it.
  const formComplete = h('input', { type: 'checkbox', id: uid('form-complete'), name: 'form_complete' });
  const formCompleteMsg = errorSpan();
  describe(formComplete, formCompleteMsg.id);
  fields.add('form_complete', formComplete, formCompleteMsg);
  const formCompleteBox = h(
    'div',
    { class: 'check check--single', 'data-group': 'form_complete', hidden: true },
    formComplete,
    tr(h('label', { for: formComplete.id }), 'desk.form_complete'),
    formCompleteMsg,
  );

  /** Counts "New application": an answer that belongs to an earlier one is dropped. */
  let generation = 0;

  // ---- consent (R10, R18.7) ----
  let consent: (ConsentRef & { iin: string }) | null = null;
  let challenge: (ConsentChallenge & { iin: string }) | null = null;
  const consentKindName = `consent-kind-${uid('c')}`;
  const consentRadios = (['written', 'sms'] as const).map((k) =>
    h('input', { type: 'radio', id: uid(`consent-${k}`), name: consentKindName, value: k, checked: k === 'written' }),
  );
  const consentKind = (): ConsentKind => (consentRadios.find((r) => r.checked)?.value === 'sms' ? 'sms' : 'written');
  const consentMsg = errorSpan();
  for (const r of consentRadios) describe(r, consentMsg.id);
  fields.add('consents', consentRadios[0] as HTMLElement, consentMsg);
  const consentError = alertBox();
  consentError.id = uid('consent-error');
  const consentNotice = noticeBox();
  consentNotice.id = uid('consent-notice');

  const writtenRef = textInput({ name: 'consent_reference', maxlength: 100 });
  const writtenField = field('consent.reference', 'desk.consent.reference', writtenRef, 'desk.consent.reference_hint');
  describe(writtenRef, writtenField.hint?.id, writtenField.msg.id, consentError.id);
  const recordButton = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'record-consent' }), 'desk.consent.record');
  const writtenPanel = h('div', { class: 'desk-consent__panel', 'data-panel': 'written' }, h('div', { class: 'desk-inline' }, writtenField.el, recordButton));

  const sendButton = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'send-code' }), 'desk.consent.send');
  const codeInput = textInput({ name: 'consent_code', inputmode: 'numeric', maxlength: 6, pattern: '[0-9]{6}', autocomplete: 'one-time-code' });
  const codeField = field('consent.code', 'desk.consent.code', codeInput, 'desk.consent.code_hint');
  describe(codeInput, codeField.hint?.id, codeField.msg.id, consentError.id);
  const verifyButton = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'verify-code' }), 'desk.consent.verify');
  const codeBox = h('div', { class: 'desk-inline', hidden: true }, codeField.el, verifyButton);
  const smsPanel = h('div', { class: 'desk-consent__panel', 'data-panel': 'sms', hidden: true }, h('p', { class: 'actions' }, sendButton), codeBox);

  const removeConsentButton = tr(h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'remove-consent' }), 'desk.consent.remove');
  const consentRecorded = h('div', { class: 'desk-consent__recorded', 'data-field': 'consent', hidden: true });
  const consentChoice = h(
    'div',
    { class: 'desk-consent__choice' },
    h(
      'div',
      { class: 'checks__row' },
      ...consentRadios.map((r) => h('div', { class: 'check' }, r, tr(h('label', { for: r.id }), `desk.consent.${r.value}` as MessageKey))),
    ),
    consentMsg,
    writtenPanel,
    smsPanel,
  );
  const consentSet = h(
    'fieldset',
    { class: 'desk-group', 'data-group': 'consent', hidden: true },
    tr(h('legend'), 'desk.consent.legend'),
    tr(h('p', { class: 'hint' }), 'desk.consent.required'),
    consentError,
    consentNotice,
    consentRecorded,
    consentChoice,
  );

  const showConsentPanels = () => {
    const sms = consentKind() === 'sms';
    writtenPanel.hidden = sms;
    smsPanel.hidden = !sms;
  };
  for (const r of consentRadios) r.addEventListener('change', showConsentPanels);

  const renderConsent = () => {
    consentRecorded.hidden = !consent;
    consentChoice.hidden = !!consent;
    if (!consent) {
      consentRecorded.replaceChildren();
      return;
    }
    tr(removeConsentButton, 'desk.consent.remove'); // out of the page until now: in today's language
    consentRecorded.replaceChildren(
      h(
        'p',
        { class: 'desk-consent__text' },
        tr(h('span', {}), 'desk.consent.recorded', { kind: t(`desk.consent.kind.${consent.kind}`) }),
        ' ',
        h('span', { class: 'mono', 'data-field': 'consent-reference' }, consent.reference),
      ),
      removeConsentButton,
    );
  };

  /** Counts resets of the consent: an answer for an earlier one is dropped. */
  let consentGen = 0;
  const resetConsent = () => {
    consentGen += 1;
    consent = null;
    challenge = null;
    writtenRef.value = '';
    codeInput.value = '';
    codeInput.disabled = false;
    verifyButton.disabled = false;
    codeBox.hidden = true;
    tr(sendButton, 'desk.consent.send');
    consentRadios.forEach((r, i) => (r.checked = i === 0));
    showConsentPanels();
    showError(consentError, null);
    showError(consentNotice, null);
    fields.unmark('consents');
    fields.unmark('consent.reference');
    fields.unmark('consent.code');
    renderConsent();
  };

  removeConsentButton.addEventListener('click', () => {
    resetConsent();
    consentRadios[0]?.focus();
  });

  /** The applicant's IIN, when it is valid; otherwise marks it and says why in the consent block. */
  const applicantIinForConsent = (): string | null => {
    const iin = applicant.c.iin.value.trim();
    const r = checkIin(iin);
    if (r.ok) return iin;
    fields.mark('applicant.iin', `desk.iin.${r.reason}`);
    showError(consentError, 'desk.consent.need_iin');
    return null;
  };

  let consentBusy = false;
  const consentWork = async (button: HTMLButtonElement, work: () => Promise<void>) => {
    if (consentBusy) return;
    consentBusy = true;
    button.disabled = true;
    consentSet.setAttribute('aria-busy', 'true');
    try {
      await work();
    } finally {
      consentBusy = false;
      button.disabled = false;
      consentSet.removeAttribute('aria-busy');
    }
  };

  /** Records the written consent typed in; true when it is recorded. */
  const recordWritten = async (): Promise<boolean> => {
    if (!service) return false;
    showError(consentError, null);
    showError(consentNotice, null);
    fields.unmark('consent.reference');
    const iin = applicantIinForConsent();
    if (!iin) return false;
    const reference = writtenRef.value.trim();
    if (!reference) {
      fields.mark('consent.reference', 'desk.consent.need_reference');
      showError(consentError, 'desk.consent.need_reference');
      writtenRef.focus();
      return false;
    }
    const gen = consentGen;
    try {
      const c = await recordWrittenConsent(iin, reference, service.code);
      if (gen !== consentGen) return false;
      consent = { kind: 'written', reference: c.reference, iin };
      renderConsent();
      tr(consentNotice, 'desk.consent.done_written');
      fields.unmark('consents');
      return true;
    } catch (e) {
      if (gen !== consentGen) return false;
      if (e instanceof ApiError && e.code === 'consent_exists') {
        // Recorded before (say, at a refused attempt): the server checks on "Accept" that it is this person's.
        consent = { kind: 'written', reference, iin };
        renderConsent();
        tr(consentNotice, 'desk.consent.exists');
        fields.unmark('consents');
        return true;
      }
      showApiError(consentError, e);
      fields.mark('consent.reference', apiErrorKey(e));
      writtenRef.focus();
      return false;
    }
  };
  recordButton.addEventListener('click', () =>
    void consentWork(recordButton, async () => {
      if (await recordWritten()) submit.focus();
    }),
  );

  const sendCode = () =>
    consentWork(sendButton, async () => {
      if (!service) return;
      showError(consentError, null);
      showError(consentNotice, null);
      fields.unmark('consent.code');
      const iin = applicantIinForConsent();
      if (!iin) {
        applicant.c.iin.focus();
        return;
      }
      const phone = applicant.c.phone.value.trim();
      if (!phone) {
        fields.mark('applicant.phone', 'desk.consent.need_phone');
        showError(consentError, 'desk.consent.need_phone');
        applicant.c.phone.focus();
        return;
      }
      const gen = consentGen;
      try {
        const sent = await sendConsentCode(iin, phone, docLang(), service.code);
        if (gen !== consentGen) return;
        challenge = { ...sent, iin };
        codeBox.hidden = false;
        codeInput.disabled = false;
        verifyButton.disabled = false;
        codeInput.value = '';
        tr(sendButton, 'desk.consent.resend');
        tr(consentNotice, 'desk.consent.sent', { phone: sent.phone, time: clockTime(sent.expires_at, zone) });
        codeInput.focus();
      } catch (e) {
        if (gen !== consentGen) return;
        showApiError(consentError, e);
        if (e instanceof ApiError && (e.code === 'invalid_field' || e.code === 'invalid_iin') && /^phone/.test(e.message)) {
          fields.mark('applicant.phone', apiErrorKey(e));
          applicant.c.phone.focus();
        } else sendButton.focus();
      }
    });
  sendButton.addEventListener('click', () => void sendCode());

  const verifyCode = () =>
    consentWork(verifyButton, async () => {
      if (!challenge) return;
      showError(consentError, null);
      showError(consentNotice, null);
      fields.unmark('consent.code');
      const code = codeInput.value.trim();
      if (!/^\d{6}$/.test(code)) {
        fields.mark('consent.code', 'desk.consent.need_code');
        showError(consentError, 'desk.consent.need_code');
        codeInput.focus();
        return;
      }
      const gen = consentGen;
      try {
        const c = await verifyConsentCode(challenge.challenge_id, code);
        if (gen !== consentGen) return;
        consent = { kind: 'sms', reference: c.reference, iin: challenge.iin };
        challenge = null;
        renderConsent();
        tr(consentNotice, 'desk.consent.done_sms');
        fields.unmark('consents');
        submit.focus();
      } catch (e) {
        if (gen !== consentGen) return;
        if (e instanceof ApiError && e.code === 'consent_code_wrong') {
          const left = (e.details as { attempts_left?: unknown } | null | undefined)?.attempts_left;
          const n = typeof left === 'number' ? left : 0;
          tr(consentError, 'desk.consent.code_wrong', { n });
          fields.mark('consent.code', 'desk.consent.code_wrong', { n });
          codeInput.select();
          codeInput.focus();
          return;
        }
        showApiError(consentError, e);
        fields.mark('consent.code', apiErrorKey(e));
        if (e instanceof ApiError && ['consent_code_exhausted', 'consent_code_expired', 'consent_code_used', 'challenge_not_found'].includes(e.code)) {
          // This code is spent: only a new one helps.
          challenge = null;
          codeInput.disabled = true;
          verifyButton.disabled = true;
          sendButton.focus();
        } else codeInput.focus();
      }
    }).then(() => {
      if (!challenge) verifyButton.disabled = true;
    });
  verifyButton.addEventListener('click', () => void verifyCode());

  // Enter in the consent's own fields does that step, not the whole application.
  writtenRef.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.isComposing) {
      ev.preventDefault();
      recordButton.click();
    }
  });
  codeInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.isComposing) {
      ev.preventDefault();
      verifyButton.click();
    }
  });

  // A consent is the applicant's: another IIN needs its own.
  applicant.c.iin.addEventListener('input', () => {
    const iin = applicant.c.iin.value.trim();
    if ((consent && consent.iin !== iin) || (challenge && challenge.iin !== iin)) {
      resetConsent();
      tr(consentNotice, 'desk.consent.reset_iin');
    }
  });

  // ---- the service's parts of the form ----
  const applies = (doc: ServiceDocument) =>
    doc.condition === 'representative_only' ? repToggle.checked : doc.condition === 'first_time_only' ? firstTime.checked : true;

  const refreshDocs = () => {
    for (const r of docRows) {
      r.row.hidden = !applies(r.doc);
      r.kind.disabled = !r.check.checked;
      r.pages.disabled = !r.check.checked;
    }
    for (const s of stateRows) s.li.hidden = !applies(s.doc);
    const anyDoc = docRows.some((r) => !r.row.hidden);
    docsTable.hidden = !anyDoc;
    docsNone.hidden = anyDoc;
    stateBox.hidden = !stateRows.some((s) => !s.li.hidden);
  };

  const labelService = () => {
    for (const r of docRows) {
      const name = pick(r.doc.name);
      r.name.textContent = name.text || r.doc.code;
      if (name.lang !== getLang()) r.name.lang = name.lang;
      else r.name.removeAttribute('lang');
      tr(r.kindLabel, 'desk.docs.kind_label', { doc: name.text || r.doc.code });
      tr(r.pagesLabel, 'desk.docs.pages_label', { doc: name.text || r.doc.code });
    }
    for (const s of stateRows) {
      const name = pick(s.doc.name);
      s.name.textContent = name.text || s.doc.code;
      if (name.lang !== getLang()) s.name.lang = name.lang;
      else s.name.removeAttribute('lang');
    }
    for (const p of paymentRows) {
      const name = p.name ? pick(p.name).text || p.code : t('payment.price');
      p.legend.replaceChildren(
        h('span', { class: 'desk-payment__name' }, name),
        ' ',
        h('span', { class: 'desk-payment__due' }, t('desk.payments.due', { amount: formatTiyn(p.due) })),
      );
    }
  };

  const buildService = (s: Service) => {
    fields.drop('documents');
    fields.drop('payments');
    // Documents the applicant brings: tick, how presented, pages.
    docRows = s.documents
      .filter((d) => !d.held_by_state_systems)
      .map((doc) => {
        const msg = errorSpan();
        const check = h('input', { type: 'checkbox', id: uid(`doc-${doc.code}`), name: 'documents', value: doc.code, 'data-doc': doc.code });
        const name = h('span', { class: 'desk-doc__name' });
        const kind = h(
          'select',
          { id: uid(`doc-kind-${doc.code}`), name: `documents.${doc.code}.kind`, disabled: true },
          ...DOCUMENT_KINDS.filter((k) => k !== 'electronic' || doc.electronic_copy_accepted).map((k) =>
            tr(h('option', { value: k, selected: k === 'original' }), `doc.kind.${k}` as MessageKey),
          ),
        );
        const pages = h('input', {
          id: uid(`doc-pages-${doc.code}`),
          type: 'number',
          name: `documents.${doc.code}.pages`,
          min: 1,
          max: MAX_PAGES,
          step: 1,
          value: '1',
          inputmode: 'numeric',
          disabled: true,
        });
        const kindLabel = h('label', { for: kind.id, class: 'visually-hidden' });
        const pagesLabel = h('label', { for: pages.id, class: 'visually-hidden' });
        // A condition other than "always" is said under the name ("only for a representative").
        const note = doc.condition === 'always' ? null : tr(h('span', { id: uid('note'), class: 'desk-doc__note' }), `doc.condition.${doc.condition}` as MessageKey);
        describe(check, note?.id, msg.id);
        describe(kind, msg.id);
        describe(pages, msg.id);
        fields.add(`documents.${doc.code}`, check, msg);
        fields.add(`documents.${doc.code}.kind`, kind, msg);
        fields.add(`documents.${doc.code}.pages`, pages, msg);
        check.addEventListener('change', () => {
          refreshDocs();
          fields.unmark(`documents.${doc.code}`);
        });
        const row = h(
          'tr',
          { 'data-doc': doc.code, 'data-condition': doc.condition },
          h(
            'td',
            {},
            h('div', { class: 'check' }, check, h('label', { for: check.id }, name)),
            note,
            msg,
          ),
          h('td', {}, kindLabel, kind),
          h('td', {}, pagesLabel, pages),
        );
        return { doc, row, check, kind, pages, name, kindLabel, pagesLabel };
      });
    docsTableBody.replaceChildren(...docRows.map((r) => r.row));
    // Documents state systems hold (R27): shown, never asked for.
    stateRows = s.documents
      .filter((d) => d.held_by_state_systems)
      .map((doc) => {
        const name = h('span', { class: 'desk-doc__name' });
        const li = h('li', { 'data-doc': doc.code }, name, ' ', tr(h('span', { class: 'badge badge--ok' }), 'desk.docs.state_badge'));
        return { doc, li, name };
      });
    stateList.replaceChildren(...stateRows.map((s) => s.li));
    firstTimeBox.hidden = !s.documents.some((d) => d.condition === 'first_time_only');
    firstTime.checked = false;

    // Payments: each due one, and the price of a paid service.
    const dues: { code: string; name: Localized | null; due: number }[] = s.payments.map((p) => ({ code: p.code, name: p.name, due: p.amount_tiyn }));
    if (s.price_tiyn > 0) dues.push({ code: SERVICE_PRICE_CODE, name: null, due: s.price_tiyn });
    paymentRows = dues.map((p) => {
      const reference = textInput({ name: `payments.${p.code}.reference`, maxlength: 100 });
      const amount = textInput({ name: `payments.${p.code}.amount_tiyn`, inputmode: 'decimal', maxlength: 20 });
      return { ...p, legend: h('legend'), reference, amount };
    });
    paymentsBody.replaceChildren(
      ...paymentRows.map((p) =>
        h(
          'fieldset',
          { class: 'desk-subgroup', 'data-payment': p.code },
          p.legend,
          h(
            'div',
            { class: 'desk-grid' },
            field(`payments.${p.code}.reference`, 'desk.payments.reference', p.reference).el,
            field(`payments.${p.code}.amount_tiyn`, 'desk.payments.amount', p.amount, 'desk.payments.amount_hint').el,
          ),
        ),
      ),
    );
    paymentsSet.hidden = !paymentRows.length;
    docsSet.hidden = false;
    formCompleteBox.hidden = s.prefilled_form;
    formComplete.checked = false;
    consentSet.hidden = !s.consent_required;
    labelService();
    refreshDocs();
  };

  const chooseService = async (code: string) => {
    searchController?.abort();
    window.clearTimeout(searchTimer);
    showError(serviceError, null);
    chosen.setAttribute('aria-busy', 'true');
    const gen = generation;
    try {
      const s = await getService(code);
      if (gen !== generation) return; // "New application" meanwhile
      const changed = !service || service.code !== s.code;
      service = s;
      if (changed) resetConsent();
      buildService(s);
      renderChosen();
      searchForm.hidden = true;
      results.hidden = true;
      found = [];
      renderResults();
      showError(searchStatus, null);
      fields.unmark('service_code');
      // On to the applicant, or to the documents when the applicant is already there.
      const next = applicant.c.iin.value.trim() ? docRows.find((r) => !r.row.hidden)?.check : applicant.c.iin;
      (next ?? applicant.c.iin).focus();
    } catch (e) {
      showError(serviceError, errorKey(e));
      searchInput.focus();
    } finally {
      chosen.removeAttribute('aria-busy');
    }
  };

  repToggle.addEventListener('change', () => {
    repSet.hidden = !repToggle.checked;
    refreshDocs();
  });
  firstTime.addEventListener('change', refreshDocs);

  // ---- Accept ----
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary button--large', 'data-action': 'accept' }), 'desk.accept');
  describe(submit, formError.id);
  // A refusal is a recorded act (R18.6): when documents are visibly missing, the operator confirms it.
  const confirmSlot = h('div', { class: 'desk-confirm' });
  let confirming = false;
  const form = h(
    'form',
    { class: 'desk-form', 'aria-labelledby': heading.id, novalidate: true, 'data-form': 'application' },
    applicantSet,
    repToggleBox,
    repSet,
    langSet,
    firstTimeBox,
    docsSet,
    paymentsSet,
    formCompleteBox,
    consentSet,
    formError,
    confirmSlot,
    h('div', { class: 'actions desk-actions' }, submit),
  );

  // Enter on a checkbox, radio button or list accepts too (text fields do it by themselves).
  form.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' || ev.defaultPrevented || ev.isComposing) return;
    const el = ev.target;
    if (el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio'))) {
      ev.preventDefault();
      form.requestSubmit(submit);
    }
  });

  /** The ISO date typed in the field ("" when empty); a wrong one is an error. */
  const readDate = (input: HTMLInputElement, path: string, errors: ClientError[]): string => {
    const iso = parseDate(input.value);
    if (iso === null) {
      errors.push({ path, key: 'desk.date_invalid' });
      return input.value.trim();
    }
    return iso;
  };

  const readPerson = (c: PersonControls, errors: ClientError[], who: string): PersonInput => {
    const p: PersonInput = {
      iin: c.iin.value.trim(),
      surname: c.surname.value.trim(),
      name: c.name.value.trim(),
      patronymic: c.patronymic.value.trim(),
      phone: c.phone.value.trim(),
    };
    const iin = checkIin(p.iin);
    if (!p.iin) errors.push({ path: `${who}.iin`, key: 'desk.required_field' });
    else if (!iin.ok) errors.push({ path: `${who}.iin`, key: `desk.iin.${iin.reason}` });
    if (!p.surname) errors.push({ path: `${who}.surname`, key: 'desk.required_field' });
    if (!p.name) errors.push({ path: `${who}.name`, key: 'desk.required_field' });
    const number = c.docNumber.value.trim();
    const validUntil = readDate(c.docValid, `${who}.id_document.valid_until`, errors);
    // No number and no date: no document presented (the server says whether one is needed).
    if (number || validUntil) {
      p.id_document = { type: c.docType.value, number, valid_until: validUntil };
      if (!number) errors.push({ path: `${who}.id_document.number`, key: 'desk.required_field' });
      if (!c.docValid.value.trim()) errors.push({ path: `${who}.id_document.valid_until`, key: 'desk.required_field' });
    }
    return p;
  };

  const readRequest = (s: Service): { body: Omit<ApplicationInput, 'consents'>; errors: ClientError[] } => {
    const errors: ClientError[] = [];
    const body: Omit<ApplicationInput, 'consents'> = {
      service_code: s.code,
      lang: docLang(),
      applicant: readPerson(applicant.c, errors, 'applicant'),
      documents: [],
      payments: [],
      form_complete: !s.prefilled_form && formComplete.checked,
      first_time: firstTime.checked,
    };
    if (repToggle.checked) {
      const person = readPerson(rep.c, errors, 'representative');
      const p = {
        number: poa.number.value.trim(),
        issued_on: readDate(poa.issuedOn, 'representative.power_of_attorney.issued_on', errors),
        valid_until: readDate(poa.validUntil, 'representative.power_of_attorney.valid_until', errors),
        issuer: poa.issuer.value.trim(),
      };
      // Nothing typed: no power of attorney presented (R17 says what that means).
      body.representative = p.number || p.issued_on || p.valid_until || p.issuer ? { ...person, power_of_attorney: p } : person;
    }
    for (const r of docRows) {
      if (r.row.hidden || !r.check.checked) continue;
      const pages = Number(r.pages.value);
      if (!Number.isInteger(pages) || pages < 1 || pages > MAX_PAGES) {
        errors.push({ path: `documents.${r.doc.code}.pages`, key: 'desk.pages_invalid', params: { max: MAX_PAGES } });
      }
      body.documents.push({ code: r.doc.code, kind: r.kind.value as DocumentKind, pages });
    }
    for (const p of paymentRows) {
      const reference = p.reference.value.trim();
      const amountText = p.amount.value.trim();
      if (!reference && !amountText) continue;
      if (!reference) {
        errors.push({ path: `payments.${p.code}.reference`, key: 'desk.payment_incomplete' });
        continue;
      }
      const amount = parseTenge(amountText);
      if (amount === null) {
        errors.push({ path: `payments.${p.code}.amount_tiyn`, key: amountText ? 'desk.payment_amount_invalid' : 'desk.payment_incomplete' });
        continue;
      }
      body.payments.push({ code: p.code, reference, amount_tiyn: amount });
    }
    return { body, errors };
  };

  /** The field a refused request is about: by its code, else by the path the message starts with. */
  const serverField = (e: ApiError): string | null => {
    const who = /^representative\b/.test(e.message) ? 'representative' : 'applicant';
    const codeIn = (list: string[]) => list.find((c) => new RegExp(`\\b${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(e.message));
    switch (e.code) {
      case 'invalid_iin':
        return fields.resolve(`${who}.iin`);
      case 'id_document_expired':
        return fields.resolve(`${who}.id_document.valid_until`);
      case 'id_document_missing':
        return fields.resolve(`${who}.id_document.number`);
      case 'power_of_attorney_missing':
        return fields.resolve('representative.power_of_attorney.number');
      case 'power_of_attorney_expired':
        return fields.resolve('representative.power_of_attorney.valid_until');
      case 'consent_required':
      case 'consent_unknown':
        return fields.resolve('consents');
      case 'form_incomplete':
        return fields.resolve('form_complete');
      case 'payment_missing':
      case 'payment_amount_mismatch':
      case 'payment_unknown': {
        const code = codeIn(paymentRows.map((p) => p.code));
        if (code && e.code === 'payment_amount_mismatch') return fields.resolve(`payments.${code}.amount_tiyn`);
        return fields.resolve(code ? `payments.${code}` : 'payments');
      }
      case 'document_unknown':
      case 'electronic_copy_not_accepted': {
        const code = codeIn(docRows.map((r) => r.doc.code));
        return fields.resolve(code ? `documents.${code}${e.code === 'electronic_copy_not_accepted' ? '.kind' : ''}` : 'documents');
      }
    }
    const m = /^([a-z_]+(?:\.[a-z_]+)*)(?::| is | must )/.exec(e.message);
    return m?.[1] ? fields.resolve(m[1]) : null;
  };

  let busy = false;
  const setBusy = (on: boolean) => {
    busy = on;
    submit.disabled = on;
    // What the server answers must be seen (it may be a recorded application): no new one meanwhile.
    newButton.disabled = on;
    tr(submit, on ? 'desk.accepting' : 'desk.accept');
    if (on) form.setAttribute('aria-busy', 'true');
    else form.removeAttribute('aria-busy');
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void accept(false);
  });

  /** The documents the applicant brings that apply and are not ticked. */
  const missingDocs = () => docRows.filter((r) => !r.row.hidden && !r.check.checked);

  const askRefusal = (missing: DocRow[]) => {
    confirming = true;
    submit.hidden = true;
    const names = missing.map((r) => pick(r.doc.name).text || r.doc.code).join('; ');
    const group = confirmGroup({ key: 'desk.refuse_confirm', params: { docs: names } }, 'desk.refuse_yes', (yes) => {
      confirming = false;
      confirmSlot.replaceChildren();
      submit.hidden = false;
      if (yes) {
        void accept(true);
        return;
      }
      for (const r of missing) fields.mark(`documents.${r.doc.code}`, 'desk.doc_missing');
      (missing[0]?.check ?? submit).focus();
    });
    group.dataset.confirm = 'refusal';
    confirmSlot.replaceChildren(group);
  };

  const accept = async (refusalConfirmed = false) => {
    if (busy) return;
    if (confirming) {
      confirmSlot.querySelector<HTMLElement>('[data-action="cancel"]')?.focus();
      return;
    }
    fields.clear();
    showError(formError, null);
    if (!service) {
      showError(formError, 'desk.service.required');
      setInvalid(searchInput, true);
      searchForm.hidden = false;
      searchInput.focus();
      return;
    }
    setInvalid(searchInput, false);
    const s = service;
    const { body, errors } = readRequest(s);
    if (errors.length) {
      const controls = errors.map((err) => fields.mark(err.path, err.key, err.params));
      const first = errors[0] as ClientError;
      const control = controls.find((c) => c) ?? null;
      const label = (control as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim();
      if (errors.length > 1) showError(formError, 'desk.fix_fields', { n: errors.length });
      else if (first.key === 'desk.required_field' && label) showError(formError, 'desk.fix_field', { field: label });
      else showError(formError, first.key, first.params);
      (control ?? submit).focus();
      return;
    }
    const missing = missingDocs();
    if (missing.length && !refusalConfirmed) {
      askRefusal(missing);
      return;
    }
    setBusy(true);
    try {
      // A written consent typed in but not yet recorded is recorded first.
      if (s.consent_required && !consent && consentKind() === 'written' && writtenRef.value.trim()) {
        if (!(await recordWritten())) {
          showError(formError, 'desk.consent.not_recorded');
          return;
        }
      }
      const consents: ConsentRef[] = consent ? [{ kind: consent.kind, reference: consent.reference }] : [];
      const res = await acceptApplication({ ...body, consents });
      showOutcome({ kind: 'accepted', res, service: s, lang: body.lang });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'package_incomplete' && e.details && typeof e.details === 'object') {
        showOutcome({ kind: 'refused', refusal: e.details as Refusal, service: s, lang: body.lang });
        return;
      }
      showApiError(formError, e);
      const path = e instanceof ApiError ? serverField(e) : null;
      const control = path ? fields.mark(path, apiErrorKey(e)) : null;
      (control ?? submit).focus();
    } finally {
      setBusy(false);
    }
  };

  // ---- the outcome: receipt or refusal ----
  const outcomeBox = h('section', { class: 'desk-outcome', hidden: true, 'data-outcome': '' });
  const work = h('div', { class: 'desk-work' });

  const pdfLink = (href: string, key: MessageKey, link: string, primary: boolean, hreflang: string) =>
    h(
      'a',
      { href, target: '_blank', rel: 'noopener', class: `button ${primary ? 'button--primary' : 'button--secondary'}`, 'data-link': link, hreflang },
      tr(h('span'), key),
      ' ',
      tr(h('span', { class: 'visually-hidden' }), 'desk.pdf_note'),
    );
  const thermal = (url: string) => `${url}${url.includes('?') ? '&' : '?'}layout=thermal`;

  const renderOutcome = () => {
    if (!outcome) {
      outcomeBox.hidden = true;
      outcomeBox.replaceChildren();
      return;
    }
    const o = outcome;
    const headingId = uid('outcome');
    const row = (key: MessageKey, ...value: (Node | string)[]) => h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', {}, ...value));
    const againButton = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'new' }), 'desk.new');
    againButton.addEventListener('click', newApplication);
    const serviceRow = row('desk.service.label', ltext(o.service.name), ' ', h('span', { class: 'mono' }, `(${o.service.code})`));
    outcomeBox.hidden = false;
    outcomeBox.setAttribute('aria-labelledby', headingId);
    if (o.kind === 'accepted') {
      outcomeBox.className = 'desk-outcome desk-outcome--accepted';
      outcomeBox.dataset.outcome = 'accepted';
      outcomeBox.replaceChildren(
        tr(h('h2', { id: headingId, tabindex: '-1' }), 'desk.accepted.heading'),
        h(
          'dl',
          { class: 'profile desk-outcome__facts' },
          row('desk.accepted.barcode', h('span', { class: 'barcode', 'data-field': 'barcode' }, o.res.barcode)),
          row('desk.accepted.issue_date', timeEl(o.res.issue_date, { 'data-field': 'issue_date' })),
          row('desk.accepted.provider_deadline', timeEl(o.res.provider_deadline, { 'data-field': 'provider_deadline' })),
          row('desk.accepted.at', h('time', { datetime: o.res.accepted_at, 'data-field': 'accepted_at' }, clockTime(o.res.accepted_at, zone))),
          serviceRow,
        ),
        h(
          'div',
          { class: 'actions' },
          pdfLink(o.res.receipt_url, 'desk.print_receipt', 'receipt', true, o.lang),
          pdfLink(thermal(o.res.receipt_url), 'desk.print_thermal', 'receipt-thermal', false, o.lang),
          againButton,
        ),
      );
    } else {
      const backButton = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'back' }), 'desk.back_to_form');
      backButton.addEventListener('click', backToForm);
      const missingId = uid('missing');
      outcomeBox.className = 'desk-outcome desk-outcome--refused';
      outcomeBox.dataset.outcome = 'refused';
      outcomeBox.replaceChildren(
        tr(h('h2', { id: headingId, tabindex: '-1' }), 'desk.refused.heading'),
        tr(h('p'), 'desk.refused.text'),
        tr(h('h3', { id: missingId }), 'desk.refused.missing'),
        h(
          'ul',
          { class: 'desk-missing', 'aria-labelledby': missingId, 'data-list': 'missing' },
          ...(o.refusal.missing_documents ?? []).map((m) => h('li', { 'data-doc': m.code }, pick(m.name).text ? ltext(m.name) : m.code)),
        ),
        h(
          'dl',
          { class: 'profile desk-outcome__facts' },
          row('desk.refused.barcode', h('span', { class: 'barcode', 'data-field': 'refusal_barcode' }, o.refusal.refusal_barcode)),
          serviceRow,
        ),
        h(
          'div',
          { class: 'actions' },
          pdfLink(o.refusal.refusal_receipt_url, 'desk.print_refusal', 'refusal-receipt', true, o.lang),
          pdfLink(thermal(o.refusal.refusal_receipt_url), 'desk.print_thermal', 'refusal-receipt-thermal', false, o.lang),
          againButton,
          backButton,
        ),
      );
    }
  };

  const showOutcome = (o: Outcome) => {
    outcome = o;
    work.hidden = true;
    renderOutcome();
    outcomeBox.querySelector<HTMLElement>('h2')?.focus();
  };

  /** After a refusal: the form as typed, the missing documents marked. */
  function backToForm(): void {
    const o = outcome;
    outcome = null;
    renderOutcome();
    work.hidden = false;
    let first: HTMLElement | null = null;
    if (o?.kind === 'refused') {
      for (const m of o.refusal.missing_documents ?? []) {
        const c = fields.mark(`documents.${m.code}`, 'desk.doc_missing');
        first ??= c;
      }
    }
    (first ?? submit).focus();
  }

  /** Clears everything for the next applicant and goes to the service search. */
  function newApplication(): void {
    if (busy) return;
    generation += 1;
    searchController?.abort();
    window.clearTimeout(searchTimer);
    outcome = null;
    renderOutcome();
    service = null;
    form.reset();
    confirming = false;
    confirmSlot.replaceChildren();
    submit.hidden = false;
    setDefaultLang();
    fields.clear();
    showError(formError, null);
    showError(serviceError, null);
    showError(searchStatus, null);
    setInvalid(searchInput, false);
    for (const p of [applicant, rep]) tr(p.iinHint, 'desk.field.iin_hint');
    repSet.hidden = true;
    docRows = [];
    stateRows = [];
    paymentRows = [];
    fields.drop('documents');
    fields.drop('payments');
    docsTableBody.replaceChildren();
    stateList.replaceChildren();
    paymentsBody.replaceChildren();
    for (const el of [docsSet, paymentsSet, formCompleteBox, firstTimeBox, consentSet]) el.hidden = true;
    resetConsent();
    renderChosen();
    searchInput.value = '';
    found = [];
    renderResults();
    searchForm.hidden = false;
    results.hidden = false;
    work.hidden = false;
    searchInput.focus();
  }
  newButton.addEventListener('click', newApplication);

  // A mistyped date is said when leaving the field.
  form.addEventListener('change', (ev) => {
    const el = ev.target;
    if (!(el instanceof HTMLInputElement) || !el.hasAttribute('data-date')) return;
    if (parseDate(el.value) === null) fields.mark(el.name, 'desk.date_invalid');
    else fields.unmark(el.name);
  });

  // ---- where the operator sits ----
  const loadPlace = async () => {
    if (user.branch_id === null) {
      tr(whereWarning, 'desk.no_branch');
      whereWarning.hidden = false;
      return;
    }
    try {
      const [branch, windows] = await Promise.all([getBranch(user.branch_id), listWindows(user.branch_id)]);
      zone = branch.time_zone;
      const mine = windows.find((w) => w.employee_id === user.id && !w.retired && w.kind === 'intake');
      const name = pick(branch.name).text || branch.code;
      if (mine) {
        delete where.dataset.i18n;
        tr(where, 'desk.where', { window: mine.number, branch: name, code: branch.code });
        whereWarning.hidden = true;
      } else {
        tr(where, 'desk.where_branch', { branch: name, code: branch.code });
        tr(whereWarning, 'desk.no_window');
        whereWarning.hidden = false;
      }
      // The branch name follows the UI language.
      placeBranch = branch.name;
      placeCode = branch.code;
      placeWindow = mine?.number ?? null;
    } catch {
      // Not essential: the server still checks the window on "Accept".
    }
  };
  let placeBranch: Localized | null = null;
  let placeCode = '';
  let placeWindow: number | null = null;
  void loadPlace();

  onViewLang(() => {
    if (placeBranch) {
      const name = pick(placeBranch).text || placeCode;
      if (placeWindow !== null) tr(where, 'desk.where', { window: placeWindow, branch: name, code: placeCode });
      else tr(where, 'desk.where_branch', { branch: name, code: placeCode });
    }
    renderChosen();
    labelService();
    renderConsent();
    if (outcome) renderOutcome();
    if (searchInput.value.trim() && !searchForm.hidden) void runSearch(false);
    else renderResults();
  });
  onViewEnd(() => {
    window.clearTimeout(searchTimer);
    searchController?.abort();
  });

  work.append(
    h(
      'section',
      { class: 'desk-service', 'aria-labelledby': serviceHeadingId },
      tr(h('h2', { id: serviceHeadingId }), 'desk.service.heading'),
      chosen,
      searchForm,
      serviceError,
      searchStatus,
      results,
    ),
    form,
  );
  showConsentPanels();

  return [
    h('div', { class: 'desk' }, h('div', { class: 'desk-head' }, heading, newButton), where, whereWarning, outcomeBox, work),
  ];
}
