// Monthly reports and reconciliation acts (#/reports, R37, R38): the month's reports of a branch
// (manager) or of the network (central office, auditor, admin) with their flags, one report's
// lines, totals, top missing documents and queue figures, its documents (PDF in Kazakh and
// Russian, XLSX, CSV), the reconciliation act — drawn by the center, discrepancies entered by
// either side before the first signature, signed by both in either order. The central office
// also generates the missing reports of an ended month, draws the central executive bodies'
// acts and downloads the quality-assessment export. The provider's officer works on the same
// report and act panel from #/provider (reportPanel with side "provider").

import { getService, listBranches, type Branch, type Employee, type Service } from '../api';
import {
  FIGURES,
  acknowledgeReport,
  actDocUrl,
  addDiscrepancy,
  centralActDocUrl,
  drawAct,
  drawCentralAct,
  generateReports,
  getAct,
  getReport,
  listCentralActs,
  listReports,
  previousMonth,
  qualityExportUrl,
  reportDocUrl,
  serverNow,
  signAct,
  type Act,
  type CentralAct,
  type DocFormat,
  type Figures,
  type Report,
  type ReportSummary,
} from '../reports_api';
import { getLang, t, tDyn, tr, type MessageKey, type Params } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, ltext, noticeBox, onViewLang, pick, setInvalid, showApiError, showError } from '../ui';
import { codeEl, dataTable, instantText, note, sectionWith, viewFrame, type Column } from './movement';

export const REPORT_ROLES = ['branch_manager', 'central_office', 'auditor', 'admin'];
const NETWORK_ROLES = ['central_office', 'auditor', 'admin'];
const CENTER_ROLES = ['branch_manager', 'central_office'];
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const CODE_RE = /^[A-Za-z0-9_.-]{1,32}$/;

const has = (user: Employee, roles: string[]) => user.roles.some((r) => roles.includes(r));
const minutes = (ms: number) => String(Math.round(ms / 6000) / 10);

/** A link that downloads a document (the session cookie goes with it). */
function docLink(href: string, key: MessageKey, link: string, params?: Params): HTMLElement {
  return tr(h('a', { href, class: 'button button--secondary button--small', 'data-link': link, download: '' }), key, params);
}

/** PDF in Kazakh and Russian, XLSX, CSV of a document. */
function docLinks(url: (format: DocFormat, lang: 'kk' | 'ru') => string, prefix: string, csv = true, labelledBy: string | null = null): HTMLElement {
  return h(
    'div',
    { class: 'actions actions--row', 'data-field': `${prefix}-documents`, role: labelledBy ? 'group' : null, 'aria-labelledby': labelledBy },
    docLink(url('pdf', 'kk'), 'reports.doc.pdf', `${prefix}-pdf-kk`, { lang: 'KZ' }),
    docLink(url('pdf', 'ru'), 'reports.doc.pdf', `${prefix}-pdf-ru`, { lang: 'RU' }),
    docLink(url('xlsx', getLangDoc()), 'reports.doc.xlsx', `${prefix}-xlsx`),
    csv ? docLink(url('csv', getLangDoc()), 'reports.doc.csv', `${prefix}-csv`) : null,
  );
}
/** The language of XLSX and CSV documents: Kazakh when the UI is in Kazakh, else Russian. */
const getLangDoc = (): 'kk' | 'ru' => (getLang() === 'kk' ? 'kk' : 'ru');

function badge(key: MessageKey, kind: 'warn' | 'ok' | '', field: string): HTMLElement {
  return tr(h('span', { class: `badge ${kind ? `badge--${kind}` : ''}`.trim(), 'data-flag': field }), key);
}

function flags(r: ReportSummary): Node {
  const out: HTMLElement[] = [];
  if (r.delivery_late) out.push(badge('reports.flag.delivery_late', 'warn', 'delivery_late'));
  if (r.act_late) out.push(badge('reports.flag.act_late', 'warn', 'act_late'));
  if (r.acknowledged_at) out.push(badge('reports.flag.acknowledged', 'ok', 'acknowledged'));
  return out.length ? h('span', { class: 'badges' }, ...out) : document.createTextNode('—');
}

export function actStatusEl(status: string): HTMLElement {
  const el = codeEl('act.status', status, { class: `badge ${status === 'signed' ? 'badge--ok' : ''}`.trim(), 'data-field': 'act-status', 'data-status': status });
  return el;
}

const figureName = (f: string) => tDyn(`reports.figure.${f}`, f);

/** The catalog's services, for their names and their documents' names (asked once each). */
const services = new Map<string, Promise<Service | null>>();
function serviceOf(code: string): Promise<Service | null> {
  let p = services.get(code);
  if (!p) {
    p = getService(code).catch(() => null);
    services.set(code, p);
  }
  return p;
}

// ---- one report and its act ------------------------------------------------------------------

export type Side = 'center' | 'provider';

export interface PanelOptions {
  side: Side;
  /** May draw the act (manager of the branch, central office). */
  canDraw: boolean;
  /** May sign and enter discrepancies (the center's signers or the provider officer). */
  canSign: boolean;
  branchName: (id: number) => string;
  alive: () => boolean;
  /** The level of the panel's own heading. */
  level: 'h1' | 'h2' | 'h3';
  /** Called after a change (acknowledged, act drawn or signed), e.g. to refresh a list. */
  onChange?: () => void;
}

const reportNumber = (r: ReportSummary, branchName: (id: number) => string) => `${branchName(r.branch_id)} / ${r.provider_code} / ${r.month}`;

/** A report's panel: it loads the report (and its act) and redraws itself on a change of language. */
export function reportPanel(id: number, o: PanelOptions): { el: HTMLElement; render: () => void } {
  const headingId = uid('report');
  const heading = h(o.level, { id: headingId, tabindex: '-1' });
  // The panel's sections are one level below its heading, the discrepancy form one more.
  const sub = o.level === 'h1' ? 'h2' : o.level === 'h2' ? 'h3' : 'h4';
  const sub2 = sub === 'h2' ? 'h3' : sub === 'h3' ? 'h4' : 'h5';
  const error = alertBox();
  const notice = noticeBox();
  notice.dataset.field = 'report-notice';
  const body = h('div', { 'data-field': 'report-body' });
  const actBox = h('div', { 'data-field': 'act-box' });
  const el = h('section', { class: 'report-panel', 'aria-labelledby': headingId, 'data-report': String(id) }, heading, error, notice, body, actBox);
  let report: Report | null = null;
  let act: Act | null = null;
  const known = new Map<string, Service>();
  const serviceLabel = (code: string): Node => {
    const sv = known.get(code);
    return sv ? h('span', {}, h('a', { href: `#/services/${code}` }, code), ' ', ltext(sv.name)) : h('a', { href: `#/services/${code}` }, code);
  };
  const docName = (service: string, code: string): string => {
    const d = known.get(service)?.documents.find((x) => x.code === code);
    return d ? pick(d.name).text || code : tDyn(`document.${code}`, code);
  };
  tr(heading, 'reports.detail.loading');

  const fig = (f: Figures, k: string) => {
    if (k === 'rating_average') return f.rating_average === null ? '—' : String(f.rating_average);
    return String((f as unknown as Record<string, number>)[k] ?? 0);
  };
  const COLS = [...FIGURES.filter((f) => f !== 'rating_sum'), 'rating_average'] as string[];

  const render = (withAct = true) => {
    if (!report) return;
    const r = report;
    tr(heading, 'reports.detail.heading', { number: reportNumber(r, o.branchName) });
    heading.dataset.reportId = String(r.id);
    const row = (key: MessageKey, value: Node | string, field: string) =>
      h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', { 'data-field': field }, value));
    const provider = r.provider_name ? `${pick(r.provider_name).text} (${r.provider_code})` : r.provider_code;
    const info = h(
      'dl',
      { class: 'profile' },
      row('reports.col.branch', o.branchName(r.branch_id), 'branch'),
      row('reports.col.provider', provider, 'provider'),
      row('reports.col.unit', r.provider_unit_name ? pick(r.provider_unit_name).text : '—', 'unit'),
      row('reports.col.month', r.month, 'month'),
      row('reports.col.delivered_at', instantText(r.delivered_at), 'delivered_at'),
      row('reports.col.acknowledged_at', instantText(r.acknowledged_at), 'acknowledged_at'),
      row('reports.col.flags', flags(r), 'flags'),
    );
    // The lines: a row per service, the totals in the foot.
    const table = h(
      'table',
      { class: 'data-table', 'data-table': 'lines' },
      tr(h('caption'), 'reports.lines.caption', { n: r.lines.length }),
      h('thead', {}, h('tr', {}, tr(h('th', { scope: 'col' }), 'reports.col.service'), ...COLS.map((c) => h('th', { scope: 'col' }, figureName(c))))),
      h(
        'tbody',
        {},
        ...r.lines.map((l) =>
          h(
            'tr',
            { 'data-service': l.service_code },
            h('th', { scope: 'row' }, serviceLabel(l.service_code)),
            ...COLS.map((c) => h('td', { 'data-field': c }, fig(l.figures, c))),
          ),
        ),
      ),
      h(
        'tfoot',
        {},
        h(
          'tr',
          { 'data-row': 'totals' },
          tr(h('th', { scope: 'row' }), 'reports.totals'),
          ...COLS.map((c) => h('td', { 'data-field': c }, fig(r.totals, c))),
        ),
      ),
    );
    const caption = table.querySelector('caption');
    if (caption) caption.id = uid('caption');
    const missing = r.lines.filter((l) => l.top_missing_documents.length);
    const q = r.queue;
    const qRow = (key: MessageKey, v: string, field: string) => row(key, v, field);
    const ackButton =
      o.side === 'provider' && o.canSign && !r.acknowledged_at
        ? tr(h('button', { type: 'button', class: 'button button--primary', 'data-action': 'acknowledge' }), 'reports.acknowledge')
        : null;
    ackButton?.addEventListener('click', async () => {
      ackButton.disabled = true;
      showError(error, null);
      try {
        report = await acknowledgeReport(r.id);
        tr(notice, 'reports.acknowledged');
        render();
        o.onChange?.();
      } catch (e) {
        showApiError(error, e);
        ackButton.disabled = false;
      }
    });
    body.replaceChildren(
      info,
      h('div', { class: 'table-scroll', role: 'region', tabindex: '0', 'aria-labelledby': caption?.id ?? null }, table),
      tr(h(sub), 'reports.missing.heading'),
      missing.length
        ? h(
            'ul',
            { 'data-list': 'missing' },
            ...missing.map((l) =>
              h(
                'li',
                { 'data-service': l.service_code },
                serviceLabel(l.service_code),
                ': ',
                l.top_missing_documents.map((d) => `${docName(l.service_code, d.code)} (${d.count})`).join(', '),
              ),
            ),
          )
        : note('reports.missing.none', 'no-missing'),
      tr(h(sub), 'reports.queue.heading'),
      h(
        'dl',
        { class: 'profile', 'data-list': 'queue' },
        qRow('reports.queue.tickets', String(q.tickets), 'tickets'),
        qRow('reports.queue.called', String(q.called), 'called'),
        qRow('reports.queue.wait_mean', q.called ? minutes(q.wait_sum_ms / q.called) : '—', 'wait_mean'),
        qRow('reports.queue.wait_max', minutes(q.wait_max_ms), 'wait_max'),
        qRow('reports.queue.over_15', String(q.waited_over_15_min), 'waited_over_15_min'),
      ),
      tr(h(sub), 'reports.documents.heading'),
      docLinks((f, lang) => reportDocUrl(r.id, f, lang), 'report'),
      ackButton ? h('div', { class: 'actions' }, ackButton) : '',
    );
    if (withAct) renderAct();
    else {
      // Only the service names in the discrepancy form: what is typed there is kept.
      for (const opt of actBox.querySelectorAll<HTMLOptionElement>('select[name="service_code"] option')) {
        const sv = known.get(opt.value);
        if (sv) opt.textContent = `${opt.value} — ${pick(sv.name).text}`;
      }
    }
  };

  const renderAct = () => {
    if (!report) return;
    const r = report;
    const secId = uid('act');
    if (!act) {
      const parts: (Node | null)[] = [tr(h(sub, { id: secId, tabindex: '-1' }), 'act.heading'), note(r.act ? 'act.loading' : 'act.none', 'no-act')];
      if (!r.act && o.canDraw) {
        const draw = tr(h('button', { type: 'button', class: 'button button--primary', 'data-action': 'draw-act' }), 'act.draw');
        draw.addEventListener('click', async () => {
          draw.disabled = true;
          showError(error, null);
          try {
            act = await drawAct(r.id);
            report = { ...r, act: { id: act.id, status: act.status } };
            tr(notice, 'act.drawn');
            render();
            actBox.querySelector<HTMLElement>(sub)?.focus();
            o.onChange?.();
          } catch (e) {
            showApiError(error, e);
            draw.disabled = false;
          }
        });
        parts.push(h('div', { class: 'actions' }, draw));
      }
      actBox.replaceChildren(h('section', { class: 'act-section', 'aria-labelledby': secId, 'data-section': 'act' }, ...parts));
      return;
    }
    const a = act;
    const actError = alertBox();
    actError.id = uid('act-error');
    const docsId = uid('act-docs');
    const actNotice = noticeBox();
    actNotice.dataset.field = 'act-notice';
    const row = (key: MessageKey, value: Node | string, field: string) =>
      h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', { 'data-field': field }, value));
    const signed = (at: string | null) => (at ? instantText(at) : tr(h('span'), 'act.not_signed'));
    const discrepancies = a.discrepancies.length
      ? dataTable(
          'act.discrepancies.caption',
          [
            { head: 'reports.col.service', cell: (d) => d.service_code, field: 'service', rowHeader: true },
            { head: 'act.col.figure', cell: (d) => figureName(d.figure), field: 'figure' },
            { head: 'act.col.center_value', cell: (d) => String(d.center_value), field: 'center_value' },
            { head: 'act.col.provider_value', cell: (d) => String(d.provider_value), field: 'provider_value' },
            { head: 'act.col.comment', cell: (d) => d.comment || '—', field: 'comment' },
            { head: 'act.col.side', cell: (d) => tr(h('span'), d.side === 'provider' ? 'act.side.provider' : 'act.side.center'), field: 'side' },
          ] as Column<Act['discrepancies'][number]>[],
          a.discrepancies,
          (d) => ({ 'data-discrepancy': String(d.id) }),
          { n: a.discrepancies.length },
        )
      : note('act.discrepancies.none', 'no-discrepancies');

    let form: HTMLElement | null = null;
    let sign: HTMLButtonElement | null = null;
    if (o.canSign) {
      const serviceId = uid('disc-service');
      const figureId = uid('disc-figure');
      const valueId = uid('disc-value');
      const commentId = uid('disc-comment');
      const service = h('select', { id: serviceId, name: 'service_code', 'aria-describedby': actError.id }, ...a.report.lines.map((l) => {
        const sv = known.get(l.service_code);
        return h('option', { value: l.service_code }, sv ? `${l.service_code} — ${pick(sv.name).text}` : l.service_code);
      }));
      const figure = h('select', { id: figureId, name: 'figure', 'aria-describedby': actError.id }, ...FIGURES.map((f) => h('option', { value: f }, figureName(f))));
      const value = h('input', { id: valueId, name: 'provider_value', type: 'number', min: 0, step: 1, inputmode: 'numeric', required: true, 'aria-describedby': actError.id });
      const comment = h('input', { id: commentId, name: 'comment', type: 'text', maxlength: 500, autocomplete: 'off' });
      const submit = tr(h('button', { type: 'submit', class: 'button button--secondary', 'data-action': 'add-discrepancy' }), 'act.discrepancy.add');
      const formHeadingId = uid('disc-heading');
      form = h(
        'form',
        { novalidate: true, 'aria-labelledby': formHeadingId, 'data-form': 'discrepancy' },
        tr(h(sub2, { id: formHeadingId }), 'act.discrepancy.heading'),
        tr(h('p', { class: 'hint' }), 'act.discrepancy.hint'),
        h(
          'div',
          { class: 'form-row' },
          h('div', { class: 'field' }, tr(h('label', { for: serviceId }), 'act.discrepancy.service'), service),
          h('div', { class: 'field' }, tr(h('label', { for: figureId }), 'act.discrepancy.figure'), figure),
          h('div', { class: 'field' }, tr(h('label', { for: valueId }), 'act.discrepancy.value'), value),
          h('div', { class: 'field' }, tr(h('label', { for: commentId }), 'act.discrepancy.comment'), comment),
        ),
        h('div', { class: 'actions' }, submit),
      );
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        showError(actError, null);
        const v = value.value.trim();
        if (!/^\d{1,9}$/.test(v)) {
          setInvalid(value, true);
          showError(actError, 'act.discrepancy.value_invalid');
          value.focus();
          return;
        }
        setInvalid(value, false);
        submit.disabled = true;
        try {
          const c = comment.value.trim();
          act = await addDiscrepancy(a.id, { service_code: service.value, figure: figure.value, provider_value: Number(v), ...(c ? { comment: c } : {}) });
          renderAct();
          const n = actBox.querySelector<HTMLElement>('[data-field="act-notice"]');
          if (n) tr(n, 'act.discrepancy.added');
        } catch (e) {
          showApiError(actError, e);
          submit.disabled = false;
        }
      });
      const mine = o.side === 'provider' ? a.provider_signed_at : a.center_signed_at;
      if (!mine) {
        sign = tr(h('button', { type: 'button', class: 'button button--primary', 'data-action': 'sign-act' }), o.side === 'provider' ? 'act.sign.provider' : 'act.sign.center');
        sign.addEventListener('click', async () => {
          if (!sign) return;
          sign.disabled = true;
          showError(actError, null);
          try {
            act = await signAct(a.id);
            report = { ...report!, act: { id: act.id, status: act.status } };
            renderAct();
            const n = actBox.querySelector<HTMLElement>('[data-field="act-notice"]');
            if (n) tr(n, 'act.signed_notice');
            actBox.querySelector<HTMLElement>(sub)?.focus();
            o.onChange?.();
          } catch (e) {
            showApiError(actError, e);
            sign.disabled = false;
          }
        });
      }
    }
    actBox.replaceChildren(
      h(
        'section',
        { class: 'act-section', 'aria-labelledby': secId, 'data-section': 'act', 'data-act': String(a.id) },
        tr(h(sub, { id: secId, tabindex: '-1' }), 'act.heading_n', { id: a.id }),
        actError,
        actNotice,
        h(
          'dl',
          { class: 'profile' },
          row('act.col.status', actStatusEl(a.status), 'status'),
          row('act.col.drawn_at', instantText(a.drawn_at), 'drawn_at'),
          row('act.col.center_signed', signed(a.center_signed_at), 'center_signed_at'),
          row('act.col.provider_signed', signed(a.provider_signed_at), 'provider_signed_at'),
        ),
        discrepancies,
        tr(h('p', { id: docsId, class: 'field-label' }), 'act.documents'),
        docLinks((f, lang) => actDocUrl(a.id, f, lang), 'act', true, docsId),
        form ?? '',
        sign ? h('div', { class: 'actions' }, sign) : '',
      ),
    );
  };

  void (async () => {
    try {
      const r = await getReport(id);
      if (!o.alive()) return;
      report = r;
      if (r.act) {
        try {
          act = await getAct(r.act.id);
        } catch (e) {
          showApiError(error, e);
        }
      }
      if (!o.alive()) return;
      render();
      // The services' names arrive later: the panel is drawn again with them.
      const got = await Promise.all(r.lines.map((l) => serviceOf(l.service_code)));
      for (const sv of got) if (sv) known.set(sv.code, sv);
      if (o.alive() && got.some(Boolean)) render(false);
    } catch (e) {
      if (!o.alive()) return;
      tr(heading, 'reports.detail.failed');
      showApiError(error, e);
    }
  })();
  return { el, render: () => render() };
}

// ---- the list -------------------------------------------------------------------------------------

export function reportColumns(open: (r: ReportSummary) => Node): Column<ReportSummary>[] {
  return [
    { head: 'reports.col.open', cell: open, field: 'report', rowHeader: true },
    { head: 'reports.col.delivered_at', cell: (r) => instantText(r.delivered_at), field: 'delivered_at' },
    { head: 'reports.col.flags', cell: (r) => flags(r), field: 'flags' },
    { head: 'reports.col.act', cell: (r) => (r.act ? actStatusEl(r.act.status) : '—'), field: 'act' },
  ];
}

export { reportNumber };

/** A month field with its label. */
export function monthField(label: MessageKey, name = 'month'): { field: HTMLElement; input: HTMLInputElement } {
  const id = uid('month');
  const input = h('input', { id, name, type: 'month', required: true, pattern: '\\d{4}-\\d{2}', placeholder: 'YYYY-MM' });
  return { field: h('div', { class: 'field' }, tr(h('label', { for: id }), label), input), input };
}

/** The default month (the previous one by the server's clock) into the given inputs. */
export async function setDefaultMonth(...inputs: HTMLInputElement[]): Promise<string> {
  let now: string;
  try {
    now = await serverNow();
  } catch {
    now = new Date().toISOString();
  }
  const m = previousMonth(now);
  for (const i of inputs) if (!i.value) i.value = m;
  return m;
}

export function reportsView(user: Employee, query: URLSearchParams, reportId: number | null): Node[] {
  const network = has(user, NETWORK_ROLES);
  const central = user.roles.includes('central_office');
  const branches = new Map<number, Branch>();
  const branchName = (id: number) => {
    const b = branches.get(id);
    return b ? b.code : `#${id}`;
  };

  if (reportId !== null) {
    const { nodes, alive } = viewFrame('reports.heading', 'reports.intro');
    nodes.splice(0, nodes.length); // the report's own h1 heads the page
    const back = h('p', {}, tr(h('a', { href: '#/reports', 'data-link': 'back' }), 'reports.back'));
    const panel = reportPanel(reportId, {
      side: 'center',
      canDraw: has(user, CENTER_ROLES),
      canSign: has(user, CENTER_ROLES),
      branchName,
      alive,
      level: 'h1',
    });
    nodes.push(back, panel.el);
    onViewLang(panel.render);
    listBranches()
      .then((all) => {
        if (!alive()) return;
        for (const b of all) branches.set(b.id, b);
        panel.render();
      })
      .catch(() => undefined);
    return nodes;
  }

  const { nodes, alive } = viewFrame('reports.heading', network ? 'reports.intro' : 'reports.intro_branch');
  if (!network && user.branch_id === null) {
    nodes.push(note('movement.no_branch', 'no-branch'));
    return nodes;
  }

  // ---- filters ----
  const fSec = sectionWith('reports.filters.heading');
  fSec.section.dataset.section = 'filters';
  const fError = alertBox();
  const month = monthField('reports.month');
  const q = query.get('month');
  if (q && MONTH_RE.test(q)) month.input.value = q;
  const branchSelId = uid('rep-branch');
  const branchSel = h('select', { id: branchSelId, name: 'branch_id' });
  const providerId = uid('rep-provider');
  const provider = h('input', { id: providerId, name: 'provider_code', type: 'text', maxlength: 32, autocomplete: 'off', spellcheck: 'false', value: query.get('provider') ?? '' });
  const show = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'reports.show');
  const form = h(
    'form',
    { class: 'form-row', novalidate: true, 'data-form': 'reports' },
    month.field,
    network ? h('div', { class: 'field' }, tr(h('label', { for: branchSelId }), 'reports.branch'), branchSel) : null,
    h('div', { class: 'field' }, tr(h('label', { for: providerId }), 'reports.provider'), provider),
    h('div', { class: 'actions' }, show),
  );
  fSec.section.append(form, fError);

  // ---- list ----
  const lSec = sectionWith('reports.list.heading');
  lSec.section.dataset.section = 'reports';
  const lError = alertBox();
  const listBox = h('div', { 'data-list': 'reports', 'aria-live': 'polite' });
  lSec.section.append(lError, listBox);
  nodes.push(fSec.section, lSec.section);

  let items: ReportSummary[] | null = null;
  const requestedBranch = Number(query.get('branch'));
  let branchId: number | null = network && Number.isInteger(requestedBranch) && requestedBranch > 0 ? requestedBranch : null;
  const renderBranchSelect = () => {
    if (!network) return;
    branchSel.replaceChildren(
      h('option', { value: '', selected: branchId === null }, t('reports.branch.all')),
      ...[...branches.values()]
        .filter((b) => !b.retired)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((b) => h('option', { value: String(b.id), selected: b.id === branchId }, `${b.code} — ${pick(b.name).text}`)),
    );
  };
  const renderList = () => {
    if (!items) return;
    listBox.replaceChildren(
      items.length
        ? dataTable<ReportSummary>(
            'reports.list.caption',
            reportColumns((r) => h('a', { href: `#/reports/${r.id}`, 'data-link': 'open-report' }, reportNumber(r, branchName))),
            items,
            (r) => ({ 'data-report': String(r.id) }),
            { month: month.input.value, n: items.length },
          )
        : note('reports.list.none', 'no-reports', { month: month.input.value }),
    );
  };
  const load = async () => {
    showError(fError, null);
    showError(lError, null);
    const m = month.input.value;
    if (!MONTH_RE.test(m)) {
      setInvalid(month.input, true);
      showError(fError, 'reports.month_invalid');
      month.input.focus();
      return;
    }
    setInvalid(month.input, false);
    const p = provider.value.trim().toUpperCase();
    if (p && !CODE_RE.test(p)) {
      setInvalid(provider, true);
      showError(fError, 'reports.code_invalid');
      provider.focus();
      return;
    }
    setInvalid(provider, false);
    listBox.setAttribute('aria-busy', 'true');
    try {
      const got = await listReports({ month: m, branch_id: network ? branchId : null, provider_code: p });
      if (!alive()) return;
      items = got.sort((a, b) => a.branch_id - b.branch_id || a.provider_code.localeCompare(b.provider_code));
      renderList();
    } catch (e) {
      showApiError(lError, e);
    } finally {
      listBox.removeAttribute('aria-busy');
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    branchId = branchSel.value ? Number(branchSel.value) : null;
    void load();
  });

  // ---- central office: generate, central acts, quality export ----
  let renderCentral = () => {};
  if (central || has(user, ['auditor'])) {
    const xSec = sectionWith('reports.export.heading');
    xSec.section.dataset.section = 'quality-export';
    const xMonth = monthField('reports.export.month', 'export_month');
    const xLinks = h('div', { class: 'actions actions--row' });
    const renderX = () => {
      const m = MONTH_RE.test(xMonth.input.value) ? xMonth.input.value : '';
      xLinks.replaceChildren(
        m ? docLink(qualityExportUrl(m, 'json'), 'reports.export.json', 'export-json') : note('reports.month_invalid', 'export-month'),
        m ? docLink(qualityExportUrl(m, 'csv'), 'reports.export.csv', 'export-csv') : '',
      );
    };
    xMonth.input.addEventListener('input', renderX);
    xSec.section.append(tr(h('p', { class: 'hint' }), 'reports.export.hint'), xMonth.field, xLinks);
    void setDefaultMonth(xMonth.input).then(renderX);
    renderX();
    if (central) nodes.push(...centralSections(alive, branchName));
    nodes.push(xSec.section);
    renderCentral = renderX;
  }

  onViewLang(() => {
    renderBranchSelect();
    renderList();
    renderCentral();
  });

  listBranches()
    .then((all) => {
      if (!alive()) return;
      for (const b of all) branches.set(b.id, b);
      renderBranchSelect();
      renderList();
    })
    .catch(() => undefined);
  if (month.input.value) void load();
  else void setDefaultMonth(month.input).then(() => {
      if (alive()) void load();
    });
  return nodes;
}

/** The central office's sections: generate the missing reports; the central executive bodies' acts. */
function centralSections(alive: () => boolean, _branchName: (id: number) => string): HTMLElement[] {
  // ---- generate ----
  const gSec = sectionWith('reports.generate.heading');
  gSec.section.dataset.section = 'generate';
  const gError = alertBox();
  const gNotice = noticeBox();
  gNotice.dataset.field = 'generate-notice';
  const gMonth = monthField('reports.generate.month', 'generate_month');
  const gButton = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'generate' }), 'reports.generate.submit');
  const gForm = h('form', { class: 'form-row', novalidate: true, 'data-form': 'generate' }, gMonth.field, h('div', { class: 'actions' }, gButton));
  gSec.section.append(tr(h('p', { class: 'hint' }), 'reports.generate.hint'), gError, gNotice, gForm);
  gForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(gError, null);
    showError(gNotice, null);
    if (!MONTH_RE.test(gMonth.input.value)) {
      setInvalid(gMonth.input, true);
      showError(gError, 'reports.month_invalid');
      gMonth.input.focus();
      return;
    }
    setInvalid(gMonth.input, false);
    gButton.disabled = true;
    try {
      const r = await generateReports(gMonth.input.value);
      tr(gNotice, 'reports.generate.done', { month: r.month, generated: r.generated, delivered: r.delivered });
    } catch (e) {
      showApiError(gError, e);
    } finally {
      gButton.disabled = false;
    }
  });

  // ---- central acts ----
  const cSec = sectionWith('central.heading');
  cSec.section.dataset.section = 'central-acts';
  const cError = alertBox();
  const cNotice = noticeBox();
  cNotice.dataset.field = 'central-notice';
  const cMonth = monthField('central.month', 'central_month');
  const provId = uid('central-provider');
  const prov = h('input', { id: provId, name: 'central_provider', type: 'text', maxlength: 32, autocomplete: 'off', spellcheck: 'false', required: true });
  const draw = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'draw-central' }), 'central.draw');
  const list = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'list-central' }), 'central.list');
  const cForm = h(
    'form',
    { class: 'form-row', novalidate: true, 'data-form': 'central-act' },
    cMonth.field,
    h('div', { class: 'field' }, tr(h('label', { for: provId }), 'central.provider'), prov),
    h('div', { class: 'actions' }, draw, list),
  );
  const cBox = h('div', { 'data-list': 'central-acts' });
  cSec.section.append(tr(h('p', { class: 'hint' }), 'central.hint'), cError, cNotice, cForm, cBox);
  let acts: CentralAct[] | null = null;
  let listedMonth = '';
  const renderActs = () => {
    if (!acts) return;
    cBox.replaceChildren(
      acts.length
        ? dataTable<CentralAct>(
            'central.caption',
            [
              { head: 'reports.col.provider', cell: (a) => a.provider_code, field: 'provider', rowHeader: true },
              { head: 'reports.col.month', cell: (a) => a.month, field: 'month' },
              { head: 'central.col.branches', cell: (a) => String(a.branches), field: 'branches' },
              { head: 'central.col.reports', cell: (a) => String(a.reports), field: 'reports' },
              { head: 'act.col.drawn_at', cell: (a) => instantText(a.drawn_at), field: 'drawn_at' },
              { head: 'reports.documents.heading', cell: (a) => docLinks((f, lang) => centralActDocUrl(a.id, f, lang), 'central', true) },
            ],
            acts,
            (a) => ({ 'data-central-act': String(a.id) }),
            { month: listedMonth },
          )
        : note('central.none', 'no-central-acts', { month: listedMonth }),
    );
  };
  const loadActs = async () => {
    showError(cError, null);
    const m = cMonth.input.value;
    if (!MONTH_RE.test(m)) {
      setInvalid(cMonth.input, true);
      showError(cError, 'reports.month_invalid');
      return;
    }
    setInvalid(cMonth.input, false);
    try {
      const got = await listCentralActs(m);
      if (!alive()) return;
      acts = got;
      listedMonth = m;
      renderActs();
    } catch (e) {
      showApiError(cError, e);
    }
  };
  list.addEventListener('click', () => void loadActs());
  cForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(cError, null);
    showError(cNotice, null);
    const m = cMonth.input.value;
    const p = prov.value.trim().toUpperCase();
    setInvalid(cMonth.input, !MONTH_RE.test(m));
    setInvalid(prov, !CODE_RE.test(p));
    if (!MONTH_RE.test(m)) {
      showError(cError, 'reports.month_invalid');
      cMonth.input.focus();
      return;
    }
    if (!CODE_RE.test(p)) {
      showError(cError, 'central.provider_required');
      prov.focus();
      return;
    }
    draw.disabled = true;
    try {
      const a = await drawCentralAct(p, m);
      tr(cNotice, 'central.drawn', { provider: a.provider_code, month: a.month, n: a.reports });
      await loadActs();
    } catch (e) {
      showApiError(cError, e);
    } finally {
      draw.disabled = false;
    }
  });
  onViewLang(renderActs);
  void setDefaultMonth(gMonth.input, cMonth.input).then(() => {
    if (alive()) void loadActs();
  });
  return [gSec.section, cSec.section];
}
