// The provider's officer (#/provider, R33, R34, R36): the registers the centers sent are
// acknowledged (the second copy goes back with the acceptance mark); the results — or the
// reasoned refusals — go back to a center with a register of their own: each package is added
// by scanning its barcode (the scanner types the digits and Enter), with its outcome and form.

import { listBranches, type Branch, type Employee } from '../api';
import {
  acknowledgeRegister,
  listRegisters,
  sendResults,
  type Outcome,
  type Register,
  type ResultForm,
  type ResultItem,
} from '../movement_api';
import { tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, noticeBox, onViewLang, pick, setInvalid, showApiError, showError } from '../ui';
import { listReports, type ReportSummary } from '../reports_api';
import { monthField, reportColumns, reportNumber, reportPanel, setDefaultMonth } from './reports';
import {
  actionButton,
  dataTable,
  failIn,
  instantText,
  loader,
  newestFirst,
  note,
  refreshButton,
  registerCol,
  registerPdfLinks,
  registerRow,
  registerStatusEl,
  scanField,
  sectionWith,
  viewFrame,
  type Column,
} from './movement';
import { checkBarcode } from './track';

export const PROVIDER_ROLES = ['provider_officer'];

interface Line {
  barcode: string;
  outcome: Outcome;
  form: ResultForm;
  reason: string;
}

export function providerView(_user: Employee): Node[] {
  const { nodes, alive } = viewFrame('provider.heading', 'provider.intro');
  const branches = new Map<number, Branch>();
  const branchName = (id: number) => {
    const b = branches.get(id);
    return b ? `${pick(b.name).text || b.code} (${b.code})` : `#${id}`;
  };
  /** The columns of the registers exchanged with the centers (sent to the provider or by it). */
  const exchangeColumns: Column<Register>[] = [
    registerCol.number,
    { head: 'register.col.branch', cell: (r) => branchName(r.branch_id), field: 'branch' },
    registerCol.status,
    registerCol.lines,
    registerCol.dispatchedAt,
    registerCol.print,
  ];

  // ---- incoming registers ----
  const inSec = sectionWith('provider.incoming.heading');
  inSec.section.dataset.section = 'incoming';
  const inError = alertBox();
  const inNotice = noticeBox();
  inNotice.dataset.field = 'incoming-notice';
  const inBox = h('div', { 'data-list': 'incoming' });
  const inRefresh = refreshButton('provider.incoming.refresh');
  inSec.section.append(inError, inNotice, h('div', { class: 'actions' }, inRefresh), inBox);
  nodes.push(inSec.section);

  let incoming: Register[] | null = null;
  const renderIncoming = () => {
    if (!incoming) return;
    const shown = incoming.filter((r) => r.status === 'dispatched' || r.status === 'acknowledged');
    inBox.replaceChildren(
      shown.length
        ? dataTable<Register>(
            'provider.incoming.caption',
            [
              ...exchangeColumns,
              {
                head: 'register.col.actions',
                cell: (r) => {
                  if (r.status !== 'dispatched') return instantText(r.acknowledged_at);
                  const b = actionButton('provider.acknowledge', 'acknowledge', { number: r.number }, true);
                  b.addEventListener('click', async () => {
                    b.disabled = true;
                    showError(inError, null);
                    showError(inNotice, null);
                    try {
                      const done = await acknowledgeRegister(r.id);
                      tr(inNotice, 'provider.acknowledged', { number: done.number, n: done.line_count });
                      await loadIncoming();
                      inSec.heading.focus();
                    } catch (e) {
                      failIn(inError, e);
                      b.disabled = false;
                    }
                  });
                  return b;
                },
              },
            ],
            shown,
            registerRow,
          )
        : note('provider.incoming.none', 'no-incoming'),
    );
  };
  const loadIncoming = loader(
    inError,
    alive,
    () => listRegisters({ kind: 'outgoing' }),
    (all) => {
      const sorted = newestFirst(all);
      incoming = sorted;
      for (const r of sorted) addBranchOption(r.branch_id);
      // The branch the latest register came from, unless one was chosen.
      const latest = sorted[0];
      if (latest && !branchChosen) branchSelect.value = String(latest.branch_id);
      renderIncoming();
    },
  );
  inRefresh.addEventListener('click', () => void loadIncoming());

  // ---- the results register ----
  const resSec = sectionWith('provider.results.heading');
  resSec.section.dataset.section = 'results';
  const resError = alertBox();
  resError.id = uid('results-error');
  const resNotice = noticeBox();
  resNotice.dataset.field = 'results-notice';
  const branchId = uid('results-branch');
  const branchSelect = h('select', { id: branchId, name: 'branch_id', 'aria-describedby': resError.id });
  let branchChosen = false;
  branchSelect.addEventListener('change', () => {
    branchChosen = true;
  });
  const addBranchOption = (id: number) => {
    if (branchSelect.querySelector(`option[value="${id}"]`)) return;
    const opt = h('option', { value: String(id) }, branchName(id));
    branchSelect.append(opt);
  };
  const renderBranchOptions = () => {
    for (const opt of branchSelect.options) opt.textContent = branchName(Number(opt.value));
  };
  const lines: Line[] = [];
  const linesBox = h('div', { 'data-list': 'result-lines' });
  const lineStatus = h('p', { class: 'visually-hidden', role: 'status', 'data-field': 'line-status' });
  const created = h('div', { 'data-field': 'created' });
  const send = tr(h('button', { type: 'button', class: 'button button--primary', 'data-action': 'send-results' }), 'provider.results.send');

  const scan = scanField('provider.results.field', 'provider.results.field_hint', async (code) => {
    showError(resError, null);
    const check = checkBarcode(code);
    if (check !== 'ok') {
      showError(resError, check === 'misread' ? 'scan.error.barcode_misread' : 'scan.error.barcode_invalid');
      tr(lineStatus, check === 'misread' ? 'scan.error.barcode_misread' : 'scan.error.barcode_invalid');
      return;
    }
    if (lines.some((l) => l.barcode === code)) {
      tr(lineStatus, 'provider.results.already', { barcode: code });
      showError(resError, 'provider.results.already', { barcode: code });
      return;
    }
    lines.push({ barcode: code, outcome: 'result', form: 'paper', reason: '' });
    renderLines();
    tr(lineStatus, 'provider.results.added', { barcode: code, n: lines.length });
  });

  const renderLines = (focusBarcode?: string) => {
    if (!lines.length) {
      linesBox.replaceChildren(note('provider.results.empty', 'no-lines'));
      return;
    }
    const rows = lines.map((l, i) => {
      const outcomeId = uid('outcome');
      const formId = uid('form');
      const reasonId = uid('reason');
      const outcome = h(
        'select',
        { id: outcomeId, name: 'outcome' },
        ...(['result', 'refusal'] as Outcome[]).map((o) => tr(h('option', { value: o, selected: l.outcome === o }), `outcome.${o}` as MessageKey)),
      );
      const form = h(
        'select',
        { id: formId, name: 'form' },
        ...(['paper', 'electronic'] as ResultForm[]).map((f) => tr(h('option', { value: f, selected: l.form === f }), `provider.form.${f}` as MessageKey)),
      );
      const reason = h('input', { id: reasonId, name: 'reason', type: 'text', maxlength: 500, value: l.reason, autocomplete: 'off' });
      const reasonField = h('div', { class: 'field' }, tr(h('label', { for: reasonId }), 'provider.results.reason', { barcode: l.barcode }), reason);
      reasonField.hidden = l.outcome !== 'refusal';
      outcome.addEventListener('change', () => {
        l.outcome = outcome.value as Outcome;
        reasonField.hidden = l.outcome !== 'refusal';
      });
      form.addEventListener('change', () => {
        l.form = form.value as ResultForm;
      });
      reason.addEventListener('input', () => {
        l.reason = reason.value;
        setInvalid(reason, false);
      });
      const remove = actionButton('provider.results.remove', 'remove', { barcode: l.barcode });
      remove.addEventListener('click', () => {
        lines.splice(i, 1);
        renderLines();
        tr(lineStatus, 'provider.results.removed', { barcode: l.barcode });
        scan.focus();
      });
      return h(
        'li',
        { class: 'result-line', 'data-barcode': l.barcode },
        h('span', { class: 'barcode result-line__barcode' }, l.barcode),
        h(
          'div',
          { class: 'form-row' },
          h('div', { class: 'field' }, tr(h('label', { for: outcomeId }), 'provider.results.outcome', { barcode: l.barcode }), outcome),
          h('div', { class: 'field' }, tr(h('label', { for: formId }), 'provider.results.form', { barcode: l.barcode }), form),
          reasonField,
        ),
        h('div', { class: 'actions' }, remove),
      );
    });
    const listId = uid('lines');
    linesBox.replaceChildren(
      tr(h('h3', { id: listId }), 'provider.results.lines', { n: lines.length }),
      h('ol', { class: 'result-lines', 'aria-labelledby': listId }, ...rows),
    );
    if (focusBarcode) linesBox.querySelector<HTMLElement>(`[data-barcode="${focusBarcode}"] input[name="reason"]`)?.focus();
  };

  send.addEventListener('click', async () => {
    showError(resError, null);
    showError(resNotice, null);
    if (!lines.length) {
      showError(resError, 'provider.results.empty');
      scan.focus();
      return;
    }
    const noReason = lines.find((l) => l.outcome === 'refusal' && !l.reason.trim());
    if (noReason) {
      showError(resError, 'provider.results.reason_required', { barcode: noReason.barcode });
      const input = linesBox.querySelector<HTMLInputElement>(`[data-barcode="${noReason.barcode}"] input[name="reason"]`);
      if (input) {
        setInvalid(input, true);
        input.focus();
      }
      return;
    }
    if (!branchSelect.value) {
      showError(resError, 'provider.results.branch_required');
      branchSelect.focus();
      return;
    }
    send.disabled = true;
    try {
      const items: ResultItem[] = lines.map((l) =>
        l.outcome === 'refusal' ? { barcode: l.barcode, outcome: l.outcome, form: l.form, reason: l.reason.trim() } : { barcode: l.barcode, outcome: l.outcome, form: l.form },
      );
      const r = await sendResults(Number(branchSelect.value), items);
      lines.length = 0;
      renderLines();
      showCreated(r);
      void loadSent();
    } catch (e) {
      failIn(resError, e);
      send.focus();
    } finally {
      send.disabled = false;
    }
  });

  const showCreated = (r: Register) => {
    const headingId = uid('created');
    created.replaceChildren(
      h(
        'section',
        { class: 'desk-outcome desk-outcome--accepted', 'aria-labelledby': headingId, 'data-register': String(r.id) },
        tr(h('h3', { id: headingId, tabindex: '-1' }), 'provider.results.created', { number: r.number }),
        h(
          'dl',
          { class: 'profile' },
          h('div', { class: 'profile__row' }, tr(h('dt'), 'register.col.barcode'), h('dd', { class: 'barcode', 'data-field': 'barcode' }, r.barcode)),
          h('div', { class: 'profile__row' }, tr(h('dt'), 'register.col.branch'), h('dd', {}, branchName(r.branch_id))),
          h('div', { class: 'profile__row' }, tr(h('dt'), 'register.col.lines'), h('dd', { 'data-field': 'lines' }, String(r.line_count))),
          h('div', { class: 'profile__row' }, tr(h('dt'), 'register.col.status'), h('dd', {}, registerStatusEl(r.status))),
        ),
        h('div', { class: 'actions' }, registerPdfLinks(r)),
      ),
    );
    created.querySelector<HTMLElement>('h3')?.focus();
  };

  resSec.section.append(
    tr(h('p', { class: 'hint' }), 'provider.results.hint'),
    resError,
    resNotice,
    created,
    h('div', { class: 'field' }, tr(h('label', { for: branchId }), 'provider.results.branch'), branchSelect),
    scan.form,
    lineStatus,
    linesBox,
    h('div', { class: 'actions' }, send),
  );
  nodes.push(resSec.section);
  renderLines();

  // ---- results registers sent ----
  const sentSec = sectionWith('provider.sent.heading');
  sentSec.section.dataset.section = 'sent';
  const sentError = alertBox();
  const sentBox = h('div', { 'data-list': 'sent' });
  sentSec.section.append(sentError, sentBox);
  nodes.push(sentSec.section);
  let sent: Register[] | null = null;
  const renderSent = () => {
    if (!sent) return;
    sentBox.replaceChildren(
      sent.length
        ? dataTable<Register>('provider.sent.caption', exchangeColumns, sent, registerRow)
        : note('provider.sent.none', 'no-sent'),
    );
  };
  const loadSent = loader(
    sentError,
    alive,
    () => listRegisters({ kind: 'results' }),
    (all) => {
      sent = newestFirst(all);
      renderSent();
    },
    false,
  );

  // ---- monthly reports and reconciliation acts ----
  const reports = providerReportsSection(alive, (id) => branches.get(id)?.code ?? `#${id}`);
  nodes.push(reports.section);

  onViewLang(() => {
    renderIncoming();
    renderLines();
    renderSent();
    renderBranchOptions();
    reports.render();
  });

  listBranches()
    .then((all) => {
      if (!alive()) return;
      for (const b of all) branches.set(b.id, b);
      for (const b of all.filter((x) => !x.retired).sort((a, b) => a.code.localeCompare(b.code))) addBranchOption(b.id);
      renderBranchOptions();
      renderIncoming();
      renderSent();
      reports.render();
    })
    .catch(() => undefined)
    .finally(() => void loadIncoming());
  void loadSent();
  return nodes;
}

/**
 * The provider's monthly reports (R37, R38): the reports delivered to the provider for a month,
 * each opened below the list — acknowledged, its reconciliation act's discrepancies entered and
 * the act signed on the provider's side.
 */
export function providerReportsSection(alive: () => boolean, branchName: (id: number) => string): { section: HTMLElement; render: () => void } {
  const sec = sectionWith('provider.reports.heading');
  sec.section.dataset.section = 'reports';
  const error = alertBox();
  const month = monthField('reports.month');
  const show = tr(h('button', { type: 'submit', class: 'button button--secondary' }), 'reports.show');
  const form = h('form', { class: 'form-row', novalidate: true, 'data-form': 'provider-reports' }, month.field, h('div', { class: 'actions' }, show));
  const listBox = h('div', { 'data-list': 'reports' });
  const panelBox = h('div', { 'data-field': 'report-panel' });
  sec.section.append(tr(h('p', { class: 'hint' }), 'provider.reports.hint'), form, error, listBox, panelBox);
  let items: ReportSummary[] | null = null;
  let panel: { el: HTMLElement; render: () => void } | null = null;
  const open = (r: ReportSummary) => {
    panel = reportPanel(r.id, { side: 'provider', canDraw: false, canSign: true, branchName, alive, level: 'h3', onChange: () => void load() });
    panelBox.replaceChildren(panel.el);
    panel.el.querySelector<HTMLElement>('h3')?.focus();
  };
  const renderList = () => {
    if (!items) return;
    listBox.replaceChildren(
      items.length
        ? dataTable<ReportSummary>(
            'reports.list.caption',
            reportColumns((r) => {
              const b = actionButton('reports.open', 'open-report', { number: reportNumber(r, branchName) });
              b.addEventListener('click', () => open(r));
              return b;
            }),
            items,
            (r) => ({ 'data-report': String(r.id) }),
            { month: month.input.value, n: items.length },
          )
        : note('reports.list.none', 'no-reports', { month: month.input.value }),
    );
  };
  const load = async () => {
    showError(error, null);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month.input.value)) {
      setInvalid(month.input, true);
      showError(error, 'reports.month_invalid');
      return;
    }
    setInvalid(month.input, false);
    try {
      const got = await listReports({ month: month.input.value });
      if (!alive()) return;
      items = got.sort((a, b) => a.branch_id - b.branch_id);
      renderList();
    } catch (e) {
      showApiError(error, e);
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void load();
  });
  void setDefaultMonth(month.input).then(() => {
      if (alive()) void load();
    });
  return {
    section: sec.section,
    render: () => {
      renderList();
      panel?.render();
    },
  };
}
