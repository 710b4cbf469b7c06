// Administration: catalog import (#/admin/import, admin) and the staff list with
// each employee's trainings and the R16 check (#/admin/staff, admin and branch manager),
// where an employee's name and position, in Russian and in Kazakh (printed on the window's
// name plate), are edited.

import {
  ApiError,
  R16_TOPIC,
  addTraining,
  importCatalog,
  listEmployees,
  listTrainings,
  updateEmployee,
  type Employee,
  type EmployeeFields,
  type Training,
} from '../api';
import { t, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import {
  alertBox,
  errorKey,
  fullName,
  noticeBox,
  onViewLang,
  parseIso,
  roleNodes,
  setInvalid,
  setTitle,
  scrollBox,
  showApiError,
  showError,
  timeEl,
  todayIso,
} from '../ui';

export const IMPORT_ROLES = ['admin'];
export const STAFF_ROLES = ['admin', 'branch_manager'];

interface CatalogError {
  where: string;
  message: string;
}

function catalogErrors(e: ApiError): CatalogError[] {
  const list = (e.details as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(list)) return [];
  return list.map((x: { where?: unknown; message?: unknown }) => ({
    where: typeof x?.where === 'string' ? x.where : '',
    message: typeof x?.message === 'string' ? x.message : String(x?.message ?? ''),
  }));
}

export function importView(): Node[] {
  setTitle('title.import');
  const headingId = uid('import');
  const fileId = uid('file');
  const hintId = uid('file-hint');
  const error = alertBox();
  const file = h('input', {
    id: fileId,
    name: 'catalog',
    type: 'file',
    accept: '.json,application/json',
    required: true,
    'aria-describedby': hintId,
  });
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'import.submit');
  // The outcome is announced through `done` (a status) or `error` (an alert);
  // the error report table is not a live region: it can be long.
  const done = h('div', { role: 'status' });
  const result = h('div', { class: 'import-result' });

  const form = h(
    'form',
    { class: 'import-form', 'aria-labelledby': headingId, novalidate: true },
    h(
      'div',
      { class: 'field' },
      tr(h('label', { for: fileId }), 'import.file'),
      tr(h('span', { id: hintId, class: 'hint' }), 'import.file_hint'),
      file,
    ),
    submit,
  );

  const errorTable = (errors: CatalogError[]) =>
    h(
      'table',
      { class: 'data-table', 'data-table': 'import-errors' },
      tr(h('caption'), 'import.errors_caption', { n: errors.length }),
      h('thead', {}, h('tr', {}, tr(h('th', { scope: 'col' }), 'import.col.where'), tr(h('th', { scope: 'col' }), 'import.col.message'))),
      h(
        'tbody',
        {},
        ...errors.map((x) =>
          h('tr', {}, h('td', { class: 'mono', lang: 'en' }, x.where), h('td', { lang: 'en' }, x.message)),
        ),
      ),
    );

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const chosen = file.files?.[0];
    result.replaceChildren();
    done.replaceChildren();
    if (!chosen) {
      file.setAttribute('aria-invalid', 'true');
      showError(error, 'import.required');
      file.focus();
      return;
    }
    file.removeAttribute('aria-invalid');
    showError(error, null);
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    tr(submit, 'import.submitting');
    try {
      const text = await chosen.text();
      const res = await importCatalog(text);
      done.replaceChildren(
        tr(
          h('p', { class: 'success', 'data-result': res.unchanged ? 'unchanged' : 'imported' }),
          res.unchanged ? 'import.unchanged' : 'import.done',
          { version: res.version_id, n: res.services },
        ),
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const errors = catalogErrors(e);
        showError(error, 'import.invalid');
        if (errors.length) result.replaceChildren(errorTable(errors));
        else result.replaceChildren(h('p', { lang: 'en' }, e.message));
      } else if (e instanceof ApiError && e.status === 400) {
        showError(error, 'import.bad_json');
        result.replaceChildren(h('p', { lang: 'en' }, e.message));
      } else if (e instanceof ApiError && e.status === 404) {
        showError(error, 'import.unavailable');
      } else {
        showError(error, errorKey(e));
      }
    } finally {
      busy = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
      tr(submit, 'import.submit');
    }
  });

  return [
    tr(h('h1', { tabindex: '-1', id: headingId }), 'import.heading'),
    tr(h('p', { class: 'lead' }), 'import.intro'),
    error,
    form,
    done,
    result,
  ];
}

type TrainingState = Training[] | 'error' | undefined;

/** R16: a disability_communication training that has not expired. */
function r16Status(list: TrainingState, today: string): 'ok' | 'missing' | 'expired' | 'unknown' {
  if (list === 'error') return 'unknown';
  if (!list) return 'unknown';
  const r16 = list.filter((x) => x.topic === R16_TOPIC);
  if (!r16.length) return 'missing';
  return r16.some((x) => !x.valid_until || x.valid_until >= today) ? 'ok' : 'expired';
}

const topicText = (topic: string) => (topic === R16_TOPIC ? t('training.topic.disability_communication') : topic);

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

interface StaffRow {
  employee: Employee;
  name: string;
  r16Cell: HTMLElement;
  toggle: HTMLButtonElement;
  detail: HTMLTableRowElement;
  heading: HTMLElement;
  list: HTMLElement;
  editToggle: HTMLButtonElement | null;
  editRow: HTMLTableRowElement | null;
}

const CENTRAL_ROLES = ['central_office', 'admin', 'auditor', 'provider_officer'];

/** May `user` change `e` (the server has the last word)? The admin: anyone; a manager: their branch's staff. */
function canEditEmployee(user: Employee | undefined, e: Employee): boolean {
  if (!user) return false;
  if (user.roles.includes('admin')) return true;
  return user.roles.includes('branch_manager') && user.branch_id !== null && e.branch_id === user.branch_id && !e.roles.some((r) => CENTRAL_ROLES.includes(r));
}

type EmployeeText = 'surname' | 'name' | 'patronymic' | 'position' | 'position_kk';
const EMPLOYEE_FIELDS: { name: EmployeeText; label: MessageKey; required: boolean; lang?: string; hint?: MessageKey }[] = [
  { name: 'surname', label: 'staff.field.surname', required: true },
  { name: 'name', label: 'staff.field.name', required: true },
  { name: 'patronymic', label: 'staff.field.patronymic', required: false },
  { name: 'position', label: 'staff.field.position', required: true, lang: 'ru' },
  { name: 'position_kk', label: 'staff.field.position_kk', required: false, lang: 'kk', hint: 'staff.field.position_kk_hint' },
];

export function staffView(user?: Employee): Node[] {
  setTitle('title.staff');
  const error = alertBox();
  const summary = h('p', { class: 'status', role: 'status', 'data-field': 'r16-summary' });
  const box = h('div', { class: 'staff', 'aria-busy': 'true' }, tr(h('p'), 'app.loading'));
  const trainings = new Map<number, TrainingState>();
  const rows = new Map<number, StaffRow>();
  let staff: Employee[] = [];
  let loaded = false;

  const updateSummary = () => {
    if (!loaded) return;
    const today = todayIso();
    const n = staff.filter((e) => ['missing', 'expired'].includes(r16Status(trainings.get(e.id), today))).length;
    tr(summary, 'training.summary', { n, total: staff.length });
  };

  /** Redraws what depends on the employee's trainings (and on the language). */
  const updateRow = (row: StaffRow) => {
    const id = row.employee.id;
    const list = trainings.get(id);
    const today = todayIso();
    const status = r16Status(list, today);
    row.r16Cell.dataset.r16 = status;
    if (list === undefined) row.r16Cell.replaceChildren(h('span', { 'aria-hidden': 'true' }, '…'), h('span', { class: 'visually-hidden' }, t('app.loading')));
    else if (status === 'unknown') row.r16Cell.replaceChildren(t('training.unknown'));
    else if (status === 'ok') row.r16Cell.replaceChildren(h('span', { class: 'badge badge--ok', 'data-badge': 'r16-ok' }, t('training.badge_ok')));
    else row.r16Cell.replaceChildren(h('span', { class: 'badge badge--warn', 'data-badge': 'r16-missing' }, t(status === 'expired' ? 'training.badge_expired' : 'training.badge_missing')));

    const n = Array.isArray(list) ? list.length : null;
    row.toggle.textContent = n === null ? t('training.toggle_plain') : t('training.toggle', { n });
    row.toggle.setAttribute('aria-label', n === null ? t('training.toggle_plain_aria', { name: row.name }) : t('training.toggle_aria', { n, name: row.name }));
    row.heading.textContent = t('training.heading', { name: row.name });

    if (list === undefined) row.list.replaceChildren(tr(h('p'), 'app.loading'));
    else if (list === 'error') row.list.replaceChildren(tr(h('p'), 'training.unavailable'));
    else if (!list.length) row.list.replaceChildren(tr(h('p', { 'data-empty': 'trainings' }), 'training.none'));
    else {
      const sorted = [...list].sort((a, b) => b.completed_on.localeCompare(a.completed_on));
      row.list.replaceChildren(
        h(
          'ul',
          { class: 'training-list', 'aria-labelledby': row.heading.id, 'data-list': 'trainings' },
          ...sorted.map((x) =>
            h(
              'li',
              { 'data-topic': x.topic },
              h('strong', { class: 'training-list__topic' }, topicText(x.topic)),
              h(
                'span',
                { class: 'training-list__dates' },
                `${t('training.col.completed_on')}: `,
                timeEl(x.completed_on),
                `; ${t('training.col.valid_until')}: `,
                x.valid_until ? timeEl(x.valid_until) : t('training.no_expiry'),
                x.valid_until && x.valid_until < today ? ` (${t('training.expired')})` : '',
              ),
            ),
          ),
        ),
      );
    }
  };

  const trainingForm = (row: StaffRow): HTMLElement => {
    const e = row.employee;
    const formHeadingId = uid('add-training');
    const formError = alertBox();
    formError.id = uid('training-error');
    const notice = noticeBox();
    const topicId = uid('topic');
    const otherId = uid('topic-other');
    const completedId = uid('completed');
    const validId = uid('valid-until');
    const topic = h(
      'select',
      { id: topicId, name: 'topic' },
      tr(h('option', { value: R16_TOPIC }), 'training.topic.disability_communication'),
      tr(h('option', { value: '' }), 'training.topic.other'),
    );
    const other = h('input', { id: otherId, name: 'topic_other', type: 'text', maxlength: 100, autocomplete: 'off', 'aria-describedby': formError.id });
    const otherField = h('div', { class: 'field', hidden: true }, tr(h('label', { for: otherId }), 'training.field.other'), other);
    topic.addEventListener('change', () => {
      otherField.hidden = topic.value !== '';
    });
    const completed = h('input', { id: completedId, name: 'completed_on', type: 'date', required: true, max: todayIso(), 'aria-describedby': formError.id });
    const valid = h('input', { id: validId, name: 'valid_until', type: 'date', 'aria-describedby': formError.id });
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'training.add');
    const form = h(
      'form',
      { class: 'inline-form', 'aria-labelledby': formHeadingId, novalidate: true, 'data-form': 'add-training' },
      tr(h('h3', { id: formHeadingId }), 'training.add_heading'),
      formError,
      notice,
      h(
        'div',
        { class: 'form-row' },
        h('div', { class: 'field field--wide' }, tr(h('label', { for: topicId }), 'training.field.topic'), topic),
        otherField,
      ),
      h(
        'div',
        { class: 'form-row' },
        h('div', { class: 'field' }, tr(h('label', { for: completedId }), 'training.field.completed_on'), completed),
        h('div', { class: 'field' }, tr(h('label', { for: validId }), 'training.field.valid_until'), valid),
      ),
      submit,
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (submit.disabled) return;
      showError(formError, null);
      showError(notice, null);
      const topicValue = topic.value || other.value.trim();
      const done = completed.value;
      setInvalid(other, !topicValue);
      setInvalid(completed, !parseIso(done));
      setInvalid(valid, false);
      if (!topicValue || !parseIso(done)) {
        showError(formError, 'training.required');
        (topicValue ? completed : other).focus();
        return;
      }
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const added = await addTraining(e.id, { topic: topicValue, completed_on: done, ...(valid.value ? { valid_until: valid.value } : {}) });
        const list = trainings.get(e.id);
        trainings.set(e.id, [...(Array.isArray(list) ? list : []), added]);
        updateRow(row);
        updateSummary();
        tr(notice, 'training.added', { name: row.name });
        completed.value = '';
        valid.value = '';
        other.value = '';
      } catch (err) {
        const field = showApiError(formError, err);
        if (err instanceof ApiError && err.code === 'invalid_date') {
          setInvalid(/valid_until/.test(err.message) ? valid : completed, true);
        } else if (field === 'topic') setInvalid(other, true);
      } finally {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    return form;
  };

  /** The form that changes an employee's name and positions (only the changed fields are sent). */
  const editForm = (row: StaffRow): HTMLElement => {
    const headingId = uid('edit-employee');
    const formError = alertBox();
    const notice = noticeBox();
    const inputs = new Map<EmployeeText, HTMLInputElement>();
    const value = (e: Employee, name: EmployeeText) => (e[name] ?? '').toString();
    const fields = EMPLOYEE_FIELDS.map((f) => {
      const id = uid(`employee-${f.name}`);
      const hintId = f.hint ? uid('hint') : null;
      const input = h('input', {
        id,
        name: f.name,
        type: 'text',
        maxlength: 200,
        autocomplete: 'off',
        spellcheck: 'false',
        lang: f.lang ?? null,
        required: f.required,
        'aria-describedby': [hintId, formError.id].filter(Boolean).join(' ') || null,
      });
      input.value = value(row.employee, f.name);
      inputs.set(f.name, input);
      return h('div', { class: 'field' }, tr(h('label', { for: id }), f.label), hintId && f.hint ? tr(h('span', { id: hintId, class: 'hint' }), f.hint) : null, input);
    });
    formError.id = uid('employee-error');
    for (const input of inputs.values()) {
      const d = input.getAttribute('aria-describedby');
      input.setAttribute('aria-describedby', d ? `${d} ${formError.id}` : formError.id);
    }
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'save-employee' }), 'staff.save');
    const cancel = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'cancel-edit' }), 'common.cancel');
    const heading = h('h2', { id: headingId, class: 'detail-row__heading' });
    heading.textContent = t('staff.form.heading', { name: row.name });
    const form = h(
      'form',
      { class: 'inline-form', 'aria-labelledby': headingId, novalidate: true, 'data-form': 'edit-employee' },
      heading,
      formError,
      notice,
      h('div', { class: 'form-row' }, ...fields.slice(0, 3)),
      h('div', { class: 'form-row' }, ...fields.slice(3).map((f) => (f.classList.add('field--wide'), f))),
      h('div', { class: 'actions actions--row' }, submit, cancel),
    );
    cancel.addEventListener('click', () => {
      for (const f of EMPLOYEE_FIELDS) {
        const input = inputs.get(f.name);
        if (input) {
          input.value = value(row.employee, f.name);
          setInvalid(input, false);
        }
      }
      showError(formError, null);
      showError(notice, null);
      row.editToggle?.click();
      row.editToggle?.focus();
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (submit.disabled) return;
      showError(formError, null);
      showError(notice, null);
      const changed: EmployeeFields = {};
      let missing: HTMLInputElement | null = null;
      for (const f of EMPLOYEE_FIELDS) {
        const input = inputs.get(f.name);
        if (!input) continue;
        const v = input.value.trim();
        setInvalid(input, f.required && !v);
        if (f.required && !v) missing ??= input;
        if (v !== value(row.employee, f.name)) changed[f.name] = v;
      }
      if (missing) {
        showError(formError, 'staff.required');
        missing.focus();
        return;
      }
      if (!Object.keys(changed).length) {
        tr(notice, 'staff.unchanged');
        return;
      }
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const saved = await updateEmployee(row.employee.id, changed);
        row.employee = { ...row.employee, ...saved };
        staff = staff.map((x) => (x.id === saved.id ? row.employee : x));
        row.name = row.employee.full_name || fullName(row.employee);
        for (const f of EMPLOYEE_FIELDS) {
          const input = inputs.get(f.name);
          if (input) input.value = value(row.employee, f.name);
        }
        updateCells(row);
        heading.textContent = t('staff.form.heading', { name: row.name });
        tr(notice, 'staff.saved', { name: row.name });
      } catch (err) {
        const field = showApiError(formError, err);
        const input = field ? inputs.get(field as EmployeeText) : undefined;
        if (input) {
          setInvalid(input, true);
          input.focus();
        }
      } finally {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    onViewLang(() => {
      heading.textContent = t('staff.form.heading', { name: row.name });
    });
    return form;
  };

  /** The name and the positions in the employee's row. */
  const updateCells = (row: StaffRow) => {
    const tr_ = box.querySelector<HTMLElement>(`tr[data-id="${row.employee.id}"]`);
    if (!tr_) return;
    const e = row.employee;
    const nameCell = tr_.querySelector('th');
    if (nameCell) nameCell.textContent = row.name;
    const pos = tr_.querySelector<HTMLElement>('[data-field="position"]');
    if (pos) pos.textContent = e.position || '—';
    const posKk = tr_.querySelector<HTMLElement>('[data-field="position_kk"]');
    if (posKk) posKk.textContent = e.position_kk || '—';
    if (row.editToggle) row.editToggle.setAttribute('aria-label', t('staff.edit_aria', { name: row.name }));
    updateRow(row);
  };

  const build = () => {
    const COLS = 8;
    const body = h('tbody', {});
    for (const e of staff) {
      const name = e.full_name || fullName(e);
      const detailId = uid('trainings');
      const headingId = uid('trainings-heading');
      const toggle = h('button', {
        type: 'button',
        class: 'button button--secondary button--small',
        'aria-expanded': 'false',
        'aria-controls': detailId,
        'data-action': 'trainings',
      });
      const row: StaffRow = {
        employee: e,
        name,
        r16Cell: h('span', { class: 'r16', 'data-field': 'r16' }),
        toggle,
        detail: h('tr', { id: detailId, class: 'detail-row', 'data-detail-for': e.login, hidden: true }),
        heading: h('h2', { id: headingId, class: 'detail-row__heading' }),
        list: h('div', { class: 'trainings' }),
        editToggle: null,
        editRow: null,
      };
      if (canEditEmployee(user, e)) {
        const editId = uid('edit');
        const editToggle = h('button', {
          type: 'button',
          class: 'button button--secondary button--small',
          'aria-expanded': 'false',
          'aria-controls': editId,
          'aria-label': t('staff.edit_aria', { name }),
          'data-action': 'edit',
        });
        tr(editToggle, 'staff.edit');
        const editRow = h('tr', { id: editId, class: 'detail-row', 'data-edit-for': e.login, hidden: true });
        row.editToggle = editToggle;
        row.editRow = editRow;
        editRow.append(h('td', { colspan: COLS }, editForm(row)));
        editToggle.addEventListener('click', () => {
          const open = editToggle.getAttribute('aria-expanded') !== 'true';
          editToggle.setAttribute('aria-expanded', String(open));
          editRow.hidden = !open;
          if (open) editRow.querySelector<HTMLInputElement>('input')?.focus();
        });
      }
      row.detail.append(h('td', { colspan: COLS }, row.heading, row.list, trainingForm(row)));
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        row.detail.hidden = !open;
      });
      rows.set(e.id, row);
      updateRow(row);
      body.append(
        h(
          'tr',
          { 'data-login': e.login, 'data-id': e.id },
          h('th', { scope: 'row' }, name),
          h('td', { class: 'mono' }, e.login),
          h('td', { lang: 'ru', 'data-field': 'position' }, e.position || '—'),
          h('td', { lang: 'kk', 'data-field': 'position_kk' }, e.position_kk || '—'),
          h('td', {}, ...roleNodes(e.roles)),
          tr(h('td', { 'data-active': String(e.active !== false) }), e.active === false ? 'staff.inactive' : 'staff.active'),
          h('td', {}, h('div', { class: 'trainings-cell' }, row.r16Cell, toggle)),
          h('td', {}, row.editToggle ?? ''),
        ),
        row.detail,
        row.editRow ?? '',
      );
    }
    const col = (key: MessageKey) => tr(h('th', { scope: 'col' }), key);
    box.replaceChildren(
      scrollBox(
        h(
          'table',
          { class: 'data-table', 'data-table': 'staff' },
          tr(h('caption'), 'staff.caption', { n: staff.length }),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              col('staff.col.name'),
              col('staff.col.login'),
              col('staff.col.position'),
              col('staff.col.position_kk'),
              col('staff.col.roles'),
              col('staff.col.active'),
              col('staff.col.trainings'),
              col('staff.col.actions'),
            ),
          ),
          body,
        ),
      ),
    );
  };

  listEmployees()
    .then(async (list) => {
      staff = list.sort((a, b) => (a.full_name || fullName(a)).localeCompare(b.full_name || fullName(b), 'kk'));
      box.removeAttribute('aria-busy');
      build();
      await eachLimited(staff, 6, async (e) => {
        try {
          trainings.set(e.id, await listTrainings(e.id));
        } catch {
          trainings.set(e.id, 'error');
        }
        const row = rows.get(e.id);
        if (row) updateRow(row);
      });
      loaded = true;
      updateSummary();
    })
    .catch((e: unknown) => {
      box.removeAttribute('aria-busy');
      box.replaceChildren();
      showError(error, errorKey(e));
    });
  onViewLang(() => {
    for (const row of rows.values()) {
      updateRow(row);
      row.editToggle?.setAttribute('aria-label', t('staff.edit_aria', { name: row.name }));
    }
  });

  return [
    tr(h('h1', { tabindex: '-1' }), 'staff.heading'),
    tr(h('p', { class: 'lead' }), 'staff.intro'),
    error,
    summary,
    box,
  ];
}
