// Violations on the branch's premises (#/violations, R18.9): every employee reports what
// they see of a breach of public order or of the law to the management; the branch manager
// (and the central office and the auditors, read-only, for any branch) lists the reports,
// and the branch manager closes each one with what was done. Times are the branch's own.

import {
  ApiError,
  VIOLATION_CATEGORIES,
  closeViolation,
  getBranch,
  listBranches,
  listEmployees,
  listViolations,
  reportViolation,
  type Branch,
  type Employee,
  type Violation,
} from '../api';
import { getLang, tDyn, tr, type MessageKey, type Params } from '../i18n';
import { h, uid } from '../dom';
import {
  alertBox,
  apiErrorKey,
  fullName,
  instantEl,
  noticeBox,
  onViewEnd,
  onViewLang,
  pick,
  setInvalid,
  setTitle,
  showApiError,
  showError,
} from '../ui';

/** Who reports violations (and sees the page): every staff role but the provider's officers. */
export const VIOLATION_ROLES = [
  'operator',
  'consultant',
  'collection',
  'issuance',
  'courier',
  'branch_manager',
  'central_office',
  'admin',
  'auditor',
];
/** Who reads a branch's violations. */
export const VIOLATION_READERS = ['branch_manager', 'central_office', 'auditor'];
/** Readers who act for the whole network: they choose the branch. */
const NETWORK_READERS = ['central_office', 'auditor'];
/** Who closes the violations of their own branch. */
const CLOSERS = ['branch_manager'];

const MAX_TEXT_BYTES = 4000;
const MAX_PLACE_BYTES = 200;
const PAGE_SIZE = 50;
const DEFAULT_ZONE = 'Asia/Almaty';

const has = (user: Employee, roles: string[]) => user.roles.some((r) => roles.includes(r));
const bytes = (s: string) => new TextEncoder().encode(s).length;
const categoryKey = (c: string) => `violations.category.${c}`;

/** A span with the translated category name (or the code, for a category this page does not know). */
function categoryEl(code: string, attrs: Record<string, string> = {}): HTMLElement {
  const span = h('span', { ...attrs, 'data-category': code });
  const key = categoryKey(code);
  const text = tDyn(key, '');
  if (text) tr(span, key as MessageKey);
  else span.textContent = code;
  return span;
}

/** A field of a form: label, control, an optional hint and its own error message, all linked. */
function formField(label: MessageKey, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint: MessageKey | null, ...alsoDescribedBy: string[]) {
  if (!control.id) control.id = uid(control.name || 'field');
  const msg = h('span', { id: uid('err'), class: 'field__error' });
  const hintEl = hint ? tr(h('span', { id: uid('hint'), class: 'hint' }), hint) : null;
  control.setAttribute('aria-describedby', [hintEl?.id, msg.id, ...alsoDescribedBy].filter(Boolean).join(' '));
  const el = h('div', { class: 'field' }, tr(h('label', { for: control.id }), label), hintEl, control, msg);
  const mark = (key: MessageKey | null, params?: Params) => {
    setInvalid(control, !!key);
    showError(msg, key, params);
  };
  return { el, msg, mark };
}

export function violationsView(user: Employee): Node[] {
  setTitle('title.violations');
  const reader = has(user, VIOLATION_READERS);
  const network = has(user, NETWORK_READERS);
  const closer = has(user, CLOSERS);
  /** The branches by id, as far as they are known (for their names and time zones). */
  const branches = new Map<number, Branch>();
  const zoneOf = (branchId: number | null) => (branchId !== null ? branches.get(branchId)?.time_zone : undefined) ?? DEFAULT_ZONE;
  /** The employee's own branch (for its time zone), asked for once. */
  const ownBranch: Promise<void> =
    user.branch_id === null
      ? Promise.resolve()
      : getBranch(user.branch_id)
          .then((b) => void branches.set(b.id, b))
          .catch(() => undefined);

  // ---- the report --------------------------------------------------------------------
  const reportHeadingId = uid('report-heading');
  const reportSection = h(
    'section',
    { class: 'violation-report', 'aria-labelledby': reportHeadingId },
    tr(h('h2', { id: reportHeadingId }), 'violations.report.heading'),
  );
  /** The reporter's own branch: its list is redrawn when they report. */
  let afterReport: (v: Violation) => void = () => undefined;

  if (user.branch_id === null) {
    reportSection.append(tr(h('p', { class: 'hint', 'data-note': 'no-branch' }), 'violations.no_branch'));
  } else {
    const formError = alertBox();
    formError.id = uid('report-error');
    const confirmation = noticeBox();
    confirmation.dataset.field = 'confirmation';

    const category = h(
      'select',
      { name: 'category', required: true },
      tr(h('option', { value: '' }), 'violations.field.category_choose'),
      ...VIOLATION_CATEGORIES.map((c) => tr(h('option', { value: c }), categoryKey(c) as MessageKey)),
    );
    const description = h('textarea', { name: 'description', rows: 6, maxlength: MAX_TEXT_BYTES, required: true, spellcheck: 'true' });
    const place = h('input', { name: 'place', type: 'text', maxlength: MAX_PLACE_BYTES, autocomplete: 'off' });
    const categoryField = formField('violations.field.category', category, null, formError.id);
    const descriptionField = formField('violations.field.description', description, 'violations.field.description_hint', formError.id);
    const placeField = formField('violations.field.place', place, 'violations.field.place_hint', formError.id);
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'violations.send');

    const form = h(
      'form',
      { class: 'violation-form', 'aria-labelledby': reportHeadingId, novalidate: true, 'data-form': 'report-violation' },
      formError,
      categoryField.el,
      descriptionField.el,
      placeField.el,
      h('div', { class: 'actions' }, submit),
    );

    let busy = false;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (busy) return;
      showError(formError, null);
      showError(confirmation, null);
      const report = { category: category.value, description: description.value.trim(), place: place.value.trim() };
      // Early feedback; the server checks the same.
      const problems: [typeof categoryField, HTMLElement, MessageKey][] = [];
      if (!report.category) problems.push([categoryField, category, 'violations.category_required']);
      if (!report.description) problems.push([descriptionField, description, 'violations.description_required']);
      else if (bytes(report.description) > MAX_TEXT_BYTES) problems.push([descriptionField, description, 'violations.too_long']);
      if (bytes(report.place) > MAX_PLACE_BYTES) problems.push([placeField, place, 'violations.place_too_long']);
      for (const f of [categoryField, descriptionField, placeField]) f.mark(null);
      if (problems.length) {
        for (const [f, , key] of problems) f.mark(key);
        const first = problems[0] as (typeof problems)[number];
        const label = (first[1] as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '';
        if (problems.length > 1) showError(formError, 'violations.fix_fields', { n: problems.length });
        else showError(formError, 'violations.fix_field', { field: label });
        first[1].focus();
        return;
      }
      busy = true;
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      tr(submit, 'violations.sending');
      try {
        const v = await reportViolation(report.place ? report : { category: report.category, description: report.description });
        form.reset();
        confirmation.replaceChildren(
          tr(h('span', {}), 'violations.sent', { id: v.id }),
          ' ',
          tr(h('span', {}), 'violations.sent_at'),
          ' ',
          instantEl(v.reported_at, zoneOf(v.branch_id), { 'data-field': 'reported_at' }),
        );
        confirmation.dataset.id = String(v.id);
        afterReport(v);
      } catch (e) {
        const field = showApiError(formError, e);
        const target = field === 'category' ? categoryField : field === 'place' ? placeField : field === 'description' ? descriptionField : null;
        if (target && e instanceof ApiError) {
          target.mark(apiErrorKey(e));
          (field === 'category' ? category : field === 'place' ? place : description).focus();
        } else submit.focus();
      } finally {
        busy = false;
        submit.disabled = false;
        form.removeAttribute('aria-busy');
        tr(submit, 'violations.send');
      }
    });
    reportSection.append(confirmation, form);

  }

  const nodes: Node[] = [
    tr(h('h1', { tabindex: '-1' }), 'violations.heading'),
    tr(h('p', { class: 'lead' }), 'violations.intro'),
    reportSection,
  ];
  if (!reader) return nodes;

  // ---- the branch's violations ---------------------------------------------------------
  const listHeadingId = uid('list-heading');
  const listHeading = tr(h('h2', { id: listHeadingId, tabindex: '-1' }), 'violations.list.heading');
  const listError = alertBox();
  const listNotice = noticeBox();
  const status = h('p', { class: 'status', role: 'status', 'data-field': 'count' });
  const list = h('ul', { class: 'violation-list', 'data-list': 'violations', 'aria-labelledby': listHeadingId });
  const more = tr(h('button', { type: 'button', class: 'button button--secondary', hidden: true, 'data-action': 'more' }), 'violations.more');
  const listSection = h('section', { class: 'violation-register', 'aria-labelledby': listHeadingId }, listHeading);
  nodes.push(listSection);

  let branchId: number | null = user.branch_id;
  if (!network && branchId === null) {
    listSection.append(tr(h('p', { class: 'hint', 'data-note': 'no-branch-list' }), 'violations.no_branch_list'));
    return nodes;
  }

  // Filters: the branch (for the network's readers) and open / all.
  const statusName = uid('violation-status');
  const statusRadios = (['open', 'all'] as const).map((v) =>
    h('input', { type: 'radio', id: uid(`violation-status-${v}`), name: statusName, value: v, checked: v === 'open' }),
  );
  const openOnly = () => statusRadios[0]?.checked !== false;
  const statusSet = h(
    'fieldset',
    { class: 'checks', 'data-filter': 'status' },
    tr(h('legend'), 'violations.filter.status'),
    h(
      'div',
      { class: 'checks__row' },
      ...statusRadios.map((r) => h('div', { class: 'check' }, r, tr(h('label', { for: r.id }), `violations.filter.${r.value}` as MessageKey))),
    ),
  );
  const branchSelectId = uid('violation-branch');
  const branchSelect = h('select', { id: branchSelectId, name: 'branch_id' });
  const branchField = network
    ? h('div', { class: 'field', 'data-filter': 'branch' }, tr(h('label', { for: branchSelectId }), 'violations.filter.branch'), branchSelect)
    : null;
  const renderBranchOptions = () => {
    const sorted = [...branches.values()].sort((a, b) => a.code.localeCompare(b.code));
    branchSelect.replaceChildren(
      ...sorted.map((b) => {
        const name = pick(b.name);
        return h('option', { value: String(b.id), selected: b.id === branchId, lang: name.lang === getLang() ? null : name.lang }, `${name.text || b.code} (${b.code})`);
      }),
    );
  };
  listSection.append(h('div', { class: 'form-row violation-filters' }, branchField, statusSet), listError, listNotice, status, list, more);

  // State of the list.
  let items: Violation[] = [];
  let cursor: string | null = null;
  let shownOpenOnly = true;
  let controller: AbortController | null = null;
  const people = new Map<number, Employee>();
  let peopleOf: number | null = null;

  const personEl = (id: number, field: string) => {
    const e = people.get(id);
    const span = h('span', { 'data-field': field, 'data-id': String(id) });
    return e ? tr(span, 'violations.person', { name: e.full_name || fullName(e), id }) : tr(span, 'windows.employee_id', { id });
  };

  const row = (key: MessageKey, ...value: (Node | string)[]) => h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', {}, ...value));

  const itemEl = (v: Violation): HTMLElement => {
    const headingId = uid('violation');
    const heading = h(
      'h3',
      { id: headingId, tabindex: '-1', class: 'violation__heading' },
      tr(h('span', {}), 'violations.number', { id: v.id }),
      ' · ',
      categoryEl(v.category, { 'data-field': 'category' }),
    );
    const closed = v.status === 'closed';
    const badge = h('span', { class: `badge ${closed ? 'badge--ok' : 'badge--warn'}`, 'data-field': 'status' });
    tr(badge, closed ? 'violations.status.closed' : 'violations.status.open');
    const zone = zoneOf(v.branch_id);
    const facts = h(
      'dl',
      { class: 'violation__facts' },
      row('violations.col.status', badge),
      row('violations.col.reported_at', instantEl(v.reported_at, zone, { 'data-field': 'reported_at' })),
      row('violations.col.reported_by', personEl(v.reported_by, 'reported_by')),
      row('violations.col.place', v.place ? h('span', { 'data-field': 'place' }, v.place) : tr(h('span', { 'data-field': 'place' }), 'violations.no_place')),
      row('violations.col.description', h('span', { class: 'violation__text', 'data-field': 'description' }, v.description)),
      closed && v.closed_at ? row('violations.col.closed_at', instantEl(v.closed_at, zone, { 'data-field': 'closed_at' })) : null,
      closed && v.closed_by !== null ? row('violations.col.closed_by', personEl(v.closed_by, 'closed_by')) : null,
      closed ? row('violations.col.resolution', h('span', { class: 'violation__text', 'data-field': 'resolution' }, v.resolution ?? '')) : null,
    );
    const li = h('li', { class: `violation violation--${v.status}`, 'data-violation': String(v.id), 'data-status': v.status }, heading, facts);
    if (!closed && closer && v.branch_id === user.branch_id) li.append(closeControls(v, headingId));
    return li;
  };

  /** "Close the violation", then the resolution and "Confirm closing" / "Cancel". */
  const closeControls = (v: Violation, headingId: string): HTMLElement => {
    const box = h('div', { class: 'violation__close' });
    const opener = tr(h('button', { type: 'button', id: uid('close'), class: 'button button--secondary', 'data-action': 'close' }), 'violations.close');
    opener.setAttribute('aria-labelledby', `${opener.id} ${headingId}`);

    const formError = alertBox();
    formError.id = uid('close-error');
    const resolution = h('textarea', { name: 'resolution', rows: 3, maxlength: MAX_TEXT_BYTES, required: true });
    const resolutionField = formField('violations.field.resolution', resolution, 'violations.field.resolution_hint', formError.id);
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'confirm-close' }), 'violations.close_submit');
    const cancel = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'cancel' }), 'common.cancel');
    const form = h(
      'form',
      { class: 'inline-form violation__close-form', 'aria-labelledby': headingId, novalidate: true, 'data-form': 'close-violation', hidden: true },
      formError,
      resolutionField.el,
      h('div', { class: 'actions' }, submit, cancel),
    );

    const show = (open: boolean) => {
      form.hidden = !open;
      opener.hidden = open;
      if (open) resolution.focus();
      else {
        showError(formError, null);
        resolutionField.mark(null);
        opener.focus();
      }
    };
    opener.addEventListener('click', () => show(true));
    cancel.addEventListener('click', () => show(false));
    form.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !submit.disabled) {
        ev.preventDefault();
        show(false);
      }
    });

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (submit.disabled) return;
      showError(formError, null);
      showError(listNotice, null);
      const text = resolution.value.trim();
      const problem: MessageKey | null = !text ? 'violations.resolution_required' : bytes(text) > MAX_TEXT_BYTES ? 'violations.too_long' : null;
      resolutionField.mark(problem);
      if (problem) {
        showError(formError, 'violations.fix_field', { field: resolution.labels?.[0]?.textContent?.trim() ?? '' });
        resolution.focus();
        return;
      }
      submit.disabled = true;
      cancel.disabled = true;
      form.setAttribute('aria-busy', 'true');
      tr(submit, 'violations.closing');
      try {
        const updated = await closeViolation(v.id, text);
        replaceItem(updated, 'violations.closed_done');
      } catch (e) {
        if (e instanceof ApiError && (e.code === 'violation_closed' || e.code === 'violation_not_found')) {
          // Closed meanwhile (or gone): the list as it is now.
          showApiError(listError, e);
          void load(false, true);
          return;
        }
        showApiError(formError, e);
        resolutionField.mark(apiErrorKey(e));
        resolution.focus();
      } finally {
        submit.disabled = false;
        cancel.disabled = false;
        form.removeAttribute('aria-busy');
        tr(submit, 'violations.close_submit');
      }
    });
    box.append(opener, form);
    return box;
  };

  const renderStatus = () => {
    if (!items.length) tr(status, shownOpenOnly ? 'violations.none_open' : 'violations.none');
    else tr(status, shownOpenOnly ? 'violations.count_open' : 'violations.count_all', { n: items.length });
    more.hidden = !cursor;
  };

  const render = () => {
    list.replaceChildren(...items.map(itemEl));
    list.hidden = !items.length;
    renderStatus();
  };

  /** A violation changed (closed): redrawn in place, or out of the list of the open ones. */
  const replaceItem = (v: Violation, note: MessageKey) => {
    tr(listNotice, note, { id: v.id });
    const old = list.querySelector<HTMLElement>(`li[data-violation="${v.id}"]`);
    if (shownOpenOnly && v.status !== 'open') {
      items = items.filter((x) => x.id !== v.id);
      old?.remove();
      list.hidden = !items.length;
      renderStatus();
      listHeading.focus();
      return;
    }
    items = items.map((x) => (x.id === v.id ? v : x));
    const fresh = itemEl(v);
    if (old) old.replaceWith(fresh);
    fresh.querySelector<HTMLElement>('h3')?.focus();
  };

  /** Loads the first page (or the next one, with `append`); `keepMessages` leaves the alert and the notice. */
  const load = async (append: boolean, keepMessages = false) => {
    if (branchId === null) return;
    controller?.abort();
    const c = new AbortController();
    controller = c;
    const id = branchId;
    const open = openOnly();
    if (!keepMessages) {
      showError(listError, null);
      showError(listNotice, null);
    }
    list.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      const wantPeople = peopleOf !== id;
      const [page, staff] = await Promise.all([
        listViolations(id, open, append ? cursor : null, c.signal, PAGE_SIZE),
        // The names of the branch's staff, once per branch; without them, their numbers.
        wantPeople ? listEmployees(id).catch(() => [] as Employee[]) : Promise.resolve(null),
        branches.has(id)
          ? Promise.resolve()
          : id === user.branch_id
            ? ownBranch
            : getBranch(id)
                .then((b) => void branches.set(b.id, b))
                .catch(() => undefined),
      ]);
      if (c !== controller) return;
      if (staff) {
        people.clear();
        for (const e of staff) people.set(e.id, e);
        peopleOf = id;
      }
      const firstNew = append ? items.length : 0;
      items = append ? items.concat(page.items) : page.items;
      cursor = page.next_cursor;
      shownOpenOnly = open;
      if (append) {
        list.append(...page.items.map(itemEl));
        list.hidden = !items.length;
        renderStatus();
        list.querySelectorAll<HTMLElement>('li > h3')[firstNew]?.focus();
      } else render();
    } catch (e) {
      if (c.signal.aborted) return;
      showApiError(listError, e);
    } finally {
      if (c === controller) {
        list.removeAttribute('aria-busy');
        more.disabled = false;
      }
    }
  };

  for (const r of statusRadios) r.addEventListener('change', () => void load(false));
  more.addEventListener('click', () => void load(true));
  branchSelect.addEventListener('change', () => {
    const id = Number(branchSelect.value);
    if (!Number.isInteger(id) || id <= 0) return;
    branchId = id;
    items = [];
    cursor = null;
    void load(false);
  });

  afterReport = (v) => {
    if (v.branch_id === branchId) void load(false, true);
  };

  onViewLang(() => {
    if (network) renderBranchOptions();
  });
  onViewEnd(() => controller?.abort());

  if (network) {
    listBranches()
      .then((all) => {
        for (const b of all) branches.set(b.id, b);
        const active = all.filter((b) => !b.retired).sort((a, b) => a.code.localeCompare(b.code));
        if (branchId === null || !branches.has(branchId)) branchId = (active[0] ?? all[0])?.id ?? null;
        renderBranchOptions();
        if (branchId === null) tr(status, 'violations.no_branches');
        else void load(false);
      })
      .catch((e: unknown) => showApiError(listError, e));
  } else {
    void load(false);
  }

  return nodes;
}
