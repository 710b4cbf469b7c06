// The branch's queue, live (#/queue-live; branch managers, central office; R8, R16): how many
// wait in each queue and for how long, who waits, and each window with who is seated there and
// what it serves. Tickets waiting over 15 minutes are the banner on top (an alert, said once
// when the list changes), and the day's consultations are counted by service (R14, R15, R20).
// Follows the board's WebSocket (and a slow poll); the central office chooses the branch
// (#/queue-live?branch=N).

import { api, listBranches, listEmployees, type Branch, type Employee, type ServiceSummary } from '../api';
import {
  arrivedAt,
  boardSocket,
  branchQueue,
  listQueues,
  queueStats,
  windowEmployeeId,
  windowTicketId,
  type BranchQueue,
  type Queue,
  type QueueStats,
  type Ticket,
} from '../queue_api';
import { tDyn, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, formatDotted, fullName, onViewEnd, onViewLang, pick, scrollBox, zonedParts } from '../ui';
import { allServices } from './consultation';
import { note, sectionWith, viewFrame } from './movement';
import { QUEUE_ZONE, clearError, priorityEl, queueNameEl, showQueueError, stateEl, timeOf, waitEl, waitedMinutes } from './queue';

export const QUEUE_LIVE_ROLES = ['branch_manager', 'central_office'];

const POLL_MS = 15_000;

function table(caption: MessageKey, captionParams: Record<string, string | number> | undefined, heads: MessageKey[], rows: HTMLElement[]): HTMLElement {
  return scrollBox(
    h(
      'table',
      { class: 'data-table' },
      tr(h('caption'), caption, captionParams),
      h('thead', {}, h('tr', {}, ...heads.map((k) => tr(h('th', { scope: 'col' }), k)))),
      h('tbody', {}, ...rows),
    ),
  );
}

export function queueLiveView(user: Employee, requested: number | null): Node[] {
  const { nodes, alive } = viewFrame('live.heading', 'live.intro');
  const error = alertBox();
  error.dataset.field = 'live-error';
  const updated = h('p', { class: 'hint', 'data-field': 'updated' });
  const body = h('div', { class: 'queue-live' });
  // Kept in the page and only rewritten when the tickets change: a screen reader says it once.
  const banner = h('div', { class: 'alert live-alerts', role: 'alert', 'data-field': 'alerts' });
  nodes.push(error, banner);

  let branchId: number | null = requested ?? user.branch_id;
  let branches: Branch[] = [];
  let people = new Map<number, Employee>();
  let queues: Queue[] = [];
  let data: BranchQueue | null = null;
  let socket: { close: () => void } | null = null;
  let stats: QueueStats | null = null;
  let services = new Map<string, ServiceSummary>();
  let shownAlerts = '';

  const renderBanner = () => {
    const alerts = (data?.alerts ?? []).slice().sort((a, b) => arrivedAt(a).localeCompare(arrivedAt(b)));
    const numbers = alerts.map((t) => t.number).join(', ');
    banner.dataset.count = String(alerts.length);
    if (numbers === shownAlerts) return;
    shownAlerts = numbers;
    if (!alerts.length) {
      clearError(banner);
      return;
    }
    tr(banner, 'live.alerts', { n: alerts.length, numbers });
  };

  // ---- the branch (central office) ----
  const pickerBox = h('div', { class: 'live-branch' });
  nodes.push(pickerBox, updated, body);
  const renderPicker = () => {
    if (user.branch_id !== null && !user.roles.includes('central_office')) {
      pickerBox.replaceChildren();
      return;
    }
    const id = uid('live-branch');
    const sel = h(
      'select',
      { id, name: 'branch' },
      tr(h('option', { value: '' }), 'live.branch.choose'),
      ...branches.filter((b) => !b.retired).map((b) => h('option', { value: String(b.id), selected: b.id === branchId }, `${b.code} — ${pick(b.name).text}`)),
    );
    sel.addEventListener('change', () => {
      const v = Number(sel.value);
      location.hash = v ? `#/queue-live?branch=${v}` : '#/queue-live';
    });
    pickerBox.replaceChildren(h('div', { class: 'field field--inline' }, tr(h('label', { for: id }), 'live.branch'), sel));
  };

  // ---- sections ----
  const render = () => {
    if (branchId === null) {
      body.replaceChildren(note('live.branch.none', 'no-branch'));
      return;
    }
    if (!data) return;
    const d = data;
    const now = Date.now();

    // Waiting by queue.
    const byQueue = queues.map((q) => {
      const waiting = d.waiting.filter((t) => t.queue === q.code);
      const longest = waiting.reduce<number | null>((m, t) => {
        const w = waitedMinutes(t, now);
        return w === null ? m : Math.max(m ?? 0, w);
      }, null);
      const last = waiting.reduce<number | null>((m, t) => (t.estimated_wait_min === null ? m : Math.max(m ?? 0, t.estimated_wait_min)), null);
      const serving = d.serving.filter((t) => t.queue === q.code).length;
      return { q, waiting: waiting.length, longest, last, serving };
    });
    const qSec = sectionWith('live.queues.heading');
    qSec.section.dataset.section = 'queues';
    qSec.section.append(
      table(
        'live.queues.caption',
        undefined,
        ['live.col.queue', 'live.col.waiting', 'live.col.longest', 'live.col.estimate', 'live.col.serving'],
        byQueue.map((r) =>
          h(
            'tr',
            { 'data-queue': r.q.code },
            h('th', { scope: 'row' }, `${r.q.code} — ${pick(r.q.name).text}`),
            h('td', { 'data-field': 'waiting' }, String(r.waiting)),
            h('td', { 'data-field': 'longest' }, waitEl(r.longest)),
            h('td', { 'data-field': 'estimate' }, waitEl(r.last)),
            h('td', { 'data-field': 'serving' }, String(r.serving)),
          ),
        ),
      ),
    );

    // Windows.
    const tickets = new Map<number, Ticket>([...d.serving, ...d.waiting].map((t) => [t.id, t]));
    const wSec = sectionWith('live.windows.heading');
    wSec.section.dataset.section = 'windows';
    wSec.section.append(
      table(
        'live.windows.caption',
        undefined,
        ['live.col.window', 'live.col.kind', 'live.col.employee', 'live.col.ticket', 'live.col.state', 'live.col.since'],
        d.windows
          .slice()
          .sort((a, b) => a.number - b.number)
          .map((w) => {
            const eid = windowEmployeeId(w);
            const emp = eid === null ? null : people.get(eid);
            const tid = windowTicketId(w);
            const ticket = w.ticket ?? (tid === null ? undefined : tickets.get(tid)) ?? d.serving.find((s) => s.window?.id === w.id);
            return h(
              'tr',
              { 'data-window': String(w.number) },
              h('th', { scope: 'row' }, String(w.number)),
              h('td', {}, tr(h('span'), `live.kind.${w.kind}` as MessageKey)),
              h('td', { 'data-field': 'employee' }, eid === null ? tr(h('span'), 'live.window.empty') : emp ? fullName(emp) : w.employee?.full_name ?? `#${eid}`),
              h('td', { 'data-field': 'ticket' }, ticket ? ticket.number : '—'),
              h('td', {}, ticket ? stateEl(ticket.state) : '—'),
              h('td', {}, ticket ? timeOf(ticket.started_at ?? ticket.called_at ?? null) : '—'),
            );
          }),
      ),
    );

    // Who waits.
    const lSec = sectionWith('live.waiting.heading');
    lSec.section.dataset.section = 'waiting';
    const waiting = d.waiting.slice().sort((a, b) => a.queue.localeCompare(b.queue) || (a.position ?? 0) - (b.position ?? 0));
    lSec.section.append(
      waiting.length
        ? table(
            'live.waiting.caption',
            { n: waiting.length },
            ['live.col.ticket', 'live.col.queue', 'live.col.position', 'live.col.priority', 'live.col.arrived', 'live.col.waited', 'live.col.estimate'],
            waiting.map((t) =>
              h(
                'tr',
                { 'data-number': t.number },
                h('th', { scope: 'row' }, t.number),
                h('td', {}, queueNameEl(t)),
                h('td', {}, t.position === null ? '—' : String(t.position + 1)),
                h('td', {}, priorityEl(t.priority)),
                h('td', {}, timeOf(arrivedAt(t))),
                h('td', {}, waitEl(waitedMinutes(t, now))),
                h('td', {}, waitEl(t.estimated_wait_min)),
              ),
            ),
          )
        : note('live.waiting.none', 'no-waiting'),
    );
    body.replaceChildren(qSec.section, wSec.section, lSec.section, consultSection());
  };

  // The day's consultations by service (R14, R15, R20).
  const consultSection = (): HTMLElement => {
    const cSec = sectionWith('live.consult.heading');
    cSec.section.dataset.section = 'consultations';
    const byService = new Map<string, { count: number; outcomes: Map<string, number> }>();
    for (const c of stats?.consultations ?? []) {
      const row = byService.get(c.service_code) ?? { count: 0, outcomes: new Map<string, number>() };
      row.count += c.count;
      row.outcomes.set(c.outcome, (row.outcomes.get(c.outcome) ?? 0) + c.count);
      byService.set(c.service_code, row);
    }
    if (!stats || !byService.size) {
      cSec.section.append(note('live.consult.none', 'no-consultations'));
      return cSec.section;
    }
    const rows = [...byService.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    cSec.section.append(
      table(
        'live.consult.caption',
        { date: formatDotted(stats.date) },
        ['live.col.service', 'live.col.count', 'live.col.outcomes'],
        rows.map(([code, r]) => {
          const name = services.get(code);
          return h(
            'tr',
            { 'data-service': code },
            h('th', { scope: 'row' }, h('span', { class: 'mono' }, code), name ? ` — ${pick(name.name).text}` : ''),
            h('td', { 'data-field': 'count' }, String(r.count)),
            h(
              'td',
              { 'data-field': 'outcomes' },
              [...r.outcomes.entries()].map(([o, n]) => `${tDyn(`consult.outcome.${o}`, o)}: ${n}`).join('; '),
            ),
          );
        }),
      ),
    );
    return cSec.section;
  };

  /** The branch's day as the server counts it (its clock), in the queue's zone. */
  const serverDay = async (): Promise<string> => {
    let now = new Date().toISOString();
    try {
      const r = await api<{ now?: string }>('GET', '/healthz');
      if (r?.now) now = r.now;
    } catch {
      // The browser's clock then.
    }
    return zonedParts(now, QUEUE_ZONE)?.date ?? now.slice(0, 10);
  };
  const loadStats = async (id: number) => {
    try {
      const s = await queueStats(id, await serverDay());
      if (!alive() || id !== branchId) return;
      stats = s;
      if ((s.consultations ?? []).some((c) => !services.has(c.service_code))) {
        const all = await allServices().catch(() => [] as ServiceSummary[]);
        services = new Map(all.map((x) => [x.code, x]));
      }
    } catch {
      // The statistics are a bonus of the live view: without them, the queue still shows.
    }
  };

  const load = async () => {
    if (branchId === null) return;
    try {
      const [q, qs] = await Promise.all([branchQueue(branchId), queues.length ? Promise.resolve(queues) : listQueues(branchId), loadStats(branchId)]);
      if (!alive()) return;
      clearError(error);
      data = q;
      queues = qs;
      tr(updated, 'live.updated', { time: new Date().toLocaleTimeString('en-GB') });
      renderBanner();
      render();
    } catch (e) {
      if (alive()) showQueueError(error, e);
    }
  };

  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const reloadSoon = () => {
    if (reloadTimer) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void load();
    }, 500);
  };
  const poll = setInterval(() => void load(), POLL_MS);
  onViewEnd(() => {
    clearInterval(poll);
    if (reloadTimer) clearTimeout(reloadTimer);
    socket?.close();
  });
  onViewLang(() => {
    renderPicker();
    render();
  });

  if (branchId !== null) {
    socket = boardSocket(branchId, { onEvent: reloadSoon, onOpen: reloadSoon });
    void load();
    listEmployees(branchId)
      .then((all) => {
        if (!alive()) return;
        people = new Map(all.map((e) => [e.id, e]));
        render();
      })
      .catch(() => undefined);
  } else render();
  listBranches()
    .then((all) => {
      if (!alive()) return;
      branches = all;
      renderPicker();
    })
    .catch(() => undefined);
  return nodes;
}
