// The queue kiosk of a branch (#/kiosk/{branch_id}; public, a touch screen in the hall; R8, R16,
// R19): the language first (Kazakh or Russian: the ticket, its SMS and the call are in it), then
// the queue, a priority (people with disabilities, elderly people, pregnant women are called
// first) and a phone for an SMS, each on its own screen with very large buttons. The ticket is
// shown huge with its queue, time, the people ahead and the estimated wait, and a QR code and a
// link to follow it on a phone; the kiosk goes back to the start after 20 s, or at once with a
// button (more time can be asked). Left half-way, it goes back to the start after 90 s. When the
// branch serves by appointment only (R8), walk-in tickets are offered for consultation only and
// the screen points to the check-in with the booking code.

import { ApiError } from '../api';
import { PRIORITIES, arrivedAt, checkIn, getAppointmentOnly, listQueues, takeTicket, ticketPdfUrl, type Priority, type Queue, type Ticket, type TicketLang } from '../queue_api';
import { isMessageKey, setLang, t, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { onViewEnd, setInvalid, setTitle } from '../ui';
import { qrSvg } from '../qr';
import { aheadEl, both, clearError, facts, nameIn, showQueueError, timeOf, waitEl } from './queue';

const RETURN_AFTER_S = 20;
const IDLE_RESET_MS = 90_000;

type Step = 'lang' | 'queue' | 'priority' | 'phone' | 'appt' | 'ticket';

/** "+7 701 123 45 67", "87011234567", "7011234567" → "+77011234567"; null when it is not a Kazakh mobile number. */
export function normalizePhone(text: string): string | null {
  let d = text.replace(/[^\d+]/g, '');
  if (d.startsWith('+')) d = d.slice(1);
  if (d.includes('+')) return null;
  if (d.length === 11 && (d.startsWith('8') || d.startsWith('7'))) d = d.slice(1);
  if (!/^\d{10}$/.test(d)) return null;
  return `+7${d}`;
}

/** The address that follows the ticket on a phone. */
export function ticketLink(t: Pick<Ticket, 'id'>, token: string): string {
  return `${location.origin}${location.pathname}#/ticket/${t.id}?token=${encodeURIComponent(token)}`;
}

export function kioskView(branchId: number): Node[] {
  setTitle('title.kiosk');
  const screen = h('div', { class: 'kiosk', 'data-step': 'lang' });
  let alive = true;
  let lang: TicketLang = 'kk';
  let queues: Queue[] | null = null;
  /** The branch serves by appointment only (null: not known yet). */
  let apptOnly: boolean | null = null;
  let queue: Queue | null = null;
  let priority: Priority = 'none';
  let phone = '';
  let ticket: Ticket | null = null;
  let countdown: ReturnType<typeof setInterval> | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  let busy = false;

  const stopTimers = () => {
    if (countdown) clearInterval(countdown);
    countdown = null;
    if (idle) clearTimeout(idle);
    idle = null;
  };
  const armIdle = (step: Step) => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (step !== 'lang' && step !== 'ticket') idle = setTimeout(() => alive && show('lang'), IDLE_RESET_MS);
  };
  const onActivity = () => {
    const step = screen.dataset.step as Step;
    armIdle(step);
  };
  document.addEventListener('pointerdown', onActivity, true);
  document.addEventListener('keydown', onActivity, true);
  onViewEnd(() => {
    alive = false;
    stopTimers();
    document.removeEventListener('pointerdown', onActivity, true);
    document.removeEventListener('keydown', onActivity, true);
  });

  const error = h('div', { class: 'alert kiosk-alert', role: 'alert', 'data-field': 'kiosk-error' });

  const big = (key: MessageKey, action: string, attrs: Record<string, string> = {}) =>
    tr(h('button', { type: 'button', class: 'button kiosk-button', 'data-action': action, ...attrs }), key);

  const nav = (back: Step | null) => {
    const row = h('div', { class: 'kiosk-nav' });
    if (back) {
      const b = big('kiosk.back', 'back');
      b.classList.add('kiosk-button--secondary');
      b.addEventListener('click', () => show(back));
      row.append(b);
    }
    const again = big('kiosk.start_over', 'start-over');
    again.classList.add('kiosk-button--secondary');
    again.addEventListener('click', () => show('lang'));
    row.append(again);
    return row;
  };

  const heading = (key: MessageKey) => tr(h('h1', { class: 'kiosk-heading', tabindex: '-1' }), key);

  // ---- screens ----

  const langScreen = (): Node[] => {
    const title = h('h1', { class: 'kiosk-heading kiosk-heading--both', tabindex: '-1' }, ...both('kiosk.lang.heading', undefined, ' / '));
    const buttons = (['kk', 'ru'] as TicketLang[]).map((l) => {
      const b = h('button', { type: 'button', class: 'button kiosk-button kiosk-button--lang', lang: l, 'data-lang': l, 'data-action': `lang-${l}` }, l === 'kk' ? 'Қазақша' : 'Русский');
      b.addEventListener('click', async () => {
        lang = l;
        // The kiosk speaks the chosen language: the whole page follows it.
        await setLang(l).catch(() => undefined);
        if (alive) show('queue');
      });
      return b;
    });
    return [title, h('p', { class: 'kiosk-lead' }, ...both('kiosk.lang.lead', undefined, ' / ')), error, h('div', { class: 'kiosk-choices kiosk-choices--two' }, ...buttons)];
  };

  const queueScreen = (): Node[] => {
    const box = h('div', { class: 'kiosk-choices', 'data-list': 'queues' });
    const apptNote = tr(h('p', { class: 'kiosk-lead kiosk-apptonly', 'data-note': 'appointment-only', hidden: true }), 'kiosk.apptonly.note');
    const appt = big('kiosk.appt.entry', 'appointment');
    appt.classList.add('kiosk-button--secondary', 'kiosk-button--appt');
    appt.addEventListener('click', () => show('appt'));
    const fill = () => {
      // By appointment only: the booking's check-in comes first, walk-in tickets for consultation only.
      apptNote.hidden = apptOnly !== true;
      appt.classList.toggle('kiosk-button--primary', apptOnly === true);
      appt.classList.toggle('kiosk-button--secondary', apptOnly !== true);
      if (!queues || apptOnly === null) {
        box.replaceChildren(tr(h('p', { class: 'kiosk-lead' }), 'app.loading'));
        return;
      }
      const offered = apptOnly ? queues.filter((q) => q.kind === 'consultation') : queues;
      if (!offered.length) {
        box.replaceChildren(apptOnly ? '' : tr(h('p', { class: 'kiosk-lead', 'data-note': 'no-queues' }), 'kiosk.queue.none'));
        return;
      }
      box.replaceChildren(
        ...offered.map((q) => {
          const b = h(
            'button',
            { type: 'button', class: 'button kiosk-button kiosk-button--queue', 'data-action': 'queue', 'data-queue': q.code },
            h('span', { class: 'kiosk-button__letter', 'aria-hidden': 'true' }, q.code),
            h('span', { class: 'kiosk-button__text' }, nameIn(q.name, lang) || q.code),
          );
          b.addEventListener('click', () => {
            queue = q;
            show('priority');
          });
          return b;
        }),
      );
    };
    fill();
    if (!queues) {
      listQueues(branchId)
        .then((items) => {
          queues = items;
          if (alive && screen.dataset.step === 'queue') fill();
        })
        .catch((e) => {
          if (alive) showQueueError(error, e);
          box.replaceChildren();
        });
    }
    // Asked again on every visit of this screen: the manager may switch it during the day.
    readApptOnly().then(() => {
      if (alive && screen.dataset.step === 'queue') fill();
    });
    return [heading('kiosk.queue.heading'), tr(h('p', { class: 'kiosk-lead' }), 'kiosk.queue.lead'), apptNote, error, box, appt, nav('lang')];
  };

  const priorityScreen = (): Node[] => {
    const buttons = PRIORITIES.map((p) => {
      const b = big(`kiosk.priority.${p}` as MessageKey, 'priority', { 'data-priority': p });
      if (p === 'none') b.classList.add('kiosk-button--plain');
      b.addEventListener('click', () => {
        priority = p;
        show('phone');
      });
      return b;
    });
    return [heading('kiosk.priority.heading'), tr(h('p', { class: 'kiosk-lead' }), 'kiosk.priority.lead'), error, h('div', { class: 'kiosk-choices', 'data-list': 'priorities' }, ...buttons), nav('queue')];
  };

  const phoneScreen = (): Node[] => {
    const inputId = uid('kiosk-phone');
    const hintId = uid('kiosk-phone-hint');
    const input = h('input', {
      id: inputId,
      name: 'phone',
      type: 'tel',
      inputmode: 'tel',
      autocomplete: 'off',
      maxlength: 20,
      class: 'kiosk-input',
      placeholder: '+7 7__ ___ __ __',
      'aria-describedby': `${hintId}`,
    });
    input.value = phone;
    const keypad = h('div', { class: 'kiosk-keypad', role: 'group' });
    keypad.setAttribute('aria-label', t('kiosk.phone.keypad'));
    keypad.dataset.i18nAttr = 'aria-label=kiosk.phone.keypad';
    const press = (k: string) => {
      if (k === 'del') input.value = input.value.slice(0, -1);
      else if (k === 'clear') input.value = '';
      else if (input.value.replace(/\D/g, '').length < 12) input.value += k;
      setInvalid(input, false);
    };
    for (const k of ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'del']) {
      const b = h('button', { type: 'button', class: 'button kiosk-key', 'data-key': k });
      if (k === 'del') {
        b.textContent = '⌫';
        b.setAttribute('aria-label', t('kiosk.phone.delete'));
        b.dataset.i18nAttr = 'aria-label=kiosk.phone.delete';
      } else if (k === 'clear') tr(b, 'kiosk.phone.clear');
      else b.textContent = k;
      b.addEventListener('click', () => press(k));
      keypad.append(b);
    }
    const take = big('kiosk.phone.take', 'take');
    take.classList.add('kiosk-button--primary');
    const skip = big('kiosk.phone.skip', 'skip');
    const submit = async (withPhone: boolean) => {
      if (busy) return;
      clearError(error);
      let p: string | null = null;
      if (withPhone && input.value.trim()) {
        p = normalizePhone(input.value);
        if (!p) {
          setInvalid(input, true);
          tr(error, 'kiosk.phone.invalid');
          error.dataset.code = 'phone_invalid';
          input.focus();
          return;
        }
      }
      phone = withPhone ? input.value : '';
      await issue(p, [take, skip]);
    };
    take.addEventListener('click', () => void submit(true));
    skip.addEventListener('click', () => void submit(false));
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        void submit(true);
      }
    });
    return [
      heading('kiosk.phone.heading'),
      tr(h('p', { class: 'kiosk-lead' }), 'kiosk.phone.lead'),
      tr(h('p', { class: 'kiosk-lead kiosk-sms', 'data-note': 'sms' }), 'kiosk.phone.sms_when'),
      error,
      h(
        'div',
        { class: 'kiosk-phone' },
        h('div', { class: 'field' }, tr(h('label', { for: inputId, class: 'kiosk-label' }), 'kiosk.phone.field'), tr(h('span', { id: hintId, class: 'hint' }), 'kiosk.phone.hint'), input),
        keypad,
      ),
      h('div', { class: 'kiosk-choices kiosk-choices--two' }, take, skip),
      nav('priority'),
    ];
  };

  const issue = async (p: string | null, buttons: HTMLButtonElement[]) => {
    if (!queue) return show('queue');
    busy = true;
    for (const b of buttons) b.disabled = true;
    screen.setAttribute('aria-busy', 'true');
    try {
      const body: { queue: string; lang: TicketLang; priority: Priority; phone?: string } = { queue: queue.code, lang, priority };
      if (p) body.phone = p;
      ticket = await takeTicket(branchId, body);
      if (alive) show('ticket');
    } catch (e) {
      if (!alive) return;
      showQueueError(error, e);
      // A closed center or an unknown queue: back to the choice is the only way on.
      if (e instanceof ApiError && e.code === 'queue_unknown') queues = null;
      // Switched to appointments only meanwhile: the queue screen offers what is left.
      if (e instanceof ApiError && e.code === 'appointment_only') apptOnly = true;
      (buttons[0] ?? error).focus();
    } finally {
      busy = false;
      for (const b of buttons) b.disabled = false;
      screen.removeAttribute('aria-busy');
    }
  };


  // "I have an appointment": the IIN and the booking's code give the ticket (check-in).
  const apptScreen = (): Node[] => {
    const field = (key: MessageKey, hint: MessageKey, attrs: Record<string, string | number>) => {
      const id = uid('kiosk-appt');
      const hintId = uid('kiosk-appt-hint');
      const input = h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', class: 'kiosk-input', 'aria-describedby': hintId, ...attrs });
      const el = h('div', { class: 'field' }, tr(h('label', { for: id, class: 'kiosk-label' }), key), tr(h('span', { id: hintId, class: 'hint' }), hint), input);
      return { el, input };
    };
    const iin = field('kiosk.appt.iin', 'kiosk.appt.iin_hint', { name: 'iin', inputmode: 'numeric', maxlength: 12 });
    const code = field('kiosk.appt.code', 'kiosk.appt.code_hint', { name: 'code', maxlength: 6, autocapitalize: 'characters' });
    const go = big('kiosk.appt.submit', 'check-in');
    go.classList.add('kiosk-button--primary');
    const normal = big('kiosk.appt.take_normal', 'take-normal');
    normal.hidden = true;
    normal.addEventListener('click', () => show('queue'));
    const submit = async () => {
      if (busy) return;
      clearError(error);
      normal.hidden = true;
      setInvalid(iin.input, false);
      setInvalid(code.input, false);
      const iinValue = iin.input.value.replace(/\s+/g, '');
      const codeValue = code.input.value.replace(/\s+/g, '').toUpperCase();
      const bad = !/^\d{12}$/.test(iinValue) ? iin.input : codeValue.length !== 6 ? code.input : null;
      if (bad) {
        setInvalid(bad, true);
        tr(error, bad === iin.input ? 'kiosk.appt.iin_invalid' : 'kiosk.appt.code_invalid');
        error.dataset.code = bad === iin.input ? 'iin_format' : 'code_format';
        bad.focus();
        return;
      }
      busy = true;
      go.disabled = true;
      screen.setAttribute('aria-busy', 'true');
      try {
        ticket = await checkIn(branchId, { iin: iinValue, code: codeValue });
        if (alive) show('ticket');
      } catch (e) {
        if (!alive) return;
        const c = e instanceof ApiError ? e.code : 'unexpected';
        error.dataset.code = c;
        const own = `kiosk.appt.error.${c}`;
        if (isMessageKey(own)) tr(error, own);
        else showQueueError(error, e);
        if (c === 'invalid_iin') setInvalid(iin.input, true);
        if (c === 'too_late') {
          normal.hidden = false;
          normal.focus();
        } else go.focus();
      } finally {
        busy = false;
        go.disabled = false;
        screen.removeAttribute('aria-busy');
      }
    };
    go.addEventListener('click', () => void submit());
    for (const f of [iin.input, code.input]) {
      f.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') {
          ev.preventDefault();
          void submit();
        }
      });
    }
    return [
      heading('kiosk.appt.heading'),
      tr(h('p', { class: 'kiosk-lead' }), 'kiosk.appt.lead'),
      error,
      h('div', { class: 'kiosk-appt' }, iin.el, code.el),
      h('div', { class: 'kiosk-choices kiosk-choices--two' }, go, normal),
      nav('queue'),
    ];
  };

  const ticketScreen = (): Node[] => {
    const tk = ticket;
    if (!tk) return langScreen();
    const token = tk.token ?? '';
    const link = ticketLink(tk, token);
    const seconds = h('span', { 'data-field': 'countdown' }, String(RETURN_AFTER_S));
    let left = RETURN_AFTER_S;
    const tick = () => {
      left -= 1;
      seconds.textContent = String(Math.max(0, left));
      if (left <= 0) show('lang');
    };
    countdown = setInterval(() => alive && tick(), 1000);
    const more = big('kiosk.ticket.more_time', 'more-time');
    more.classList.add('kiosk-button--secondary');
    more.addEventListener('click', () => {
      left = RETURN_AFTER_S * 3;
      seconds.textContent = String(left);
    });
    const done = big('kiosk.ticket.done', 'done');
    done.classList.add('kiosk-button--primary');
    done.addEventListener('click', () => show('lang'));
    const numberId = uid('ticket-number');
    const qr = qrSvg(link);
    return [
      heading('kiosk.ticket.heading'),
      h(
        'div',
        { class: 'kiosk-ticket', 'data-ticket': String(tk.id) },
        h('p', { class: 'kiosk-ticket__number', id: numberId, 'data-field': 'number' }, tk.number),
        facts(
          [
            ['kiosk.ticket.queue', nameIn(tk.queue_name ?? queue?.name, lang) || tk.queue, 'queue'],
            ['kiosk.ticket.time', timeOf(arrivedAt(tk)), 'time'],
            ['kiosk.ticket.ahead', aheadEl(tk.position), 'ahead'],
            ['kiosk.ticket.wait', waitEl(tk.estimated_wait_min), 'wait'],
          ],
          'queue-facts queue-facts--kiosk',
        ),
        tr(h('p', { class: 'kiosk-lead' }), 'kiosk.ticket.listen'),
      ),
      h(
        'div',
        { class: 'kiosk-follow' },
        qr ? h('div', { class: 'kiosk-qr', role: 'img', 'aria-label': t('kiosk.ticket.qr'), 'data-i18n-attr': 'aria-label=kiosk.ticket.qr' }, qr) : null,
        h(
          'div',
          {},
          tr(h('p', { class: 'kiosk-lead' }), 'kiosk.ticket.follow'),
          h('p', {}, h('a', { href: link, class: 'kiosk-link', 'data-link': 'follow' }, link)),
          token ? h('p', {}, tr(h('a', { href: ticketPdfUrl(tk.id, token), target: '_blank', rel: 'noopener', 'data-link': 'print' }), 'kiosk.ticket.print')) : null,
        ),
      ),
      h('p', { class: 'kiosk-countdown' }, tr(h('span'), 'kiosk.ticket.returns'), ' ', seconds, ' ', tr(h('span'), 'kiosk.ticket.seconds')),
      h('div', { class: 'kiosk-choices kiosk-choices--two' }, done, more),
    ];
  };

  function show(step: Step, focus = true): void {
    stopTimers();
    clearError(error);
    if (step === 'lang') {
      queue = null;
      priority = 'none';
      phone = '';
      ticket = null;
    }
    screen.dataset.step = step;
    const nodes =
      step === 'lang' ? langScreen() : step === 'queue' ? queueScreen() : step === 'priority' ? priorityScreen() : step === 'phone' ? phoneScreen() : step === 'appt' ? apptScreen() : ticketScreen();
    screen.replaceChildren(...nodes);
    armIdle(step);
    if (focus) screen.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Whether the branch serves by appointment only now; unknown (an error) counts as no. */
  async function readApptOnly(): Promise<void> {
    try {
      apptOnly = (await getAppointmentOnly(branchId)).appointment_only === true;
    } catch {
      apptOnly = apptOnly ?? false;
    }
  }

  // Queues are fetched while the language is chosen.
  void readApptOnly();
  listQueues(branchId)
    .then((items) => {
      queues = items;
    })
    .catch(() => undefined);
  show('lang', false);
  return [screen];
}
