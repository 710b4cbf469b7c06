// Branches (R5, R8, R13): the list with the new-branch and edit form (#/admin/branches;
// admin: all branches; branch manager: their own, read-only) and one branch with its
// windows and its own days (#/admin/branches/{id}; the admin and the branch's manager
// change them, the branch's staff read them), and whether it serves by appointment only (R8;
// the admin, the central office and the branch's manager switch it).

import {
  ApiError,
  TIME_ZONES,
  WINDOW_KINDS,
  createBranch,
  createWindow,
  deleteBranchDay,
  getBranch,
  listBranchDays,
  listBranches,
  listEmployees,
  listWindows,
  putBranchDay,
  retireWindow,
  seatWindow,
  updateBranch,
  type Branch,
  type BranchDay,
  type BranchFields,
  type BranchWindow,
  type Employee,
} from '../api';
import { getAppointmentOnly, setAppointmentOnly } from '../queue_api';
import { getLang, t, tDyn, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import {
  alertBox,
  apiErrorKey,
  confirmGroup,
  fullName,
  ltext,
  noticeBox,
  onViewLang,
  parseIso,
  pick,
  scrollBox,
  setInvalid,
  setTitle,
  showApiError,
  showError,
  timeEl,
} from '../ui';

/** Who sees "Branches" in the menu: the admin (all) and a branch manager (their own). */
export const BRANCH_ROLES = ['admin', 'branch_manager'];
/** Who may open a branch's page: everybody who works with branches (read-only but for the managers). */
export const BRANCH_VIEW_ROLES = [
  'admin',
  'branch_manager',
  'central_office',
  'auditor',
  'operator',
  'consultant',
  'collection',
  'issuance',
  'courier',
];
/** Who may read the list of employees (to show who sits at a window). */
const PEOPLE_READERS = ['admin', 'branch_manager', 'central_office', 'auditor'];

const has = (user: Employee, roles: string[]) => user.roles.some((r) => roles.includes(r));
const isAdmin = (user: Employee) => user.roles.includes('admin');

/** May `user` change the windows and the days of branch `id`? */
export function canEditBranch(user: Employee, id: number): boolean {
  return isAdmin(user) || (user.roles.includes('branch_manager') && user.branch_id === id);
}

/** May `user` switch branch `id` to appointments only (and back)? */
export function canSetAppointmentOnly(user: Employee, id: number): boolean {
  return isAdmin(user) || user.roles.includes('central_office') || (user.roles.includes('branch_manager') && user.branch_id === id);
}

// ---- formatting -------------------------------------------------------------------

const weekdayName = (n: number) => tDyn(`weekday.${n}`, String(n));

/** "1111110" → "Monday – Saturday"; "1010100" → "Monday, Wednesday, Friday". */
export function weekdaysText(mask: string): string {
  const days = [...mask].flatMap((c, i) => (c === '1' ? [i + 1] : []));
  if (!days.length) return t('branches.no_days');
  const ranges: [number, number][] = [];
  for (const d of days) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === d - 1) last[1] = d;
    else ranges.push([d, d]);
  }
  return ranges
    .map(([a, b]) =>
      a === b ? weekdayName(a) : b === a + 1 ? `${weekdayName(a)}, ${weekdayName(b)}` : `${weekdayName(a)} – ${weekdayName(b)}`,
    )
    .join(', ');
}

const hoursText = (b: Branch) => `${b.opens_at}–${b.closes_at}`;
const zoneText = (zone: string) => tDyn(`tz.${zone}`, zone);
const kindText = (kind: string) => tDyn(`windows.kind.${kind}`, kind);

function focusLater(el: HTMLElement | null | undefined): void {
  if (el) queueMicrotask(() => el.focus());
}

// ---- the form of a branch --------------------------------------------------------------

type TextName = 'code' | 'name_kk' | 'name_ru' | 'name_en' | 'region' | 'address_kk' | 'address_ru';
const TEXT_FIELDS: { name: TextName; label: MessageKey; lang?: string; hint?: MessageKey; maxlength: number }[] = [
  { name: 'code', label: 'branch.field.code', hint: 'branch.field.code_hint', maxlength: 20 },
  { name: 'name_kk', label: 'branch.field.name_kk', lang: 'kk', maxlength: 200 },
  { name: 'name_ru', label: 'branch.field.name_ru', lang: 'ru', maxlength: 200 },
  { name: 'name_en', label: 'branch.field.name_en', lang: 'en', maxlength: 200 },
  { name: 'region', label: 'branch.field.region', maxlength: 200 },
  { name: 'address_kk', label: 'branch.field.address_kk', lang: 'kk', maxlength: 200 },
  { name: 'address_ru', label: 'branch.field.address_ru', lang: 'ru', maxlength: 200 },
];

function branchValues(b: Branch): Required<Omit<BranchFields, 'retired'>> {
  return {
    code: b.code,
    name_kk: b.name.kk ?? '',
    name_ru: b.name.ru ?? '',
    name_en: b.name.en ?? '',
    region: b.region,
    address_kk: b.address.kk ?? '',
    address_ru: b.address.ru ?? '',
    time_zone: b.time_zone,
    opens_at: b.opens_at,
    closes_at: b.closes_at,
    open_weekdays: b.open_weekdays,
    video_surveillance: b.video_surveillance,
  };
}

interface FormHooks {
  /** A branch was created or changed (or retired); `focusRow` asks to focus its row afterwards. */
  saved: (b: Branch, note: { key: MessageKey; code: string }, focusRow: boolean) => void;
  cancelled: (b: Branch) => void;
}

/** The "New branch" form, or the edit form of `editing` (the code stays, changed fields only). */
function branchForm(editing: Branch | null, hooks: FormHooks): HTMLElement {
  const headingId = uid('branch-form');
  const error = alertBox();
  error.id = uid('branch-error');
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();

  const fields: HTMLElement[] = TEXT_FIELDS.map((f) => {
    const id = uid(f.name);
    const hintKey: MessageKey | undefined = f.name === 'code' && editing ? 'branch.field.code_fixed' : f.hint;
    const hintId = hintKey ? uid(`${f.name}-hint`) : null;
    const input = h('input', {
      id,
      name: f.name,
      type: 'text',
      lang: f.lang,
      maxlength: f.maxlength,
      autocomplete: 'off',
      required: true,
      readonly: f.name === 'code' && !!editing,
      spellcheck: f.name === 'code' ? 'false' : null,
      autocapitalize: f.name === 'code' ? 'characters' : null,
      'aria-describedby': hintId ? `${hintId} ${error.id}` : error.id,
    });
    inputs.set(f.name, input);
    return h(
      'div',
      { class: 'field' },
      tr(h('label', { for: id }), f.label),
      hintKey && hintId ? tr(h('span', { id: hintId, class: 'hint' }), hintKey) : null,
      input,
    );
  });

  const zoneId = uid('time_zone');
  const zone = h('select', { id: zoneId, name: 'time_zone', 'aria-describedby': error.id }, ...TIME_ZONES.map((z) => tr(h('option', { value: z }), `tz.${z}` as MessageKey)));
  inputs.set('time_zone', zone);
  const opensId = uid('opens_at');
  const closesId = uid('closes_at');
  const opens = h('input', { id: opensId, name: 'opens_at', type: 'time', step: 60, required: true, 'aria-describedby': error.id });
  const closes = h('input', { id: closesId, name: 'closes_at', type: 'time', step: 60, required: true, 'aria-describedby': error.id });
  inputs.set('opens_at', opens);
  inputs.set('closes_at', closes);

  const weekdayBoxes = [1, 2, 3, 4, 5, 6, 7].map((n) =>
    h('input', { id: uid(`weekday-${n}`), type: 'checkbox', name: 'open_weekdays', value: String(n) }),
  );
  const legendId = uid('weekdays');
  const weekdays = h(
    'fieldset',
    { class: 'checks', 'aria-describedby': error.id },
    tr(h('legend', { id: legendId }), 'branch.field.weekdays'),
    h(
      'div',
      { class: 'checks__row' },
      ...weekdayBoxes.map((box, i) =>
        h('div', { class: 'check' }, box, tr(h('label', { for: box.id }), `weekday.${i + 1}` as MessageKey)),
      ),
    ),
  );
  const videoId = uid('video');
  const video = h('input', { id: videoId, type: 'checkbox', name: 'video_surveillance' });

  const fill = (b: Branch | null) => {
    const v = b
      ? branchValues(b)
      : { code: '', name_kk: '', name_ru: '', name_en: '', region: '', address_kk: '', address_ru: '', time_zone: 'Asia/Almaty', opens_at: '09:00', closes_at: '18:00', open_weekdays: '1111110', video_surveillance: false };
    for (const f of TEXT_FIELDS) (inputs.get(f.name) as HTMLInputElement).value = v[f.name];
    zone.value = v.time_zone;
    opens.value = v.opens_at;
    closes.value = v.closes_at;
    weekdayBoxes.forEach((box, i) => (box.checked = v.open_weekdays[i] === '1'));
    video.checked = v.video_surveillance;
  };
  fill(editing);

  const read = (): Required<Omit<BranchFields, 'retired'>> => ({
    code: (inputs.get('code') as HTMLInputElement).value.trim().toUpperCase(),
    name_kk: (inputs.get('name_kk') as HTMLInputElement).value.trim(),
    name_ru: (inputs.get('name_ru') as HTMLInputElement).value.trim(),
    name_en: (inputs.get('name_en') as HTMLInputElement).value.trim(),
    region: (inputs.get('region') as HTMLInputElement).value.trim(),
    address_kk: (inputs.get('address_kk') as HTMLInputElement).value.trim(),
    address_ru: (inputs.get('address_ru') as HTMLInputElement).value.trim(),
    time_zone: zone.value,
    opens_at: opens.value,
    closes_at: closes.value,
    open_weekdays: weekdayBoxes.map((b) => (b.checked ? '1' : '0')).join(''),
    video_surveillance: video.checked,
  });

  const clearInvalid = () => {
    for (const el of inputs.values()) setInvalid(el, false);
    setInvalid(weekdays, false);
  };
  /** Marks the field the server named; returns the control to focus. */
  const markField = (name: string | null): HTMLElement | null => {
    if (name === 'open_weekdays') {
      setInvalid(weekdays, true);
      return weekdayBoxes[0] ?? null;
    }
    const el = name ? inputs.get(name) : undefined;
    if (!el) return null;
    setInvalid(el, true);
    return el;
  };

  const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), editing ? 'branch.save' : 'branch.create');
  const actions = h('div', { class: 'actions' }, submit);
  if (editing) {
    const cancel = tr(h('button', { type: 'button', class: 'button button--secondary' }), 'common.cancel');
    cancel.addEventListener('click', () => hooks.cancelled(editing));
    actions.append(cancel);
  }

  const form = h(
    'form',
    { class: 'branch-form', 'aria-labelledby': headingId, novalidate: true, 'data-form': editing ? 'edit-branch' : 'new-branch' },
    error,
    h('div', { class: 'form-grid' }, ...fields),
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'field' }, tr(h('label', { for: zoneId }), 'branch.field.time_zone'), zone),
      h('div', { class: 'field' }, tr(h('label', { for: opensId }), 'branch.field.opens_at'), opens),
      h('div', { class: 'field' }, tr(h('label', { for: closesId }), 'branch.field.closes_at'), closes),
    ),
    weekdays,
    h('div', { class: 'check check--single' }, video, tr(h('label', { for: videoId }), 'branch.field.video')),
    actions,
  );

  let busy = false;
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      await work();
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
      for (const b of form.querySelectorAll('button')) b.disabled = false;
    }
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void run(async () => {
      clearInvalid();
      showError(error, null);
      const v = read();
      const empty = TEXT_FIELDS.filter((f) => !v[f.name]);
      const missingTime = [opens, closes].filter((i) => !i.value);
      if (empty.length || missingTime.length) {
        for (const f of empty) setInvalid(inputs.get(f.name) as HTMLInputElement, true);
        for (const i of missingTime) setInvalid(i, true);
        showError(error, 'branch.required');
        (empty[0] ? inputs.get(empty[0].name) : missingTime[0])?.focus();
        return;
      }
      try {
        if (!editing) {
          const b = await createBranch(v);
          fill(null);
          hooks.saved(b, { key: 'branch.created', code: b.code }, false);
          return;
        }
        const before = branchValues(editing);
        const changed: BranchFields = {};
        for (const [k, value] of Object.entries(v) as [keyof typeof v, string | boolean][]) {
          if (k !== 'code' && before[k] !== value) (changed as Record<string, string | boolean>)[k] = value;
        }
        if (!Object.keys(changed).length) {
          hooks.saved(editing, { key: 'branch.unchanged', code: editing.code }, true);
          return;
        }
        const b = await updateBranch(editing.id, changed);
        hooks.saved(b, { key: 'branch.saved', code: b.code }, true);
      } catch (e) {
        const field = showApiError(error, e);
        (markField(field) ?? submit).focus();
      }
    });
  });

  const section = h(
    'section',
    { class: 'branch-editor', 'aria-labelledby': headingId },
    editing
      ? tr(h('h2', { id: headingId, tabindex: '-1' }), 'branch.edit_heading', { code: editing.code })
      : tr(h('h2', { id: headingId, tabindex: '-1' }), 'branch.new_heading'),
    form,
  );

  if (editing) {
    // Retiring (or returning to service) is a step of its own, confirmed first.
    const retireBox = h('div', { class: 'retire' });
    const retireButton = tr(
      h('button', { type: 'button', class: editing.retired ? 'button button--secondary' : 'button button--danger' }),
      editing.retired ? 'branch.reopen' : 'branch.retire',
    );
    const retired = !editing.retired;
    retireButton.addEventListener('click', () => {
      const group = confirmGroup(
        { key: retired ? 'branch.retire_confirm' : 'branch.reopen_confirm', params: { code: editing.code } },
        retired ? 'branch.retire_yes' : 'branch.reopen_yes',
        (yes) => {
          if (!yes) {
            retireBox.replaceChildren(retireButton);
            retireButton.focus();
            return;
          }
          void run(async () => {
            showError(error, null);
            try {
              const b = await updateBranch(editing.id, { retired });
              hooks.saved(b, { key: retired ? 'branch.retired_done' : 'branch.reopened', code: b.code }, true);
            } catch (e) {
              showApiError(error, e);
              retireBox.replaceChildren(retireButton);
              retireButton.focus();
            }
          });
        },
      );
      retireBox.replaceChildren(group);
    });
    retireBox.append(retireButton);
    section.append(retireBox);
  }
  return section;
}

// ---- the list ------------------------------------------------------------------------

export function branchesView(user: Employee): Node[] {
  setTitle('title.branches');
  const admin = isAdmin(user);
  const error = alertBox();
  const notice = noticeBox();
  const box = h('div', { class: 'branches', 'aria-busy': 'true' }, tr(h('p'), 'app.loading'));
  const formSlot = h('div', { class: 'form-slot' });
  let branches: Branch[] | null = null;

  const rowButton = (id: number) => box.querySelector<HTMLElement>(`tr[data-id="${id}"] [data-action="edit"]`);

  const render = () => {
    if (!branches) return;
    const shown = admin ? branches : branches.filter((b) => b.id === user.branch_id);
    if (!shown.length) {
      box.replaceChildren(tr(h('p'), admin ? 'branches.none' : 'branches.none_own'));
      return;
    }
    const col = (key: MessageKey) => tr(h('th', { scope: 'col' }), key);
    const table = h(
      'table',
      { class: 'data-table', 'data-table': 'branches' },
      tr(h('caption'), 'branches.caption', { n: shown.length }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          col('branches.col.name'),
          col('branches.col.code'),
          col('branches.col.region'),
          col('branches.col.time_zone'),
          col('branches.col.schedule'),
          col('branches.col.video'),
          col('branches.col.status'),
          admin ? col('branches.col.actions') : null,
        ),
      ),
      h(
        'tbody',
        {},
        ...shown.map((b) => {
          const edit = admin
            ? h('button', {
                type: 'button',
                class: 'button button--secondary button--small',
                'data-action': 'edit',
                'aria-label': t('branches.edit_label', { code: b.code }),
              }, t('branches.edit'))
            : null;
          edit?.addEventListener('click', () => startEdit(b));
          return h(
            'tr',
            { 'data-id': b.id, 'data-code': b.code, 'data-retired': String(b.retired) },
            h('th', { scope: 'row' }, h('a', { href: `#/admin/branches/${b.id}` }, ltext(b.name))),
            h('td', { class: 'mono' }, b.code),
            h('td', {}, b.region),
            h('td', {}, zoneText(b.time_zone)),
            h(
              'td',
              { 'data-field': 'schedule' },
              h('span', { class: 'block nowrap' }, hoursText(b)),
              h('span', { class: 'block' }, weekdaysText(b.open_weekdays)),
            ),
            h('td', { 'data-field': 'video' }, t(b.video_surveillance ? 'common.yes' : 'common.no')),
            h('td', { 'data-field': 'status' }, t(b.retired ? 'branches.status.retired' : 'branches.status.active')),
            edit ? h('td', {}, edit) : null,
          );
        }),
      ),
    );
    box.replaceChildren(scrollBox(table));
  };

  const load = async () => {
    try {
      branches = await listBranches();
      render();
    } catch (e) {
      box.replaceChildren();
      showError(error, apiErrorKey(e));
    } finally {
      box.removeAttribute('aria-busy');
    }
  };

  const hooks: FormHooks = {
    saved: (b, note, focusRow) => {
      tr(notice, note.key, { code: note.code });
      if (branches) {
        const i = branches.findIndex((x) => x.id === b.id);
        if (i >= 0) branches[i] = b;
        else branches.push(b);
      }
      render();
      if (focusRow) {
        showForm(null);
        focusLater(rowButton(b.id));
      }
    },
    cancelled: (b) => {
      showError(notice, null);
      showForm(null);
      focusLater(rowButton(b.id));
    },
  };
  const showForm = (editing: Branch | null) => {
    if (admin) formSlot.replaceChildren(branchForm(editing, hooks));
  };
  const startEdit = (b: Branch) => {
    showError(notice, null);
    showForm(b);
    focusLater(formSlot.querySelector<HTMLElement>('h2'));
  };

  showForm(null);
  onViewLang(render);
  void load();

  return [
    tr(h('h1', { tabindex: '-1' }), 'branches.heading'),
    tr(h('p', { class: 'lead' }), admin ? 'branches.intro' : 'branches.intro_own'),
    error,
    notice,
    box,
    formSlot,
  ];
}

// ---- one branch ----------------------------------------------------------------------

export function branchView(user: Employee, id: number): Node[] {
  setTitle('title.branches');
  const editable = canEditBranch(user, id);
  const heading = tr(h('h1', { tabindex: '-1' }), 'app.loading');
  const error = alertBox();
  const info = h('div', { class: 'branch-info', 'aria-busy': 'true' });
  let branch: Branch | null = null;
  let windows: BranchWindow[] | null = null;
  let days: BranchDay[] | null = null;
  const people = new Map<number, Employee>();

  const nameOf = (employeeId: number) => {
    const e = people.get(employeeId);
    return e ? e.full_name || fullName(e) : t('windows.employee_id', { id: employeeId });
  };

  // -- the branch itself --
  const renderInfo = () => {
    if (!branch) return;
    const name = pick(branch.name);
    delete heading.dataset.i18n;
    heading.textContent = name.text || branch.code;
    if (name.lang !== getLang()) heading.lang = name.lang;
    else heading.removeAttribute('lang');
    setTitle('title.branch', { name: name.text || branch.code });
    const row = (key: MessageKey, field: string, ...value: (Node | string)[]) =>
      h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', { 'data-field': field }, ...value));
    const infoId = uid('info');
    info.replaceChildren(
      h(
        'section',
        { class: 'profile', 'aria-labelledby': infoId },
        tr(h('h2', { id: infoId }), 'branch.about'),
        h(
          'dl',
          {},
          row('branches.col.code', 'code', h('span', { class: 'mono' }, branch.code)),
          row('branches.col.region', 'region', branch.region),
          row('branch.field.address', 'address', ltext(branch.address)),
          row('branches.col.time_zone', 'time_zone', zoneText(branch.time_zone)),
          row('branches.col.hours', 'hours', hoursText(branch)),
          row('branches.col.days', 'days', weekdaysText(branch.open_weekdays)),
          row('branches.col.video', 'video', t(branch.video_surveillance ? 'common.yes' : 'common.no')),
          row('branches.col.status', 'status', t(branch.retired ? 'branches.status.retired' : 'branches.status.active')),
        ),
      ),
    );
  };

  // -- appointments only (R8) --
  const apptHeadingId = uid('appointment-only');
  const apptError = alertBox();
  const apptNotice = noticeBox();
  const apptSwitchId = uid('appointment-only-switch');
  const apptStateId = uid('appointment-only-state');
  const apptEditable = canSetAppointmentOnly(user, id);
  const apptSwitch = h('input', {
    id: apptSwitchId,
    type: 'checkbox',
    role: 'switch',
    name: 'appointment_only',
    'data-action': 'appointment-only',
    'aria-describedby': apptStateId,
    disabled: true,
  });
  const apptState = h('span', { id: apptStateId, class: 'hint', 'data-field': 'appointment-only-state' });
  let apptOn: boolean | null = null;
  const renderAppt = () => {
    apptSwitch.checked = apptOn === true;
    apptSwitch.disabled = apptOn === null || !apptEditable;
    if (apptOn === null) tr(apptState, 'app.loading');
    else tr(apptState, apptOn ? 'apptonly.state.on' : 'apptonly.state.off');
    apptState.dataset.state = apptOn === null ? '' : apptOn ? 'on' : 'off';
  };
  apptSwitch.addEventListener('change', async () => {
    if (!apptEditable || apptOn === null) return;
    const want = apptSwitch.checked;
    showError(apptError, null);
    showError(apptNotice, null);
    apptSwitch.disabled = true;
    apptSection.setAttribute('aria-busy', 'true');
    try {
      apptOn = (await setAppointmentOnly(id, want)).appointment_only === true;
      tr(apptNotice, apptOn ? 'apptonly.saved_on' : 'apptonly.saved_off');
    } catch (e) {
      showApiError(apptError, e);
    } finally {
      apptSection.removeAttribute('aria-busy');
      renderAppt();
      apptSwitch.focus();
    }
  });
  const apptSection = h(
    'section',
    { class: 'appointment-only', 'aria-labelledby': apptHeadingId, 'data-section': 'appointment-only', hidden: true },
    tr(h('h2', { id: apptHeadingId, tabindex: '-1' }), 'apptonly.heading'),
    tr(h('p', { class: 'hint' }), 'apptonly.intro'),
    apptError,
    apptNotice,
    h('div', { class: 'check check--single' }, apptSwitch, tr(h('label', { for: apptSwitchId }), 'apptonly.switch')),
    apptState,
  );
  renderAppt();

  // -- windows --
  const winHeadingId = uid('windows');
  const winHeading = tr(h('h2', { id: winHeadingId, tabindex: '-1' }), 'windows.heading');
  const winError = alertBox();
  const winNotice = noticeBox();
  const winBox = h('div', { 'aria-busy': 'true' }, tr(h('p'), 'app.loading'));
  let confirmingWindow: number | null = null;
  let confirmFocus = false;

  const windowRow = (w: BranchWindow): HTMLElement => {
    const cells: (HTMLElement | null)[] = [
      h(
        'th',
        { scope: 'row' },
        String(w.number),
        w.retired ? h('span', { class: 'tag tag--retired', 'data-field': 'status' }, t('windows.retired')) : null,
      ),
      h('td', { 'data-field': 'kind' }, kindText(w.kind)),
      h('td', { 'data-field': 'employee' }, w.employee_id ? nameOf(w.employee_id) : t('windows.nobody')),
    ];
    if (editable) cells.push(h('td', {}, w.retired ? '' : windowActions(w)));
    return h('tr', { 'data-window': w.number, 'data-id': w.id }, ...cells);
  };

  const windowActions = (w: BranchWindow): HTMLElement => {
    if (confirmingWindow === w.id) {
      const focus = confirmFocus;
      confirmFocus = false;
      const group = confirmGroup({ key: 'windows.retire_confirm', params: { n: w.number } }, 'windows.retire_yes', (yes) => {
        confirmingWindow = null;
        if (!yes) {
          renderWindows();
          focusLater(winBox.querySelector<HTMLElement>(`tr[data-id="${w.id}"] [data-action="retire"]`));
          return;
        }
        void windowAction(w, 'retire', () => retireWindow(w.id), { key: 'windows.retired_done', params: { n: w.number } });
      }, focus); // not when only re-drawn (e.g. for a language switch)
      return group;
    }
    const selectId = uid(`seat-${w.number}`);
    const select = h(
      'select',
      { id: selectId, name: 'employee_id', 'data-action': 'choose' },
      h('option', { value: '' }, t('windows.choose')),
      ...[...people.values()]
        .filter((e) => e.active !== false)
        .map((e) => h('option', { value: String(e.id), selected: e.id === w.employee_id }, e.full_name || fullName(e))),
    );
    const seat = h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'seat', 'aria-label': t('windows.seat_aria', { n: w.number }) }, t('windows.seat'));
    seat.addEventListener('click', () => {
      if (!select.value) {
        showError(winNotice, null);
        showError(winError, 'windows.choose_required');
        setInvalid(select, true);
        select.focus();
        return;
      }
      const employeeId = Number(select.value);
      void windowAction(w, 'seat', () => seatWindow(w.id, employeeId), {
        key: 'windows.seated',
        params: { n: w.number, name: nameOf(employeeId) },
      });
    });
    const parts: HTMLElement[] = [
      h('div', { class: 'seat' }, h('label', { for: selectId, class: 'visually-hidden' }, t('windows.seat_label', { n: w.number })), select, seat),
    ];
    if (w.employee_id) {
      const free = h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'unseat', 'aria-label': t('windows.unseat_aria', { n: w.number }) }, t('windows.unseat'));
      free.addEventListener('click', () =>
        void windowAction(w, 'choose', () => seatWindow(w.id, null), { key: 'windows.unseated', params: { n: w.number } }),
      );
      parts.push(free);
    }
    const retire = h('button', { type: 'button', class: 'button button--danger button--small', 'data-action': 'retire', 'aria-label': t('windows.retire_aria', { n: w.number }) }, t('windows.retire'));
    retire.addEventListener('click', () => {
      confirmingWindow = w.id;
      confirmFocus = true;
      renderWindows();
    });
    parts.push(retire);
    return h('div', { class: 'actions actions--row' }, ...parts);
  };

  let windowBusy = false;
  /** Runs a change of a window, then redraws the table and focuses `focusAction` in its row. */
  const windowAction = async (
    w: BranchWindow,
    focusAction: string,
    work: () => Promise<BranchWindow>,
    note: { key: MessageKey; params: Record<string, string | number> },
  ) => {
    if (windowBusy) return;
    windowBusy = true;
    winBox.setAttribute('aria-busy', 'true');
    for (const b of winBox.querySelectorAll('button')) b.disabled = true;
    showError(winError, null);
    showError(winNotice, null);
    try {
      const updated = await work();
      if (windows) windows = windows.map((x) => (x.id === updated.id ? updated : x));
      tr(winNotice, note.key, note.params);
    } catch (e) {
      showApiError(winError, e);
    } finally {
      windowBusy = false;
      winBox.removeAttribute('aria-busy');
      renderWindows();
      const row = winBox.querySelector<HTMLElement>(`tr[data-id="${w.id}"]`);
      focusLater(row?.querySelector<HTMLElement>(`[data-action="${focusAction}"]`) ?? row?.querySelector<HTMLElement>('[data-action]') ?? winHeading);
    }
  };

  const renderWindows = () => {
    if (!windows) return;
    if (!windows.length) {
      winBox.replaceChildren(tr(h('p'), 'windows.none'));
      return;
    }
    const col = (key: MessageKey) => tr(h('th', { scope: 'col' }), key);
    const sorted = [...windows].sort((a, b) => a.number - b.number);
    const table = h(
      'table',
      { class: 'data-table', 'data-table': 'windows' },
      tr(h('caption'), 'windows.caption', { n: windows.filter((w) => !w.retired).length }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          col('windows.col.number'),
          col('windows.col.kind'),
          col('windows.col.employee'),
          editable ? col('windows.col.actions') : null,
        ),
      ),
      h('tbody', {}, ...sorted.map(windowRow)),
    );
    winBox.replaceChildren(scrollBox(table));
  };

  const addWindowForm = (): HTMLElement => {
    const formHeadingId = uid('add-window');
    const formError = alertBox();
    formError.id = uid('add-window-error');
    const numberId = uid('window-number');
    const numberHint = uid('window-number-hint');
    const kindId = uid('window-kind');
    const number = h('input', { id: numberId, name: 'number', type: 'number', inputmode: 'numeric', min: 1, max: 999, step: 1, required: true, 'aria-describedby': `${numberHint} ${formError.id}` });
    const kind = h('select', { id: kindId, name: 'kind' }, ...WINDOW_KINDS.map((k) => tr(h('option', { value: k }), `windows.kind.${k}` as MessageKey)));
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'windows.add');
    const form = h(
      'form',
      { class: 'inline-form', 'aria-labelledby': formHeadingId, novalidate: true, 'data-form': 'add-window' },
      tr(h('h3', { id: formHeadingId }), 'windows.add_heading'),
      formError,
      h(
        'div',
        { class: 'form-row' },
        h('div', { class: 'field' }, tr(h('label', { for: numberId }), 'windows.field.number'), tr(h('span', { id: numberHint, class: 'hint' }), 'windows.field.number_hint'), number),
        h('div', { class: 'field' }, tr(h('label', { for: kindId }), 'windows.field.kind'), kind),
      ),
      submit,
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (submit.disabled) return;
      const n = Number(number.value);
      showError(formError, null);
      showError(winNotice, null);
      if (!Number.isInteger(n) || n < 1 || n > 999) {
        setInvalid(number, true);
        showError(formError, 'windows.number_required');
        number.focus();
        return;
      }
      setInvalid(number, false);
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const w = await createWindow(id, n, kind.value);
        windows = [...(windows ?? []), w];
        renderWindows();
        tr(winNotice, 'windows.added', { n: w.number });
        number.value = '';
      } catch (e) {
        const field = showApiError(formError, e);
        if (field === 'number' || (e instanceof ApiError && e.code === 'window_exists')) {
          setInvalid(number, true);
          number.focus();
        }
      } finally {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    return form;
  };

  // -- the branch's own days --
  const dayHeadingId = uid('days');
  const dayHeading = tr(h('h2', { id: dayHeadingId, tabindex: '-1' }), 'days.heading');
  const dayError = alertBox();
  const dayNotice = noticeBox();
  const dayBox = h('div', { 'aria-busy': 'true' }, tr(h('p'), 'app.loading'));

  const renderDays = () => {
    if (!days) return;
    if (!days.length) {
      dayBox.replaceChildren(tr(h('p', { 'data-empty': 'days' }), 'days.none'));
      return;
    }
    const col = (key: MessageKey) => tr(h('th', { scope: 'col' }), key);
    const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
    dayBox.replaceChildren(
      h(
        'table',
        { class: 'data-table', 'data-table': 'days' },
        tr(h('caption'), 'days.caption', { n: days.length }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            col('days.col.date'),
            col('days.col.kind'),
            col('days.col.reason'),
            editable ? col('days.col.actions') : null,
          ),
        ),
        h(
          'tbody',
          {},
          ...sorted.map((d) => {
            let remove: HTMLButtonElement | null = null;
            if (editable) {
              const button = h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'remove', 'aria-label': t('days.remove_aria', { date: d.date }) }, t('days.remove'));
              button.addEventListener('click', () => void removeDay(d, button));
              remove = button;
            }
            return h(
              'tr',
              { 'data-date': d.date, 'data-open': String(d.open) },
              h('th', { scope: 'row' }, timeEl(d.date)),
              h('td', { 'data-field': 'kind' }, t(d.open ? 'days.open' : 'days.closed')),
              h('td', { 'data-field': 'reason' }, d.reason),
              remove ? h('td', {}, remove) : null,
            );
          }),
        ),
      ),
    );
  };

  const removeDay = async (d: BranchDay, button: HTMLButtonElement) => {
    button.disabled = true;
    showError(dayError, null);
    showError(dayNotice, null);
    try {
      await deleteBranchDay(id, d.date);
      days = (days ?? []).filter((x) => x.date !== d.date);
      tr(dayNotice, 'days.removed', { date: d.date });
      renderDays();
      focusLater(dayHeading);
    } catch (e) {
      button.disabled = false;
      showApiError(dayError, e);
      button.focus();
    }
  };

  const addDayForm = (): HTMLElement => {
    const formHeadingId = uid('add-day');
    const formError = alertBox();
    formError.id = uid('add-day-error');
    const dateId = uid('day-date');
    const kindId = uid('day-kind');
    const reasonId = uid('day-reason');
    const date = h('input', { id: dateId, name: 'date', type: 'date', required: true, 'aria-describedby': formError.id });
    const kind = h(
      'select',
      { id: kindId, name: 'open' },
      tr(h('option', { value: 'closed' }), 'days.kind.closed'),
      tr(h('option', { value: 'open' }), 'days.kind.open'),
    );
    const reason = h('input', { id: reasonId, name: 'reason', type: 'text', maxlength: 200, required: true, autocomplete: 'off', 'aria-describedby': formError.id });
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'days.add');
    const form = h(
      'form',
      { class: 'inline-form', 'aria-labelledby': formHeadingId, novalidate: true, 'data-form': 'add-day' },
      tr(h('h3', { id: formHeadingId }), 'days.add_heading'),
      formError,
      h(
        'div',
        { class: 'form-row' },
        h('div', { class: 'field' }, tr(h('label', { for: dateId }), 'days.field.date'), date),
        h('div', { class: 'field' }, tr(h('label', { for: kindId }), 'days.field.kind'), kind),
        h('div', { class: 'field field--wide' }, tr(h('label', { for: reasonId }), 'days.field.reason'), reason),
      ),
      submit,
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (submit.disabled) return;
      showError(formError, null);
      showError(dayNotice, null);
      const iso = date.value.trim();
      const why = reason.value.trim();
      setInvalid(date, !parseIso(iso));
      setInvalid(reason, !why);
      if (!parseIso(iso) || !why) {
        showError(formError, 'days.required');
        (parseIso(iso) ? reason : date).focus();
        return;
      }
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const saved = await putBranchDay(id, iso, kind.value === 'open', why);
        days = [...(days ?? []).filter((x) => x.date !== saved.date), saved];
        renderDays();
        tr(dayNotice, 'days.saved', { date: saved.date });
        date.value = '';
        reason.value = '';
      } catch (e) {
        const field = showApiError(formError, e);
        if (field === 'reason') setInvalid(reason, true);
        if (e instanceof ApiError && e.code === 'invalid_date') setInvalid(date, true);
      } finally {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    return form;
  };

  const winSection = h(
    'section',
    { class: 'windows', 'aria-labelledby': winHeadingId, hidden: true },
    winHeading,
    winError,
    winNotice,
    winBox,
    editable ? addWindowForm() : null,
  );
  const daySection = h(
    'section',
    { class: 'days', 'aria-labelledby': dayHeadingId, hidden: true },
    dayHeading,
    tr(h('p', { class: 'hint' }), 'days.intro'),
    dayError,
    dayNotice,
    dayBox,
    editable ? addDayForm() : null,
  );

  const load = async () => {
    try {
      branch = await getBranch(id);
    } catch (e) {
      info.removeAttribute('aria-busy');
      const notFound = e instanceof ApiError && (e.status === 404 || e.status === 400);
      tr(heading, notFound ? 'branch.not_found' : 'branch.heading');
      showError(error, notFound ? 'branch.not_found_text' : apiErrorKey(e));
      return;
    }
    info.removeAttribute('aria-busy');
    renderInfo();
    apptSection.hidden = false;
    winSection.hidden = false;
    daySection.hidden = false;
    getAppointmentOnly(id)
      .then((r) => {
        apptOn = r.appointment_only === true;
        renderAppt();
      })
      .catch((e: unknown) => showApiError(apptError, e));
    const [win, emp, dys] = await Promise.allSettled([
      listWindows(id),
      has(user, PEOPLE_READERS) ? listEmployees(id) : Promise.resolve([] as Employee[]),
      listBranchDays(id),
    ]);
    if (emp.status === 'fulfilled') for (const e of emp.value) people.set(e.id, e);
    winBox.removeAttribute('aria-busy');
    if (win.status === 'fulfilled') {
      windows = win.value;
      renderWindows();
    } else {
      winBox.replaceChildren();
      showError(winError, apiErrorKey(win.reason));
    }
    dayBox.removeAttribute('aria-busy');
    if (dys.status === 'fulfilled') {
      days = dys.value;
      renderDays();
    } else {
      dayBox.replaceChildren();
      showError(dayError, apiErrorKey(dys.reason));
    }
  };

  onViewLang(() => {
    renderInfo();
    renderWindows();
    renderDays();
  });
  void load();

  return [
    has(user, BRANCH_ROLES) ? h('p', { class: 'back' }, tr(h('a', { href: '#/admin/branches' }), 'branch.back')) : null,
    heading,
    editable ? null : tr(h('p', { class: 'hint', 'data-note': 'read-only' }), 'branch.read_only'),
    error,
    info,
    apptSection,
    winSection,
    daySection,
  ].filter((n): n is HTMLElement => n !== null);
}
