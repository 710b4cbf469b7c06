// A queue ticket followed on the applicant's phone (#/ticket/{id}?token=…; public: the token
// came with the ticket, by its QR code or link). Its state, the people ahead and the estimated
// wait, refreshed every 10 s; once called, "go to window N" in large type, said at once to
// screen readers (and a vibration where the phone has one).

import { ApiError } from '../api';
import { arrivedAt, getTicket, ticketPdfUrl, type Ticket } from '../queue_api';
import { tDyn, tr } from '../i18n';
import { h } from '../dom';
import { alertBox, onViewEnd, onViewLang, setTitle } from '../ui';
import { FINAL_STATES, aheadEl, facts, queueErrorKey, queueNameEl, stateEl, timeOf, waitEl } from './queue';

const POLL_MS = 10_000;

export function ticketView(id: number, token: string): Node[] {
  setTitle('title.ticket');
  let alive = true;
  let ticket: Ticket | null = null;
  let lastState: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;

  const h1 = tr(h('h1', { tabindex: '-1' }), 'ticket.heading');
  const error = alertBox();
  error.dataset.field = 'ticket-error';
  /** Said at once when the ticket is called. */
  const callout = h('div', { class: 'ticket-call-slot', role: 'alert', 'data-field': 'callout' });
  /** Said politely: the state and the people ahead when they change. */
  const live = h('p', { class: 'visually-hidden', role: 'status', 'data-field': 'ticket-status' });
  const body = h('div', { class: 'ticket-body' });
  const updated = h('p', { class: 'hint', 'data-field': 'updated' });

  const render = () => {
    const tk = ticket;
    if (!tk) return;
    setTitle('title.ticket_number', { number: tk.number });
    tr(h1, 'ticket.heading_number', { number: tk.number });
    const called = tk.state === 'called' && tk.window;
    callout.replaceChildren(
      called
        ? h(
            'div',
            { class: 'ticket-call', 'data-window': String(tk.window?.number ?? '') },
            tr(h('p', { class: 'ticket-call__text' }), 'ticket.go_to_window', { window: tk.window?.number ?? '' }),
            (tk.recalls ?? 0) > 0 ? tr(h('p', { class: 'ticket-call__recall' }), 'ticket.recalled') : null,
          )
        : '',
    );
    const more: Parameters<typeof facts>[0] = [
      ['ticket.queue', queueNameEl(tk), 'queue'],
      ['ticket.taken_at', timeOf(arrivedAt(tk)), 'taken_at'],
    ];
    if (tk.state === 'waiting') {
      more.unshift(['ticket.state', stateEl(tk.state), 'state'], ['ticket.ahead', aheadEl(tk.position), 'ahead'], ['ticket.wait', waitEl(tk.estimated_wait_min), 'wait']);
    }
    else more.unshift(['ticket.state', stateEl(tk.state), 'state']);
    if (tk.window && tk.state !== 'waiting') more.push(['ticket.window', String(tk.window.number), 'window']);
    const note =
      tk.state === 'serving'
        ? 'ticket.note.serving'
        : tk.state === 'parked'
          ? 'ticket.note.parked'
          : tk.state === 'no_show'
            ? 'ticket.note.no_show'
            : FINAL_STATES.includes(tk.state)
              ? 'ticket.note.done'
              : tk.state === 'waiting'
                ? 'ticket.note.waiting'
                : null;
    body.replaceChildren(
      h('p', { class: 'ticket-number', 'data-field': 'number' }, tk.number),
      facts(more),
      note ? tr(h('p', { class: 'lead', 'data-note': tk.state }), note) : '',
      h('p', {}, tr(h('a', { href: ticketPdfUrl(tk.id, token), target: '_blank', rel: 'noopener', 'data-link': 'print' }), 'ticket.print')),
    );
  };

  const announce = (tk: Ticket) => {
    if (tk.state === lastState) return;
    const first = lastState === null;
    lastState = tk.state;
    if (tk.state === 'called') {
      try {
        navigator.vibrate?.([300, 150, 300]);
      } catch {
        // No vibration: the text is enough.
      }
      return; // the callout (role=alert) says it
    }
    if (!first) tr(live, 'ticket.state_now', { state: tDyn(`queue.state.${tk.state}`, tk.state) });
  };

  const schedule = () => {
    if (!alive || (ticket && FINAL_STATES.includes(ticket.state))) return;
    timer = setTimeout(() => void load(), POLL_MS);
  };

  const load = async () => {
    timer = null;
    controller?.abort();
    controller = new AbortController();
    try {
      const tk = await getTicket(id, token, controller.signal);
      if (!alive) return;
      error.textContent = '';
      ticket = tk;
      render();
      announce(tk);
      tr(updated, 'ticket.updated', { time: new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }) });
    } catch (e) {
      if (!alive || (e instanceof DOMException && e.name === 'AbortError')) return;
      error.dataset.code = e instanceof ApiError ? e.code : 'unexpected';
      tr(error, queueErrorKey(e));
      // A wrong link will not get better: stop asking.
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return;
    }
    schedule();
  };

  // A phone that wakes up asks at once instead of waiting for the next turn.
  const onVisible = () => {
    if (document.visibilityState === 'visible' && alive && timer) {
      clearTimeout(timer);
      void load();
    }
  };
  document.addEventListener('visibilitychange', onVisible);
  onViewEnd(() => {
    alive = false;
    if (timer) clearTimeout(timer);
    controller?.abort();
    document.removeEventListener('visibilitychange', onVisible);
  });
  onViewLang(render);

  if (!token) {
    tr(error, 'ticket.no_token');
  } else void load();
  return [h1, error, callout, live, body, updated, tr(h('p', { class: 'hint' }), 'ticket.auto')];
}
