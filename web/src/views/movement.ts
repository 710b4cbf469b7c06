// Pieces shared by the document-movement screens (collection, courier, provider, reception,
// issuance, shelf, monitoring): the screen's frame (heading, branch, whether it is still shown)
// and its loading steps, the scan field a barcode scanner types into (digits, then Enter: no
// click), the live list of scan results, stage and status names, register tables and their PDF
// links, the list of packages not collected on time. Times are Astana time (Kazakhstan keeps one time since March 2024).

import { ApiError, type Employee } from '../api';
import {
  currentStageOf,
  listUncollected,
  registerPdfUrl,
  type PackageScan,
  type Register,
  type RegisterScan,
  type UncollectedItem,
} from '../movement_api';
import { isMessageKey, tDyn, tr, type MessageKey, type Params } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, apiErrorKey, formatDotted, formatInstantDotted, onViewEnd, pick, scrollBox, showError } from '../ui';
import { normalizeBarcode } from './track';

export const ZONE = 'Asia/Almaty';

export const has = (user: Employee, roles: string[]) => user.roles.some((r) => roles.includes(r));

// ---- the view's frame -------------------------------------------------------------------------

export interface ViewFrame {
  /** The page's heading and lead; the view's sections are pushed after them. */
  nodes: Node[];
  /** False once the user left the view: what arrives later is not shown. */
  alive: () => boolean;
}

const viewHead = (heading: MessageKey, intro: MessageKey): Node[] => [tr(h('h1', { tabindex: '-1' }), heading), tr(h('p', { class: 'lead' }), intro)];

/** The start of a movement screen: its heading and lead, and whether it is still shown. */
export function viewFrame(heading: MessageKey, intro: MessageKey): ViewFrame {
  const nodes = viewHead(heading, intro);
  let shown = true;
  onViewEnd(() => {
    shown = false;
  });
  return { nodes, alive: () => shown };
}

/**
 * The start of a screen of the employee's branch. An employee without a branch gets only a
 * note saying so (`branchId` null: the view returns `nodes` as they are).
 */
export function branchViewFrame(user: Employee, heading: MessageKey, intro: MessageKey): (ViewFrame & { branchId: number }) | { nodes: Node[]; branchId: null } {
  const branchId = user.branch_id;
  if (branchId === null) return { nodes: [...viewHead(heading, intro), note('movement.no_branch', 'no-branch')], branchId: null };
  return { ...viewFrame(heading, intro), branchId };
}

/**
 * A loading step of a view: the alert box is emptied first (unless `clearFirst` is false), a
 * failure is shown in it, and what arrives after the user left the view is not applied.
 */
export function loader<T>(box: HTMLElement, alive: () => boolean, fetch: () => Promise<T>, apply: (value: T) => void, clearFirst = true): () => Promise<void> {
  return async () => {
    if (clearFirst) showError(box, null);
    try {
      const value = await fetch();
      if (alive()) apply(value);
    } catch (e) {
      failIn(box, e);
    }
  };
}

// ---- names ------------------------------------------------------------------------------------

/** A key built at run time, when the catalog has it. */
export function keyOr(key: string): MessageKey | null {
  return isMessageKey(key) ? key : null;
}

/** A span with the staff's name of a stage (its code when unknown). */
export function stageEl(stage: string, attrs: Record<string, string> = {}): HTMLElement {
  const span = h('span', { ...attrs, 'data-stage': stage });
  const key = keyOr(`stage.${stage}`);
  if (key) tr(span, key);
  else span.textContent = stage;
  return span;
}

/** A span translated by `prefix.code`, or the code itself. */
export function codeEl(prefix: string, code: string, attrs: Record<string, string> = {}): HTMLElement {
  const span = h('span', attrs);
  const key = keyOr(`${prefix}.${code}`);
  if (key) tr(span, key);
  else span.textContent = code;
  return span;
}

export function registerStatusEl(status: string): HTMLElement {
  const bad = status === 'rejected';
  const ok = status === 'received' || status === 'acknowledged';
  const el = codeEl('register.status', status, { class: `badge ${bad ? 'badge--warn' : ok ? 'badge--ok' : ''}`.trim(), 'data-field': 'status', 'data-status': status });
  return el;
}

export function providerText(r: Pick<Register, 'provider_code' | 'provider_name'>): string {
  const n = r.provider_name;
  const name = typeof n === 'string' ? n : n ? pick(n).text : '';
  return name ? `${name} (${r.provider_code})` : r.provider_code;
}

export const dateText = (iso: string | null | undefined) => (iso ? formatDotted(iso) : '—');
export function instantText(iso: string | null | undefined): Node {
  return iso ? h('time', { datetime: iso }, formatInstantDotted(iso, ZONE)) : document.createTextNode('—');
}
export const dateEl = (iso: string | null | undefined, field = '') =>
  iso ? h('time', { datetime: iso, 'data-field': field || null }, formatDotted(iso)) : document.createTextNode('—');

// ---- links -------------------------------------------------------------------------------------

/** A link to a PDF opening in a new tab (said to screen readers). */
export function pdfLink(href: string, key: MessageKey, link: string, params?: Params, hreflang?: string): HTMLElement {
  return h(
    'a',
    { href, target: '_blank', rel: 'noopener', class: 'button button--secondary button--small', 'data-link': link, hreflang: hreflang ?? null },
    tr(h('span'), key, params),
    ' ',
    tr(h('span', { class: 'visually-hidden' }), 'desk.pdf_note'),
  );
}

export function registerPdfLinks(r: Register): HTMLElement {
  return h(
    'span',
    { class: 'actions--row pdf-links' },
    pdfLink(registerPdfUrl(r.id, 'kk'), 'register.pdf', 'register-pdf-kk', { lang: 'KZ' }, 'kk'),
    ' ',
    pdfLink(registerPdfUrl(r.id, 'ru'), 'register.pdf', 'register-pdf-ru', { lang: 'RU' }, 'ru'),
  );
}

/** Registers newest first (the list as the server gave it, sorted in place). */
export const newestFirst = (registers: Register[]): Register[] => registers.sort((a, b) => b.id - a.id);

// ---- the scan field -------------------------------------------------------------------------------

export interface ScanField {
  form: HTMLFormElement;
  input: HTMLInputElement;
  focus: () => void;
}

/**
 * A field a barcode scanner types into: digits, then Enter submits (no click). The field is
 * emptied for the next scan and keeps (or gets back) the focus after each one. Scans are
 * handled one after the other, in the order they were made.
 */
export function scanField(label: MessageKey, hint: MessageKey, onScan: (code: string) => Promise<void>, name = 'barcode'): ScanField {
  const input = h('input', {
    id: uid(name),
    name,
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    enterkeyhint: 'go',
    maxlength: 40,
    class: 'scan-input',
  });
  const hintId = uid('scan-hint');
  input.setAttribute('aria-describedby', hintId);
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'scan.submit');
  const form = h(
    'form',
    { class: 'scan-form', novalidate: true, 'data-form': `scan-${name}` },
    h(
      'div',
      { class: 'field' },
      tr(h('label', { for: input.id }), label),
      tr(h('span', { id: hintId, class: 'hint' }), hint),
      h('div', { class: 'search__row scan-form__row' }, input, submit),
    ),
  );
  let chain: Promise<void> = Promise.resolve();
  const focus = () => input.focus();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const code = normalizeBarcode(input.value);
    input.value = '';
    if (!code) {
      focus();
      return;
    }
    chain = chain
      .then(() => onScan(code))
      .catch(() => undefined)
      .finally(() => {
        // Back to the field for the next scan, unless the user went to another field meanwhile.
        const a = document.activeElement;
        if (!a || a === document.body || a === submit || a === input || !form.isConnected || !(a instanceof HTMLInputElement || a instanceof HTMLSelectElement || a instanceof HTMLTextAreaElement)) {
          if (form.isConnected) focus();
        }
      });
  });
  return { form, input, focus };
}

// ---- the live list of scan results ----------------------------------------------------------------

export type LogEntry =
  | { ok: true; barcode: string; repeated: boolean; text: { key: MessageKey; params?: Params }; stage?: string; direction?: string | null }
  | { ok: false; barcode: string; code: string; error: MessageKey; stage?: string | null };

/** The log's line for a register's barcode scanned: the action went to all its packages. */
export function registerScanEntry(res: RegisterScan): LogEntry {
  return { ok: true, barcode: res.barcode, repeated: res.repeated, text: { key: 'scan.register_done', params: { number: res.barcode, n: res.moved, total: res.lines } } };
}

/** The log's line for a package scanned, with its stage now. */
export function packageScanEntry(res: PackageScan, text: { key: MessageKey; params?: Params }): Extract<LogEntry, { ok: true }> {
  return { ok: true, barcode: res.barcode, repeated: res.repeated, text, stage: res.stage };
}

export interface ScanLog {
  section: HTMLElement;
  add: (e: LogEntry) => void;
  /** An entry for a failed request, with the code, its text and the current stage when the server said. */
  addError: (barcode: string, e: unknown) => void;
  clear: () => void;
}

/** The results of the scans made on this page, newest first; each one is announced. */
export function scanLog(heading: MessageKey, field = 'scan-log'): ScanLog {
  const headingId = uid('scan-log');
  const list = h('ol', { class: 'scan-log', 'aria-labelledby': headingId, 'data-list': field, reversed: true });
  const empty = tr(h('p', { class: 'hint', 'data-note': 'no-scans' }), 'scan.none');
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-field': `${field}-status` });
  const section = h('section', { class: 'scan-results', 'aria-labelledby': headingId }, tr(h('h3', { id: headingId }), heading), announcer, empty, list);

  const add = (e: LogEntry) => {
    empty.hidden = true;
    const parts: Node[] = [h('span', { class: 'barcode scan-log__barcode', 'data-field': 'barcode' }, e.barcode), document.createTextNode(' ')];
    let li: HTMLElement;
    if (e.ok) {
      parts.push(tr(h('span', { 'data-field': 'text' }), e.text.key, e.text.params));
      if (e.stage) parts.push(document.createTextNode(' · '), stageEl(e.stage, { 'data-field': 'stage', class: 'scan-log__stage' }));
      if (e.direction) parts.push(document.createTextNode(' · '), tr(h('span', { 'data-field': 'direction' }), 'scan.direction', { name: e.direction }));
      if (e.repeated) parts.push(document.createTextNode(' '), tr(h('span', { class: 'badge badge--repeat', 'data-field': 'repeated' }), 'scan.repeated'));
      li = h('li', { class: `scan-log__item scan-log__item--${e.repeated ? 'repeated' : 'ok'}`, 'data-barcode': e.barcode, 'data-result': e.repeated ? 'repeated' : 'moved' }, ...parts);
    } else {
      parts.push(tr(h('span', { class: 'scan-log__error', 'data-field': 'error' }), e.error));
      if (e.stage) parts.push(document.createTextNode(' '), h('span', { class: 'scan-log__error' }, tr(h('span'), 'scan.current_stage'), ' ', stageEl(e.stage, { 'data-field': 'current-stage' })));
      li = h('li', { class: 'scan-log__item scan-log__item--error', 'data-barcode': e.barcode, 'data-result': 'error', 'data-code': e.code }, ...parts);
    }
    list.prepend(li);
    // Said once: a copy of the line (a new node, so that it is announced even when equal).
    const copy = li.cloneNode(true) as HTMLElement;
    announcer.replaceChildren(...Array.from(copy.childNodes));
  };

  const addError = (barcode: string, e: unknown) => {
    const code = e instanceof ApiError ? e.code : 'unexpected';
    const stage = e instanceof ApiError && e.code === 'wrong_stage' ? currentStageOf(e) : null;
    add({ ok: false, barcode, code, error: scanErrorKey(e), stage });
  };

  const clear = () => {
    list.replaceChildren();
    announcer.replaceChildren();
    empty.hidden = false;
  };
  return { section, add, addError, clear };
}

/** The text of a failed scan: `scan.error.<code>`, `error.<code>` or the generic one. */
export function scanErrorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    const own = keyOr(`scan.error.${e.code}`);
    if (own) return own;
  }
  return apiErrorKey(e);
}

// ---- tables ---------------------------------------------------------------------------------------

export interface Column<T> {
  head: MessageKey;
  cell: (item: T) => Node | string;
  field?: string;
  /** The row's header cell. */
  rowHeader?: boolean;
}

/** A data table with a caption; scrolls sideways on a narrow screen. */
export function dataTable<T>(caption: MessageKey, columns: Column<T>[], items: T[], rowAttrs: (item: T) => Record<string, string> = () => ({}), captionParams?: Params): HTMLElement {
  const table = h(
    'table',
    { class: 'data-table' },
    tr(h('caption'), caption, captionParams),
    h('thead', {}, h('tr', {}, ...columns.map((c) => tr(h('th', { scope: 'col' }), c.head)))),
    h(
      'tbody',
      {},
      ...items.map((item) =>
        h(
          'tr',
          rowAttrs(item),
          ...columns.map((c) => {
            const v = c.cell(item);
            return c.rowHeader
              ? h('th', { scope: 'row', 'data-field': c.field ?? null }, v)
              : h('td', { 'data-field': c.field ?? null }, v);
          }),
        ),
      ),
    ),
  );
  return scrollBox(table);
}

/** The columns the register tables share. */
export const registerCol = {
  number: { head: 'register.col.number', cell: (r) => h('span', {}, r.number, h('br'), h('span', { class: 'barcode mono' }, r.barcode)), field: 'number', rowHeader: true },
  provider: { head: 'register.col.provider', cell: (r) => providerText(r), field: 'provider' },
  status: { head: 'register.col.status', cell: (r) => registerStatusEl(r.status) },
  lines: { head: 'register.col.lines', cell: (r) => String(r.line_count), field: 'lines' },
  dispatchedAt: { head: 'register.col.dispatched_at', cell: (r) => instantText(r.dispatched_at), field: 'dispatched_at' },
  print: { head: 'register.col.print', cell: (r) => registerPdfLinks(r) },
} satisfies Record<string, Column<Register>>;

/** The attributes of a register's row. */
export const registerRow = (r: Register): Record<string, string> => ({ 'data-register': String(r.id), 'data-status': r.status });

/** A package accepted in the operating hall and not moved on since. */
type AcceptedPackage = Pick<UncollectedItem, 'barcode' | 'provider_code' | 'accepted_at'>;

/** A table of packages accepted in the hall: barcode, provider, when accepted. */
export function acceptedTable<T extends AcceptedPackage>(caption: MessageKey, items: T[]): HTMLElement {
  return dataTable<T>(
    caption,
    [
      { head: 'register.col.barcode', cell: (u) => h('span', { class: 'barcode' }, u.barcode), field: 'barcode', rowHeader: true },
      { head: 'register.col.provider', cell: (u) => u.provider_code, field: 'provider' },
      { head: 'register.col.accepted_at', cell: (u) => instantText(u.accepted_at), field: 'accepted_at' },
    ],
    items,
    (u) => ({ 'data-barcode': u.barcode }),
    { n: items.length },
  );
}

/**
 * The packages of the branch accepted but not collected on time (R22), with a refresh button:
 * `load` fetches them, `render` redraws them (on a change of language).
 */
export function uncollectedSection(branchId: number, alive: () => boolean): { section: HTMLElement; render: () => void; load: () => Promise<void> } {
  const sec = sectionWith('collection.uncollected.heading');
  sec.section.dataset.section = 'uncollected';
  const error = alertBox();
  const box = h('div', { 'data-list': 'uncollected' });
  const refresh = refreshButton('collection.uncollected.refresh');
  sec.section.append(tr(h('p', { class: 'hint' }), 'collection.uncollected.hint'), error, h('div', { class: 'actions' }, refresh), box);
  let uncollected: UncollectedItem[] | null = null;
  const render = () => {
    if (!uncollected) return;
    box.replaceChildren(uncollected.length ? acceptedTable('collection.uncollected.caption', uncollected) : note('collection.uncollected.none', 'no-uncollected'));
  };
  const load = loader(
    error,
    alive,
    () => listUncollected(branchId),
    (items) => {
      uncollected = items;
      render();
    },
  );
  refresh.addEventListener('click', () => void load());
  return { section: sec.section, render, load };
}

/** A heading for a section, with an id for aria-labelledby. */
export function sectionWith(heading: MessageKey, level: 'h2' | 'h3' = 'h2', attrs: Record<string, string> = {}): { section: HTMLElement; heading: HTMLElement } {
  const id = uid('section');
  const hd = tr(h(level, { id, tabindex: '-1' }), heading);
  return { section: h('section', { ...attrs, 'aria-labelledby': id }, hd), heading: hd };
}

/** A button with a translated label, and an accessible name naming what it acts on. */
export function actionButton(key: MessageKey, action: string, params?: Params, primary = false): HTMLButtonElement {
  return tr(h('button', { type: 'button', class: `button ${primary ? 'button--primary' : 'button--secondary'} button--small`, 'data-action': action }), key, params);
}

/** A refresh button that says what it refreshes. */
export function refreshButton(label: MessageKey): HTMLButtonElement {
  return tr(h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'refresh' }), label);
}

/** Shows a failure in an alert box (the code's text). */
export function failIn(box: HTMLElement, e: unknown): void {
  showError(box, scanErrorKey(e));
}

export const note = (key: MessageKey, field: string, params?: Params) => tr(h('p', { class: 'hint', 'data-note': field }), key, params);

export { tDyn };
