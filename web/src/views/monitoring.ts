// Monitoring of the branch's flow of documents (#/monitoring, R22, R33, R34, R18.8): the
// applications late at the provider or for issue and those due soon, with the share done on
// time; the packages that missed the day's dispatches (R33: at least twice on the day of
// acceptance); the branch's dispatch rounds (the manager edits them); the packages not
// collected on time (R22). The collection sector may read it all.

import { ApiError, type Employee } from '../api';
import {
  getDeadlines,
  getDispatchRounds,
  listMissedDispatches,
  putDispatchRounds,
  type DeadlineItem,
  type Deadlines,
  type MissedDispatch,
} from '../movement_api';
import { tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, noticeBox, onViewLang, setInvalid, showError, todayIso } from '../ui';
import {
  acceptedTable,
  branchViewFrame,
  codeEl,
  dataTable,
  dateEl,
  failIn,
  has,
  loader,
  note,
  sectionWith,
  stageEl,
  uncollectedSection,
} from './movement';

export const MONITORING_ROLES = ['branch_manager', 'collection'];
const EDITORS = ['branch_manager'];
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function monitoringView(user: Employee): Node[] {
  const frame = branchViewFrame(user, 'monitoring.heading', 'monitoring.intro');
  if (frame.branchId === null) return frame.nodes;
  const { nodes, branchId, alive } = frame;
  const editor = has(user, EDITORS);

  // ---- deadlines ----
  const dlSec = sectionWith('monitoring.deadlines.heading');
  dlSec.section.dataset.section = 'deadlines';
  const dlError = alertBox();
  const providerId = uid('provider');
  const provider = h('input', { id: providerId, name: 'provider_code', type: 'text', maxlength: 16, autocomplete: 'off', spellcheck: 'false' });
  const dlShow = tr(h('button', { type: 'submit', class: 'button button--secondary' }), 'monitoring.deadlines.show');
  const dlForm = h(
    'form',
    { class: 'form-row', novalidate: true, 'data-form': 'deadlines' },
    h('div', { class: 'field' }, tr(h('label', { for: providerId }), 'monitoring.deadlines.provider'), provider),
    h('div', { class: 'actions' }, dlShow),
  );
  const dlBox = h('div', { 'data-list': 'deadlines' });
  dlSec.section.append(dlForm, dlError, dlBox);
  nodes.push(dlSec.section);

  const deadlineColumns = [
    { head: 'register.col.barcode' as MessageKey, cell: (d: DeadlineItem) => h('span', { class: 'barcode' }, d.barcode), field: 'barcode', rowHeader: true },
    { head: 'register.col.service' as MessageKey, cell: (d: DeadlineItem) => h('span', { class: 'mono' }, d.service_code), field: 'service' },
    { head: 'register.col.provider' as MessageKey, cell: (d: DeadlineItem) => d.provider_code, field: 'provider' },
    { head: 'monitoring.col.stage' as MessageKey, cell: (d: DeadlineItem) => stageEl(d.stage), field: 'stage' },
    { head: 'register.col.deadline' as MessageKey, cell: (d: DeadlineItem) => dateEl(d.provider_deadline), field: 'deadline' },
    { head: 'monitoring.col.issue_date' as MessageKey, cell: (d: DeadlineItem) => dateEl(d.issue_date), field: 'issue_date' },
    { head: 'monitoring.col.reason' as MessageKey, cell: (d: DeadlineItem) => codeEl('monitoring.reason', d.reason), field: 'reason' },
  ];
  let deadlines: Deadlines | null = null;
  const renderDeadlines = () => {
    if (!deadlines) return;
    const { done, on_time } = deadlines.on_time;
    const share = done ? Math.round((on_time * 100) / done) : 100;
    dlBox.replaceChildren(
      h(
        'p',
        { class: 'status', 'data-field': 'on-time' },
        done ? tr(h('span'), 'monitoring.on_time', { on_time, done, share }) : tr(h('span'), 'monitoring.on_time_none'),
      ),
      deadlines.late.length
        ? dataTable<DeadlineItem>('monitoring.late.caption', deadlineColumns, deadlines.late, (d) => ({ 'data-barcode': d.barcode, 'data-kind': 'late' }), { n: deadlines.late.length })
        : note('monitoring.late.none', 'no-late'),
      deadlines.due_soon.length
        ? dataTable<DeadlineItem>('monitoring.due_soon.caption', deadlineColumns, deadlines.due_soon, (d) => ({ 'data-barcode': d.barcode, 'data-kind': 'due-soon' }), { n: deadlines.due_soon.length })
        : note('monitoring.due_soon.none', 'no-due-soon'),
    );
  };
  const loadDeadlines = loader(
    dlError,
    alive,
    () => getDeadlines(branchId, provider.value.trim().toUpperCase() || undefined),
    (d) => {
      deadlines = d;
      renderDeadlines();
    },
  );
  dlForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void loadDeadlines();
  });

  // ---- missed dispatches ----
  const mdSec = sectionWith('monitoring.missed.heading');
  mdSec.section.dataset.section = 'missed';
  const mdError = alertBox();
  const dateId = uid('missed-date');
  const date = h('input', { id: dateId, name: 'date', type: 'date', value: todayIso(), required: true });
  const mdShow = tr(h('button', { type: 'submit', class: 'button button--secondary' }), 'monitoring.missed.show');
  const mdForm = h(
    'form',
    { class: 'form-row', novalidate: true, 'data-form': 'missed' },
    h('div', { class: 'field' }, tr(h('label', { for: dateId }), 'monitoring.missed.date'), date),
    h('div', { class: 'actions' }, mdShow),
  );
  const mdBox = h('div', { 'data-list': 'missed' });
  mdSec.section.append(tr(h('p', { class: 'hint' }), 'monitoring.missed.hint'), mdForm, mdError, mdBox);
  nodes.push(mdSec.section);
  let missed: MissedDispatch[] | null = null;
  const renderMissed = () => {
    if (!missed) return;
    mdBox.replaceChildren(missed.length ? acceptedTable('monitoring.missed.caption', missed) : note('monitoring.missed.none', 'no-missed'));
  };
  // The box is emptied before the date is checked, not again for the fetch.
  const fetchMissed = loader(
    mdError,
    alive,
    () => listMissedDispatches(branchId, date.value),
    (m) => {
      missed = m;
      renderMissed();
    },
    false,
  );
  const loadMissed = async () => {
    showError(mdError, null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      setInvalid(date, true);
      showError(mdError, 'issuance.date_invalid');
      date.focus();
      return;
    }
    setInvalid(date, false);
    await fetchMissed();
  };
  mdForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void loadMissed();
  });

  // ---- dispatch rounds ----
  const rdSec = sectionWith('monitoring.rounds.heading');
  rdSec.section.dataset.section = 'rounds';
  const rdError = alertBox();
  rdError.id = uid('rounds-error');
  rdError.dataset.field = 'rounds-error';
  const rdNotice = noticeBox();
  rdNotice.dataset.field = 'rounds-notice';
  const rdBox = h('div', { 'data-list': 'rounds' });
  rdSec.section.append(tr(h('p', { class: 'hint' }), 'monitoring.rounds.hint'), rdError, rdNotice, rdBox);
  nodes.push(rdSec.section);
  let rounds: string[] | null = null;
  const renderRounds = (focusLast = false) => {
    if (!rounds) return;
    const r = rounds;
    if (!editor) {
      rdBox.replaceChildren(
        r.length ? h('ul', { class: 'rounds' }, ...r.map((t) => h('li', { 'data-round': t }, h('time', {}, t)))) : note('monitoring.rounds.none', 'no-rounds'),
      );
      return;
    }
    const items = r.map((t, i) => {
      const id = uid('round');
      const input = h('input', { id, name: 'round', type: 'time', value: t, required: true, 'aria-describedby': rdError.id });
      input.addEventListener('input', () => {
        r[i] = input.value;
        setInvalid(input, false);
      });
      const remove = tr(h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'remove-round' }), 'monitoring.rounds.remove', { n: i + 1 });
      remove.addEventListener('click', () => {
        r.splice(i, 1);
        renderRounds();
        rdBox.querySelector<HTMLElement>('[data-action="add-round"]')?.focus();
      });
      return h('li', { class: 'desk-inline' }, h('div', { class: 'field' }, tr(h('label', { for: id }), 'monitoring.rounds.label', { n: i + 1 }), input), remove);
    });
    const add = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'add-round' }), 'monitoring.rounds.add');
    add.addEventListener('click', () => {
      r.push('');
      renderRounds(true);
    });
    const save = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'save-rounds' }), 'monitoring.rounds.save');
    const form = h('form', { novalidate: true, 'data-form': 'rounds', 'aria-labelledby': rdSec.heading.id }, h('ol', { class: 'rounds' }, ...items), h('div', { class: 'actions' }, add, save));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      showError(rdError, null);
      showError(rdNotice, null);
      const inputs = [...form.querySelectorAll<HTMLInputElement>('input[name="round"]')];
      const bad = inputs.find((x) => !TIME_RE.test(x.value));
      if (bad) {
        setInvalid(bad, true);
        showError(rdError, 'monitoring.rounds.invalid');
        bad.focus();
        return;
      }
      // How many rounds a day are enough (R33: at least two) is the server's rule: its
      // refusal (422 too_few_rounds) is shown with its code.
      delete rdError.dataset.code;
      save.disabled = true;
      try {
        rounds = await putDispatchRounds(branchId, [...r].sort());
        renderRounds();
        tr(rdNotice, 'monitoring.rounds.saved', { rounds: (rounds ?? []).join(', ') });
      } catch (e) {
        failIn(rdError, e);
        if (e instanceof ApiError) rdError.dataset.code = e.code;
        save.disabled = false;
        if (e instanceof ApiError && e.code === 'too_few_rounds') add.focus();
      }
    });
    rdBox.replaceChildren(form);
    if (focusLast) inputs(form).at(-1)?.focus();
  };
  const inputs = (root: HTMLElement) => [...root.querySelectorAll<HTMLInputElement>('input[name="round"]')];
  const loadRounds = loader(
    rdError,
    alive,
    () => getDispatchRounds(branchId),
    (r) => {
      rounds = r;
      renderRounds();
    },
    false,
  );

  // ---- uncollected ----
  const unc = uncollectedSection(branchId, alive);
  nodes.push(unc.section);

  onViewLang(() => {
    renderDeadlines();
    renderMissed();
    unc.render();
  });
  void loadDeadlines();
  void loadMissed();
  void loadRounds();
  void unc.load();
  return nodes;
}
