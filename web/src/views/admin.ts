// Administration: catalog import (#/admin/import, admin) and the staff list with
// each employee's trainings and the R16 check (#/admin/staff, admin and branch manager).

import { ApiError, R16_TOPIC, addTraining, importCatalog, listEmployees, listTrainings, type Employee, type Training } from '../api';
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
}

export function staffView(): Node[] {
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

  const build = () => {
    const COLS = 6;
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
      };
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
          h('td', {}, e.position ?? '—'),
          h('td', {}, ...roleNodes(e.roles)),
          tr(h('td', { 'data-active': String(e.active !== false) }), e.active === false ? 'staff.inactive' : 'staff.active'),
          h('td', {}, h('div', { class: 'trainings-cell' }, row.r16Cell, toggle)),
        ),
        row.detail,
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
              col('staff.col.roles'),
              col('staff.col.active'),
              col('staff.col.trainings'),
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
    for (const row of rows.values()) updateRow(row);
  });

  return [
    tr(h('h1', { tabindex: '-1' }), 'staff.heading'),
    tr(h('p', { class: 'lead' }), 'staff.intro'),
    error,
    summary,
    box,
  ];
}
