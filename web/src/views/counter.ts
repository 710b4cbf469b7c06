// The queue panel at the employee's window (#/counter; operators, issuance, consultants; R8,
// R16, R19): the window the employee is seated at, its current ticket and the moves on it —
// call the next one, call again (after three calls the ticket is a no-show by itself), no-show,
// start, finish with an outcome, send to another queue, put aside and take back — the tickets
// put aside and the people waiting, with their positions. Live: the board's WebSocket says when
// anything changed (and a slow poll covers a lost connection). While a ticket is at the window,
// the consultations on it are recorded and listed (R14, R15, R20; ./consultation.ts).
// Shortcuts: Alt+Shift+N, R, X, S, F, P.

import { ApiError, type Employee } from '../api';
import {
  OUTCOMES,
  arrivedAt,
  boardSocket,
  branchQueue,
  callNext,
  callTicket,
  currentTicket,
  finishTicket,
  listQueues,
  moveTicket,
  redirectTicket,
  resumeTicket,
  windowEmployeeId,
  type BranchQueue,
  type Outcome,
  type Queue,
  type QueueWindow,
  type Ticket,
  type TicketMove,
} from '../queue_api';
import { tDyn, tr, type MessageKey, type Params } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, noticeBox, onViewEnd, onViewLang, pick, scrollBox, showError } from '../ui';
import { branchViewFrame, note, sectionWith } from './movement';
import { consultationPanel } from './consultation';
import { clearError, facts, priorityEl, queueNameEl, showQueueError, stateEl, timeOf, waitEl } from './queue';

export const COUNTER_ROLES = ['operator', 'issuance', 'consultant'];

const POLL_MS = 20_000;

interface Parked {
  id: number;
  number: string;
}

type Action = 'call-next' | TicketMove | 'finish';
const SHORTCUTS: Record<Action, string> = { 'call-next': 'N', recall: 'R', 'no-show': 'X', start: 'S', finish: 'F', park: 'P' };

const parkedKey = (windowId: number) => `tereze.parked.${windowId}`;
function readParked(windowId: number): Parked[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(parkedKey(windowId)) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((p): p is Parked => typeof p?.id === 'number' && typeof p?.number === 'string') : [];
  } catch {
    return [];
  }
}
function writeParked(windowId: number, list: Parked[]): void {
  try {
    sessionStorage.setItem(parkedKey(windowId), JSON.stringify(list));
  } catch {
    // Not kept across a reload: the list still works on this page.
  }
}

export function counterView(user: Employee): Node[] {
  const frame = branchViewFrame(user, 'counter.heading', 'counter.intro');
  if (frame.branchId === null) return frame.nodes;
  const { nodes, branchId, alive } = frame;
  const h1 = nodes[0] as HTMLElement;

  const error = alertBox();
  error.dataset.field = 'counter-error';
  const notice = noticeBox();
  notice.dataset.field = 'counter-notice';
  const body = h('div', { class: 'counter' });
  nodes.push(error, notice, body);

  let win: QueueWindow | null = null;
  let queue: BranchQueue | null = null;
  let queues: Queue[] = [];
  let current: Ticket | null = null;
  let parked: Parked[] = [];
  let busy = false;
  let outcome: Outcome = 'served';
  let redirectTo = '';

  // ---- sections ----
  const curSec = sectionWith('counter.current.heading');
  curSec.section.dataset.section = 'current';
  const curBox = h('div', { class: 'counter-current', 'data-field': 'current' });
  const actions = h('div', { class: 'counter-actions', 'data-list': 'actions' });
  curSec.section.append(curBox, actions);

  // R14, R15, R20: what the applicant asked about, recorded on the ticket at the window.
  const consult = consultationPanel({ error, notice, alive });

  const parkSec = sectionWith('counter.parked.heading');
  parkSec.section.dataset.section = 'parked';
  const parkBox = h('div', { 'data-list': 'parked' });
  parkSec.section.append(parkBox);

  const waitSec = sectionWith('counter.waiting.heading');
  waitSec.section.dataset.section = 'waiting';
  const waitBox = h('div', { 'data-list': 'waiting' });
  waitSec.section.append(waitBox);

  const keysId = uid('counter-keys');
  const keys = h(
    'details',
    { class: 'counter-keys' },
    tr(h('summary', { id: keysId }), 'counter.keys.heading'),
    h(
      'ul',
      {},
      ...(Object.keys(SHORTCUTS) as Action[]).map((a) =>
        h('li', {}, h('kbd', {}, `Alt+Shift+${SHORTCUTS[a]}`), ' — ', tr(h('span'), `counter.action.${a}` as MessageKey)),
      ),
    ),
  );

  const button = (action: Action, primary = false, params?: Params): HTMLButtonElement => {
    const b = tr(
      h('button', {
        type: 'button',
        class: `button ${primary ? 'button--primary' : 'button--secondary'} button--large`,
        'data-action': action,
        'aria-keyshortcuts': `Alt+Shift+${SHORTCUTS[action]}`,
      }),
      `counter.action.${action}` as MessageKey,
      params,
    );
    b.addEventListener('click', () => void act(action));
    return b;
  };

  // ---- rendering ----
  const renderCurrent = () => {
    const tk = current;
    if (!tk) {
      curBox.replaceChildren(note('counter.current.none', 'no-current'));
      actions.replaceChildren(button('call-next', true));
      return;
    }
    curBox.replaceChildren(
      h('p', { class: 'counter-number', 'data-field': 'number', 'data-ticket': String(tk.id) }, tk.number),
      facts([
        ['counter.field.state', stateEl(tk.state), 'state'],
        ['counter.field.queue', queueNameEl(tk), 'queue'],
        ['counter.field.priority', priorityEl(tk.priority), 'priority'],
        ['counter.field.lang', tr(h('span', { 'data-lang': tk.lang }), tk.lang === 'ru' ? 'counter.lang.ru' : 'counter.lang.kk'), 'lang'],
        ['counter.field.arrived', timeOf(arrivedAt(tk)), 'arrived'],
        ['counter.field.recalls', String(tk.recalls ?? 0), 'recalls'],
      ]),
      tk.redirected ? tr(h('p', { class: 'hint', 'data-note': 'redirected' }), 'counter.current.redirected') : '',
    );
    if (tk.state === 'called') {
      actions.replaceChildren(button('start', true), button('recall'), button('no-show'));
      return;
    }
    if (tk.state === 'serving') {
      const name = uid('outcome');
      const radios = OUTCOMES.map((o) => {
        const r = h('input', { type: 'radio', id: uid(`outcome-${o}`), name, value: o, checked: o === outcome });
        r.addEventListener('change', () => {
          if (r.checked) outcome = o;
        });
        return h('div', { class: 'check' }, r, tr(h('label', { for: r.id }), `counter.outcome.${o}` as MessageKey));
      });
      const finishSet = h('fieldset', { class: 'checks', 'data-field': 'outcome' }, tr(h('legend'), 'counter.outcome.legend'), h('div', { class: 'checks__row' }, ...radios));
      const selId = uid('redirect');
      const others = queues.filter((q) => q.code !== tk.queue);
      if (!others.some((q) => q.code === redirectTo)) redirectTo = others[0]?.code ?? '';
      const sel = h('select', { id: selId, name: 'redirect' }, ...others.map((q) => h('option', { value: q.code, selected: q.code === redirectTo }, `${q.code} — ${pick(q.name).text}`)));
      sel.addEventListener('change', () => {
        redirectTo = sel.value;
      });
      const redirectBtn = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'redirect' }), 'counter.action.redirect');
      redirectBtn.addEventListener('click', () => void redirect(sel.value));
      const redirectId = uid('redirect-group');
      actions.replaceChildren(
        h('div', { class: 'counter-finish' }, finishSet, button('finish', true)),
        others.length
          ? h(
              'div',
              { class: 'counter-redirect', role: 'group', 'aria-labelledby': redirectId },
              tr(h('h3', { id: redirectId }), 'counter.redirect.heading'),
              h('div', { class: 'field' }, tr(h('label', { for: selId }), 'counter.redirect.queue'), h('div', { class: 'search__row' }, sel, redirectBtn)),
            )
          : '',
        h('div', { class: 'actions' }, button('park')),
      );
      return;
    }
    actions.replaceChildren(button('call-next', true));
  };

  const renderParked = () => {
    const list: Parked[] = queue?.parked ? queue.parked.map((t) => ({ id: t.id, number: t.number })) : parked;
    if (!list.length) {
      parkBox.replaceChildren(note('counter.parked.none', 'no-parked'));
      return;
    }
    parkBox.replaceChildren(
      h(
        'ul',
        { class: 'counter-parked' },
        ...list.map((p) => {
          const b = tr(h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'resume', 'data-ticket': String(p.id) }), 'counter.action.resume', { number: p.number });
          b.disabled = !!current;
          b.addEventListener('click', () => void resume(p));
          return h('li', { 'data-ticket': String(p.id) }, h('span', { class: 'counter-parked__number' }, p.number), ' ', b);
        }),
      ),
    );
  };

  const renderWaiting = () => {
    const items = (queue?.waiting ?? []).slice().sort((a, b) => a.queue.localeCompare(b.queue) || (a.position ?? 0) - (b.position ?? 0));
    if (!items.length) {
      waitBox.replaceChildren(note('counter.waiting.none', 'no-waiting'));
      return;
    }
    const table = h(
      'table',
      { class: 'data-table' },
      tr(h('caption'), 'counter.waiting.caption', { n: items.length }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...(['counter.col.number', 'counter.col.queue', 'counter.col.position', 'counter.col.priority', 'counter.col.lang', 'counter.col.arrived', 'counter.col.wait', 'counter.col.action'] as MessageKey[]).map((k) =>
            tr(h('th', { scope: 'col' }), k),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...items.map((t) => {
          const call = tr(h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'call' }), 'counter.action.call', { number: t.number });
          call.disabled = !!current;
          call.addEventListener('click', () => void callOne(t));
          return h(
            'tr',
            { 'data-ticket': String(t.id), 'data-number': t.number },
            h('th', { scope: 'row', 'data-field': 'number' }, t.number),
            h('td', { 'data-field': 'queue' }, queueNameEl(t)),
            h('td', { 'data-field': 'position' }, t.position === null ? '—' : String(t.position + 1)),
            h('td', { 'data-field': 'priority' }, priorityEl(t.priority)),
            h('td', { 'data-field': 'lang' }, t.lang.toUpperCase()),
            h('td', { 'data-field': 'arrived' }, timeOf(arrivedAt(t))),
            h('td', { 'data-field': 'wait' }, waitEl(t.estimated_wait_min)),
            h('td', {}, call),
          );
        }),
      ),
    );
    waitBox.replaceChildren(scrollBox(table));
  };

  const renderAll = () => {
    if (!win) return;
    renderCurrent();
    consult.update(current, win.kind);
    renderParked();
    renderWaiting();
  };

  // ---- loading ----
  const load = async () => {
    try {
      const [q, qs] = await Promise.all([branchQueue(branchId), queues.length ? Promise.resolve(queues) : listQueues(branchId)]);
      if (!alive()) return;
      queue = q;
      queues = qs;
      const mine = q.windows.find((w) => windowEmployeeId(w) === user.id) ?? null;
      if (!mine) {
        win = null;
        body.replaceChildren(note('counter.not_seated', 'not-seated'));
        return;
      }
      if (!win || win.id !== mine.id) {
        win = mine;
        parked = readParked(mine.id);
        tr(h1, 'counter.heading_window', { number: mine.number });
        body.replaceChildren(curSec.section, consult.section, parkSec.section, waitSec.section, keys);
      }
      const cur = await currentTicket(mine.id);
      if (!alive()) return;
      current = cur;
      renderAll();
    } catch (e) {
      if (alive()) showQueueError(error, e);
    }
  };

  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const reloadSoon = () => {
    if (reloadTimer) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      if (!busy) void load();
    }, 300);
  };

  // ---- moves ----
  const run = async (what: () => Promise<Ticket>, done: (t: Ticket) => { key: MessageKey; params?: Params }, focusAfter = true) => {
    if (busy || !win) return;
    busy = true;
    clearError(error);
    showError(notice, null);
    body.setAttribute('aria-busy', 'true');
    try {
      const t = await what();
      if (!alive()) return;
      current = t.state === 'called' || t.state === 'serving' ? t : null;
      const msg = done(t);
      tr(notice, msg.key, msg.params);
      await load();
    } catch (e) {
      if (!alive()) return;
      showQueueError(error, e);
      if (e instanceof ApiError && (e.code === 'wrong_state' || e.code === 'window_busy')) await load();
    } finally {
      busy = false;
      body.removeAttribute('aria-busy');
    }
    if (focusAfter && alive()) (actions.querySelector<HTMLElement>('button.button--primary') ?? curSec.heading).focus();
  };

  const stateName = (s: string) => tDyn(`queue.state.${s}`, s);

  const act = async (action: Action) => {
    if (!win) return;
    const w = win;
    if (action === 'call-next') {
      await run(() => callNext(w.id), (t) => ({ key: 'counter.done.called', params: { number: t.number, window: t.window?.number ?? w.number } }));
      return;
    }
    const tk = current;
    if (!tk) {
      tr(error, 'counter.error.no_current');
      error.dataset.code = 'no_current';
      return;
    }
    if (action === 'finish') {
      await run(() => finishTicket(tk.id, outcome), (t) => ({ key: 'counter.done.finished', params: { number: t.number, outcome: tDyn(`counter.outcome.${outcome}`, outcome) } }));
      return;
    }
    await run(
      () => moveTicket(tk.id, action),
      (t) => {
        if (action === 'park') {
          parked = [...parked.filter((p) => p.id !== t.id), { id: t.id, number: t.number }];
          writeParked(w.id, parked);
        }
        return { key: `counter.done.${action}` as MessageKey, params: { number: t.number, state: stateName(t.state), recalls: t.recalls ?? 0 } };
      },
    );
  };

  const redirect = async (code: string) => {
    const tk = current;
    if (!tk || !code) return;
    await run(() => redirectTicket(tk.id, code), (t) => ({ key: 'counter.done.redirected', params: { number: tk.number, new_number: t.number, queue: pick(t.queue_name).text || t.queue } }));
  };

  const resume = async (p: Parked) => {
    if (!win) return;
    const w = win;
    const forget = () => {
      parked = parked.filter((x) => x.id !== p.id);
      writeParked(w.id, parked);
    };
    await run(
      async () => {
        try {
          return await resumeTicket(p.id, w.id);
        } catch (e) {
          if (e instanceof ApiError && (e.code === 'wrong_state' || e.code === 'ticket_not_found')) forget();
          throw e;
        }
      },
      (t) => {
        forget();
        return { key: 'counter.done.resumed', params: { number: t.number } };
      },
    );
  };

  const callOne = async (t: Ticket) => {
    if (!win) return;
    const w = win;
    await run(() => callTicket(w.id, t.id), (c) => ({ key: 'counter.done.called', params: { number: c.number, window: c.window?.number ?? w.number } }));
  };

  // ---- keyboard ----
  const onKey = (ev: KeyboardEvent) => {
    if (!ev.altKey || !ev.shiftKey || ev.ctrlKey || ev.metaKey || !win) return;
    const letter = ev.code.startsWith('Key') ? ev.code.slice(3) : '';
    const action = (Object.keys(SHORTCUTS) as Action[]).find((a) => SHORTCUTS[a] === letter);
    if (!action) return;
    const b = actions.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
    if (!b || b.disabled) return;
    ev.preventDefault();
    b.click();
  };
  document.addEventListener('keydown', onKey);

  // ---- live ----
  const socket = boardSocket(branchId, { onEvent: () => reloadSoon(), onOpen: () => reloadSoon() });
  const poll = setInterval(() => {
    if (!busy) void load();
  }, POLL_MS);
  onViewEnd(() => {
    socket.close();
    clearInterval(poll);
    if (reloadTimer) clearTimeout(reloadTimer);
    document.removeEventListener('keydown', onKey);
  });
  onViewLang(() => {
    renderAll();
    consult.relang();
  });

  body.replaceChildren(tr(h('p', { 'aria-busy': 'true' }), 'app.loading'));
  void load();
  return nodes;
}
