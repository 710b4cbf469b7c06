// Administration: catalog import (#/admin/import, admin) and the staff list
// (#/admin/staff, admin and branch manager).

import { ApiError, importCatalog, listEmployees, type Employee } from '../api';
import { t, tr } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, errorKey, fullName, onViewLang, roleNodes, setTitle, showError } from '../ui';

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

export function staffView(): Node[] {
  setTitle('title.staff');
  const error = alertBox();
  const box = h('div', { class: 'staff', 'aria-busy': 'true' }, tr(h('p'), 'app.loading'));
  let staff: Employee[] | null = null;

  const render = () => {
    if (!staff) return;
    box.replaceChildren(
      h(
        'table',
        { class: 'data-table', 'data-table': 'staff' },
        h('caption', {}, t('staff.caption', { n: staff.length })),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('staff.col.name')),
            h('th', { scope: 'col' }, t('staff.col.login')),
            h('th', { scope: 'col' }, t('staff.col.position')),
            h('th', { scope: 'col' }, t('staff.col.roles')),
            h('th', { scope: 'col' }, t('staff.col.active')),
          ),
        ),
        h(
          'tbody',
          {},
          ...staff.map((e) =>
            h(
              'tr',
              { 'data-login': e.login },
              h('th', { scope: 'row' }, e.full_name || fullName(e)),
              h('td', { class: 'mono' }, e.login),
              h('td', {}, e.position ?? '—'),
              h('td', {}, ...roleNodes(e.roles)),
              h(
                'td',
                { 'data-active': String(e.active !== false) },
                t(e.active === false ? 'staff.inactive' : 'staff.active'),
              ),
            ),
          ),
        ),
      ),
    );
  };

  listEmployees()
    .then((list) => {
      staff = list.sort((a, b) => (a.full_name || fullName(a)).localeCompare(b.full_name || fullName(b), 'kk'));
      box.removeAttribute('aria-busy');
      render();
    })
    .catch((e: unknown) => {
      box.removeAttribute('aria-busy');
      box.replaceChildren();
      showError(error, errorKey(e));
    });
  onViewLang(render);

  return [tr(h('h1', { tabindex: '-1' }), 'staff.heading'), error, box];
}
