// The hall's board (#/board/{branch_id}; public, a TV; R8, R16): the latest calls, number →
// window, large and high-contrast, in Kazakh and Russian at once, the newest one highlighted.
// Live through the board's WebSocket: it reconnects by itself (with growing pauses) and reloads
// the list on every (re)connect, so the page never needs a reload; a visible indicator says
// whether it is connected. Each new call is said aloud when the server gives its recordings
// (Kazakh, then Russian); a browser that blocks sound gets a button to allow it.

import { ApiError } from '../api';
import { boardSocket, getBoard, type BoardCall, type BoardEvent } from '../queue_api';
import { tIn, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { onViewEnd, setTitle } from '../ui';
import { both, bothText, timeOf } from './queue';

/** The call's text in a language: the server's, or built from the catalog. */
function callText(c: BoardCall, lang: 'kk' | 'ru'): string {
  return c.text?.[lang]?.trim() || tIn(lang, 'board.call_text', { number: c.number, window: c.window });
}

export function boardView(branchId: number): Node[] {
  setTitle('title.board');
  let alive = true;
  let calls: BoardCall[] = [];
  /** The newest call (number and window) at the last render: a change is a new call. */
  let lastKey: string | null = null;
  let loaded = false;

  const headingId = uid('board-heading');
  const conn = h('p', { class: 'board-conn', role: 'status', 'data-field': 'connection', 'data-state': 'connecting' });
  const error = h('div', { class: 'alert board-alert', role: 'alert', 'data-field': 'board-error' });
  const announce = h('p', { class: 'visually-hidden', 'aria-live': 'assertive', 'data-field': 'announce' });
  const list = h('div', { class: 'board-list', 'data-list': 'calls' });
  const sound = h('button', { type: 'button', class: 'button board-sound', 'data-action': 'sound', hidden: true }, ...both('board.sound'));
  const setConn = (state: 'connecting' | 'connected' | 'reconnecting') => {
    conn.dataset.state = state;
    const key: MessageKey = state === 'connected' ? 'board.connected' : state === 'reconnecting' ? 'board.reconnecting' : 'board.connecting';
    conn.replaceChildren(h('span', { class: 'board-conn__dot', 'aria-hidden': 'true' }), ...both(key));
  };
  setConn('connecting');

  const render = () => {
    if (!calls.length) {
      list.replaceChildren(h('p', { class: 'board-empty', 'data-note': 'no-calls' }, ...both('board.none')));
      return;
    }
    const th = (key: MessageKey) => h('th', { scope: 'col' }, h('span', { lang: 'kk' }, tIn('kk', key)), h('br'), h('span', { lang: 'ru' }, tIn('ru', key)));
    const rows = calls.map((c, i) =>
      h(
        'tr',
        { class: i === 0 ? 'board-row board-row--new' : 'board-row', 'data-number': c.number, 'data-window': String(c.window) },
        h('th', { scope: 'row', class: 'board-number', 'data-field': 'number' }, c.number),
        h('td', { class: 'board-arrow', 'aria-hidden': 'true' }, '→'),
        h('td', { class: 'board-window', 'data-field': 'window' }, String(c.window)),
        h('td', { class: 'board-text' }, h('span', { lang: 'kk' }, callText(c, 'kk')), h('br'), h('span', { lang: 'ru' }, callText(c, 'ru'))),
        h('td', { class: 'board-at' }, c.at ? timeOf(c.at) : ''),
      ),
    );
    list.replaceChildren(
      h(
        'table',
        { class: 'board-table' },
        h('caption', { class: 'visually-hidden' }, bothText('board.caption')),
        h('thead', {}, h('tr', {}, th('board.col.number'), h('td', { 'aria-hidden': 'true' }), th('board.col.window'), th('board.col.text'), th('board.col.at'))),
        h('tbody', {}, ...rows),
      ),
    );
  };

  // ---- sound ----
  let chain: Promise<void> = Promise.resolve();
  let blocked: BoardCall | null = null;
  const playOne = (url: string) =>
    new Promise<void>((resolve, reject) => {
      const audio = new Audio(url);
      const done = () => {
        clearTimeout(guard);
        resolve();
      };
      const guard = setTimeout(done, 20_000);
      audio.addEventListener('ended', done);
      audio.addEventListener('error', done);
      audio.play().catch((e: unknown) => {
        clearTimeout(guard);
        if (e instanceof DOMException && e.name === 'NotAllowedError') reject(e);
        else resolve();
      });
    });
  const say = (c: BoardCall) => {
    const urls = [c.audio?.kk, c.audio?.ru].filter((u): u is string => typeof u === 'string' && u !== '');
    if (!urls.length) return; // no recordings: the board shows the call only
    chain = chain.then(async () => {
      if (!alive) return;
      try {
        for (const u of urls) await playOne(u);
      } catch {
        blocked = c;
        sound.hidden = false;
      }
    });
  };
  sound.addEventListener('click', () => {
    sound.hidden = true;
    const c = blocked;
    blocked = null;
    if (c) say(c);
  });

  const showCalls = (items: BoardCall[], fromEvent: BoardCall | null) => {
    calls = items.slice(0, 10);
    const first = calls[0];
    const key = first ? `${first.number}→${first.window}@${first.at ?? ''}` : null;
    const isNew = loaded && key !== null && key !== lastKey;
    lastKey = key;
    loaded = true;
    render();
    if (isNew && first) {
      announce.textContent = `${callText(first, 'kk')}. ${callText(first, 'ru')}.`;
      list.querySelector('.board-row--new')?.classList.add('board-row--flash');
    }
    if (fromEvent) say(fromEvent);
  };

  const load = async (fromEvent: BoardCall | null = null) => {
    try {
      const items = await getBoard(branchId);
      if (!alive) return;
      error.textContent = '';
      showCalls(items, fromEvent);
    } catch (e) {
      if (!alive) return;
      if (e instanceof ApiError && (e.code === 'branch_not_found' || e.code === 'invalid_id')) {
        error.replaceChildren(...both('board.no_branch'));
        socket.close();
      }
      // The event's call is shown and said even when the list could not be reloaded.
      if (fromEvent) showCalls([{ ...fromEvent, at: new Date().toISOString() }, ...calls], fromEvent);
    }
  };

  const socket = boardSocket(branchId, {
    onOpen: () => void load(),
    onState: (ok) => setConn(ok ? 'connected' : 'reconnecting'),
    // While the socket is down, the list still follows through plain requests.
    onRetry: () => void load(),
    onEvent: (ev: BoardEvent) => {
      if (ev.type === 'call' && typeof ev.number === 'string') {
        void load({ number: ev.number, window: Number(ev.window), text: ev.text as BoardCall['text'], audio: ev.audio as BoardCall['audio'] });
      }
    },
  });
  onViewEnd(() => {
    alive = false;
    socket.close();
  });
  render();
  void load();

  const header = h(
    'header',
    { class: 'board-head' },
    h('h1', { id: headingId, class: 'board-heading', tabindex: '-1' }, ...both('board.heading')),
    conn,
    sound,
  );
  return [header, error, list, announce];
}
