// The dashboard of the branch manager and the central office (#/dashboard, issue 7): today's
// numbers, live over a WebSocket; a period's charts — applications by day and by service, the
// share done on time (R30, R34), where the period's applications are (R32), queue waits by hour
// (R8), ratings (R23) — filtered by period, branch (central office), provider and service; and
// the breaches of the Rules found automatically (R8, R18.8, R22, R25, R33, R34, R37), counted by
// kind and listed. The central office sees the whole network or picks a branch.

import { listBranches, type Branch, type Employee } from '../api';
import {
  BREACH_KINDS,
  dashboardSocket,
  getDashboard,
  getLive,
  listBreaches,
  type Breach,
  type Dashboard,
  type DashboardFilter,
  type LiveNumbers,
} from '../dashboard_api';
import { t, tDyn, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, onViewEnd, onViewLang, pick, setInvalid, showError } from '../ui';
import { barChart, columnChart } from './charts';
import { dataTable, dateEl, failIn, instantText, note, sectionWith, viewFrame } from './movement';

export const DASHBOARD_ROLES = ['branch_manager', 'central_office', 'auditor'];
const NETWORK_ROLES = ['central_office', 'auditor'];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const CODE_RE = /^[A-Za-z0-9_.-]{0,32}$/;
const LIVE_FIELDS = ['accepted', 'refused', 'issued', 'tickets', 'waiting', 'serving', 'breaches_today'] as const;
const BREACH_PAGE = 50;

const minutes = (ms: number) => Math.round(ms / 6000) / 10;
const percent = (share: number) => Math.round(share * 1000) / 10;

export function dashboardView(user: Employee, query: URLSearchParams): Node[] {
  const { nodes, alive } = viewFrame('dash.heading', 'dash.intro');
  const network = user.roles.some((r) => NETWORK_ROLES.includes(r));
  const requested = Number(query.get('branch'));
  let branchId: number | null = network ? (Number.isInteger(requested) && requested > 0 ? requested : null) : user.branch_id;
  if (!network && branchId === null) {
    nodes.push(note('movement.no_branch', 'no-branch'));
    return nodes;
  }

  // ---- filters ----
  const fSec = sectionWith('dash.filters.heading');
  fSec.section.dataset.section = 'filters';
  const fError = alertBox();
  const fromId = uid('dash-from');
  const toId = uid('dash-to');
  const providerId = uid('dash-provider');
  const serviceId = uid('dash-service');
  const branchSelId = uid('dash-branch');
  const from = h('input', { id: fromId, name: 'from', type: 'date', required: true });
  const to = h('input', { id: toId, name: 'to', type: 'date', required: true });
  const provider = h('input', { id: providerId, name: 'provider_code', type: 'text', maxlength: 32, autocomplete: 'off', spellcheck: 'false' });
  const service = h('input', { id: serviceId, name: 'service_code', type: 'text', maxlength: 32, autocomplete: 'off', spellcheck: 'false', inputmode: 'numeric' });
  const branchSel = h('select', { id: branchSelId, name: 'branch' });
  const branchField = network ? h('div', { class: 'field' }, tr(h('label', { for: branchSelId }), 'dash.branch'), branchSel) : null;
  const show = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'dash.show');
  const form = h(
    'form',
    { class: 'form-row', novalidate: true, 'data-form': 'dashboard' },
    h('div', { class: 'field' }, tr(h('label', { for: fromId }), 'dash.from'), from),
    h('div', { class: 'field' }, tr(h('label', { for: toId }), 'dash.to'), to),
    branchField,
    h('div', { class: 'field' }, tr(h('label', { for: providerId }), 'dash.provider'), provider),
    h('div', { class: 'field' }, tr(h('label', { for: serviceId }), 'dash.service'), service),
    h('div', { class: 'actions' }, show),
  );
  fSec.section.append(form, fError);

  // ---- live ----
  const lSec = sectionWith('dash.live.heading');
  lSec.section.dataset.section = 'live';
  const liveState = h('p', { class: 'status', 'data-field': 'live-state', role: 'status' });
  const liveBox = h('dl', { class: 'live-numbers', 'data-list': 'live' });
  const lError = alertBox();
  lSec.section.append(liveState, lError, liveBox);

  // ---- charts ----
  const cSec = sectionWith('dash.charts.heading');
  cSec.section.dataset.section = 'charts';
  const cError = alertBox();
  const chartsBox = h('div', { class: 'charts', 'aria-busy': 'false' });
  cSec.section.append(cError, chartsBox);

  // ---- breaches ----
  const bSec = sectionWith('dash.breaches.heading');
  bSec.section.dataset.section = 'breaches';
  const bError = alertBox();
  const kindId = uid('dash-kind');
  const kindSel = h('select', { id: kindId, name: 'kind' });
  const countsBox = h('div', { 'data-list': 'breach-counts' });
  const listBox = h('div', { 'data-list': 'breaches' });
  const more = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'more', hidden: true }), 'dash.breaches.more');
  bSec.section.append(
    tr(h('p', { class: 'hint' }), 'dash.breaches.hint'),
    countsBox,
    h('div', { class: 'field field--inline' }, tr(h('label', { for: kindId }), 'dash.breaches.kind'), kindSel),
    bError,
    listBox,
    h('div', { class: 'actions' }, more),
  );

  nodes.push(fSec.section, lSec.section, cSec.section, bSec.section);

  // ---- state ----
  let branches: Branch[] = [];
  let live: LiveNumbers | null = null;
  let connected = false;
  let data: Dashboard | null = null;
  let breaches: Breach[] = [];
  let nextBefore: number | null = null;
  let filter: DashboardFilter | null = null;
  let socket: { close: () => void } | null = null;

  const renderBranchSelect = () => {
    if (!network) return;
    const keep = branchId;
    branchSel.replaceChildren(
      h('option', { value: '', selected: keep === null }, t('dash.branch.all')),
      ...branches.filter((b) => !b.retired).map((b) => h('option', { value: String(b.id), selected: b.id === keep }, `${b.code} — ${pick(b.name).text}`)),
    );
  };
  const renderKinds = () => {
    const keep = kindSel.value;
    kindSel.replaceChildren(
      h('option', { value: '' }, t('dash.breaches.kind.all')),
      ...BREACH_KINDS.map((k) => h('option', { value: k, selected: k === keep }, tDyn(`breach.kind.${k}`, k))),
    );
  };

  const renderLive = () => {
    tr(liveState, connected ? 'dash.live.connected' : 'dash.live.disconnected', { today: live?.today ?? '—' });
    liveState.dataset.connected = String(connected);
    if (!live) return;
    const n = live;
    liveBox.replaceChildren(
      ...LIVE_FIELDS.flatMap((f) => [
        h('div', { class: 'live-numbers__item', 'data-live': f }, h('dt', {}, t(`dash.live.${f}` as MessageKey)), h('dd', {}, String(n[f]))),
      ]),
    );
  };

  const renderCharts = () => {
    if (!data) return;
    const d = data;
    const accepted = t('dash.series.accepted');
    const refused = t('dash.series.refused');
    const charts: HTMLElement[] = [];
    charts.push(
      columnChart({
        field: 'volumes-by-day',
        caption: t('dash.volumes.caption'),
        summary: t('dash.volumes.summary', { accepted: d.volumes.accepted, refused: d.volumes.refused, days: d.volumes.by_day.length }),
        series: [accepted, refused],
        category: t('dash.col.day'),
        bars: d.volumes.by_day.map((v) => ({ label: v.day.slice(5), values: [v.accepted, v.refused] })),
      }),
      barChart({
        field: 'volumes-by-service',
        caption: t('dash.services.caption'),
        summary: t('dash.services.summary', { n: d.volumes.by_service.length }),
        series: [accepted, refused],
        category: t('dash.col.service'),
        bars: d.volumes.by_service
          .slice()
          .sort((a, b) => b.accepted + b.refused - (a.accepted + a.refused))
          .slice(0, 15)
          .map((v) => ({ label: v.service_code, values: [v.accepted, v.refused] })),
      }),
    );
    const share = d.on_time.share;
    charts.push(
      columnChart({
        field: 'on-time',
        caption: t('dash.ontime.caption'),
        summary:
          share === null ? t('dash.ontime.none') : t('dash.ontime.summary', { share: percent(share), on_time: d.on_time.on_time, done: d.on_time.done }),
        series: [t('dash.series.on_time'), t('dash.series.late')],
        category: t('dash.col.day'),
        bars: d.on_time.by_day.map((o) => ({ label: o.day.slice(5), values: [o.on_time, o.done - o.on_time] })),
      }),
      barChart({
        field: 'stages',
        caption: t('dash.stages.caption'),
        summary: t('dash.stages.summary', { n: Object.values(d.stages).reduce((a, v) => a + v, 0) }),
        series: [t('dash.series.count')],
        category: t('dash.col.stage'),
        bars: Object.entries(d.stages).map(([stage, n]) => ({ label: tDyn(`stage.${stage}`, stage), values: [n] })),
      }),
      columnChart({
        field: 'waits-by-hour',
        caption: t('dash.waits.caption'),
        summary: t('dash.waits.summary', { n: d.queue_waits_by_hour.reduce((a, w) => a + w.tickets, 0), over: d.queue_waits_by_hour.reduce((a, w) => a + w.over_15_min, 0) }),
        series: [t('dash.series.mean_wait')],
        category: t('dash.col.hour'),
        format: (v) => String(v),
        bars: d.queue_waits_by_hour.map((w) => ({ label: `${String(w.hour).padStart(2, '0')}:00`, values: [minutes(w.mean_wait_ms)] })),
      }),
      barChart({
        field: 'ratings',
        caption: t('dash.ratings.caption'),
        summary: d.ratings.average === null ? t('dash.ratings.none') : t('dash.ratings.summary', { count: d.ratings.count, average: Math.round(d.ratings.average * 100) / 100 }),
        series: [t('dash.series.count')],
        category: t('dash.col.score'),
        bars: d.ratings.count ? d.ratings.by_score.map((r) => ({ label: '★'.repeat(r.score), values: [r.count] })) : [],
      }),
    );
    chartsBox.replaceChildren(...charts);
    const totals = d.breaches.totals;
    countsBox.replaceChildren(
      barChart({
        field: 'breach-counts',
        caption: t('dash.breaches.caption'),
        summary: t('dash.breaches.summary', { total: d.breaches.total }),
        series: [t('dash.series.count')],
        category: t('dash.col.kind'),
        bars: BREACH_KINDS.map((k) => ({ label: tDyn(`breach.kind.${k}`, k), values: [totals[k] ?? 0] })),
      }),
    );
  };

  const breachColumns = [
    { head: 'dash.bcol.day' as MessageKey, cell: (b: Breach) => dateEl(b.day), field: 'day', rowHeader: true },
    { head: 'dash.bcol.kind' as MessageKey, cell: (b: Breach) => tDyn(`breach.kind.${b.kind}`, b.kind), field: 'kind' },
    { head: 'dash.bcol.rule' as MessageKey, cell: (b: Breach) => b.rule, field: 'rule' },
    { head: 'dash.bcol.object' as MessageKey, cell: (b: Breach) => (b.barcode ? h('span', { class: 'barcode' }, b.barcode) : b.ticket_id ? `#${b.ticket_id}` : b.object), field: 'object' },
    { head: 'dash.bcol.provider' as MessageKey, cell: (b: Breach) => b.provider_code ?? '—', field: 'provider' },
    { head: 'dash.bcol.service' as MessageKey, cell: (b: Breach) => b.service_code ?? '—', field: 'service' },
    { head: 'dash.bcol.detected' as MessageKey, cell: (b: Breach) => instantText(b.detected_at), field: 'detected' },
  ];
  const renderBreaches = () => {
    listBox.replaceChildren(
      breaches.length
        ? dataTable<Breach>('dash.breaches.list.caption', breachColumns, breaches, (b) => ({ 'data-breach': String(b.id), 'data-kind': b.kind }), { n: breaches.length })
        : note('dash.breaches.none', 'no-breaches'),
    );
    more.hidden = nextBefore === null;
  };

  // ---- loading ----
  const loadBreaches = async (append: boolean) => {
    if (!filter) return;
    showError(bError, null);
    try {
      const page = await listBreaches({ branch_id: branchId, kind: kindSel.value || undefined, from: filter.from, to: filter.to, before_id: append ? nextBefore : null, limit: BREACH_PAGE });
      if (!alive()) return;
      breaches = append ? [...breaches, ...page.items] : page.items;
      nextBefore = page.next_before_id;
      renderBreaches();
    } catch (e) {
      if (alive()) failIn(bError, e);
    }
  };
  const loadCharts = async () => {
    if (!filter) return;
    showError(cError, null);
    chartsBox.setAttribute('aria-busy', 'true');
    try {
      const d = await getDashboard(filter);
      if (!alive()) return;
      data = d;
      renderCharts();
    } catch (e) {
      if (alive()) failIn(cError, e);
    } finally {
      chartsBox.setAttribute('aria-busy', 'false');
    }
  };
  const follow = () => {
    socket?.close();
    socket = dashboardSocket(branchId, {
      onLive: (n) => {
        if (!alive()) return;
        live = n;
        renderLive();
      },
      onState: (c) => {
        if (!alive()) return;
        connected = c;
        renderLive();
      },
    });
  };
  const loadLive = async () => {
    showError(lError, null);
    try {
      const n = await getLive(branchId);
      if (!alive()) return;
      live = n;
      renderLive();
      return n;
    } catch (e) {
      if (alive()) failIn(lError, e);
      return null;
    }
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    showError(fError, null);
    const badFrom = !DATE_RE.test(from.value);
    const badTo = !DATE_RE.test(to.value) || (!badFrom && to.value < from.value);
    const badProvider = !CODE_RE.test(provider.value.trim());
    const badService = !CODE_RE.test(service.value.trim());
    setInvalid(from, badFrom);
    setInvalid(to, badTo);
    setInvalid(provider, badProvider);
    setInvalid(service, badService);
    if (badFrom || badTo) {
      showError(fError, 'dash.period_invalid');
      (badFrom ? from : to).focus();
      return;
    }
    if (badProvider || badService) {
      showError(fError, 'dash.code_invalid');
      (badProvider ? provider : service).focus();
      return;
    }
    const newBranch = network ? (Number(branchSel.value) || null) : branchId;
    if (newBranch !== branchId) {
      branchId = newBranch;
      follow();
      void loadLive();
    }
    filter = { from: from.value, to: to.value, branch_id: branchId, provider_code: provider.value.trim().toUpperCase(), service_code: service.value.trim() };
    void loadCharts();
    void loadBreaches(false);
  });
  kindSel.addEventListener('change', () => void loadBreaches(false));
  more.addEventListener('click', () => void loadBreaches(true));

  onViewEnd(() => socket?.close());
  onViewLang(() => {
    renderBranchSelect();
    renderKinds();
    renderLive();
    renderCharts();
    renderBreaches();
  });

  renderKinds();
  renderLive();
  if (network) {
    listBranches()
      .then((all) => {
        if (!alive()) return;
        branches = all;
        renderBranchSelect();
      })
      .catch(() => undefined);
  }
  follow();
  // The period starts as this month up to today — the server's today, in the branch's zone.
  void loadLive().then((n) => {
    if (!alive() || !n) return;
    to.value = n.today;
    from.value = `${n.today.slice(0, 8)}01`;
    filter = { from: from.value, to: to.value, branch_id: branchId };
    void loadCharts();
    void loadBreaches(false);
  });
  return nodes;
}
