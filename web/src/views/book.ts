// Booking an appointment by IIN (#/book/{branch_id}; public; R8, R16): the service (queue), a
// day from today to 14 days ahead, a free 15-minute slot (buttons with their free places), the
// IIN (12 digits: the page checks the length and the digits, the server the check digit) and
// an optional phone. The booking's code and slot are shown large with how to check in at the
// kiosk; the cancel form (appointment number, IIN, code) is on the same page.

import { ApiError } from '../api';
import { bookAppointment, cancelAppointment, listQueues, listSlots, type Appointment, type Queue, type Slot, type TicketLang } from '../queue_api';
import { getLang, isMessageKey, onLangChange, tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, apiErrorKey, formatDate, isoOf, noticeBox, onViewEnd, parseIso, pick, setInvalid, setTitle, showError, zonedParts } from '../ui';
import { QUEUE_ZONE } from './queue';
import { normalizePhone } from './kiosk';

export const BOOK_DAYS = 14;

/** 12 digits (the check digit is the server's). */
export const iinLooksValid = (iin: string): boolean => /^\d{12}$/.test(iin);

/** The appointment code as typed: no spaces, upper case. */
export const normalizeCode = (text: string): string => text.replace(/\s+/g, '').toUpperCase();

/** Today in the branch's zone, and the next `days` days (YYYY-MM-DD). */
export function bookingDays(now = new Date(), days = BOOK_DAYS): string[] {
  const today = zonedParts(now.toISOString(), QUEUE_ZONE)?.date ?? now.toISOString().slice(0, 10);
  const p = parseIso(today);
  if (!p) return [today];
  const out: string[] = [];
  for (let i = 0; i <= days; i++) {
    const d = new Date(Date.UTC(p.y, p.m - 1, p.d + i));
    out.push(isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
  }
  return out;
}

/** The text of a failed appointment request: `appt.error.<code>`, `error.<code>` or the generic one. */
export function apptErrorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    const own = `appt.error.${e.code}`;
    if (isMessageKey(own)) return own;
  }
  return apiErrorKey(e);
}

export function showApptError(box: HTMLElement, e: unknown): void {
  box.dataset.code = e instanceof ApiError ? e.code : 'unexpected';
  showError(box, apptErrorKey(e));
}

const slotTime = (start: string) => start.slice(11, 16);
const ticketLang = (): TicketLang => (getLang() === 'kk' ? 'kk' : 'ru');

export function bookView(branchId: number): Node[] {
  setTitle('title.book');
  let alive = true;
  onViewEnd(() => {
    alive = false;
  });
  const error = alertBox();
  error.dataset.field = 'book-error';

  let queues: Queue[] = [];
  let queue: string | null = null;
  let slot: string | null = null;
  let slotsReq = 0;
  let busy = false;

  // ---- service ----
  const queueLegend = uid('book-queue');
  const queueBox = h('fieldset', { class: 'book-queues', 'data-list': 'queues' }, tr(h('legend', { id: queueLegend }), 'book.queue'));
  const queueList = h('div', { class: 'book-options' }, tr(h('p'), 'app.loading'));
  queueBox.append(queueList);

  // ---- day ----
  const dateId = uid('book-date');
  const dateSelect = h('select', { id: dateId, name: 'date' });
  const fillDates = () => {
    const keep = dateSelect.value;
    dateSelect.replaceChildren(...bookingDays().map((d) => h('option', { value: d }, formatDate(d))));
    if (keep) dateSelect.value = keep;
  };
  fillDates();
  onViewEnd(onLangChange(fillDates));

  // ---- slots ----
  const slotsHeading = uid('book-slots');
  const slotsStatus = h('p', { class: 'book-slots__status', role: 'status', 'data-field': 'slots-status' });
  const slotsBox = h('div', { class: 'book-slots', role: 'group', 'aria-labelledby': slotsHeading, 'data-list': 'slots' });
  const slotsSection = h('section', { class: 'book-step', 'aria-labelledby': slotsHeading }, tr(h('h2', { id: slotsHeading }), 'book.slots'), slotsStatus, slotsBox);

  const renderSlots = (items: Slot[]) => {
    const free = items.filter((s) => s.free > 0);
    if (!free.length) {
      slotsBox.replaceChildren();
      tr(slotsStatus, 'book.slots.none');
      return;
    }
    showError(slotsStatus, null);
    slotsBox.replaceChildren(
      ...free.map((s) => {
        const b = h(
          'button',
          { type: 'button', class: 'button book-slot', 'data-slot': s.start, 'aria-pressed': String(s.start === slot) },
          h('span', { class: 'book-slot__time' }, slotTime(s.start)),
          tr(h('span', { class: 'book-slot__free' }), 'book.slot.free', { n: s.free }),
        );
        b.addEventListener('click', () => {
          slot = s.start;
          for (const o of slotsBox.querySelectorAll<HTMLElement>('[data-slot]')) o.setAttribute('aria-pressed', String(o.dataset.slot === slot));
          showError(error, null);
        });
        return b;
      }),
    );
  };

  const loadSlots = async () => {
    const req = ++slotsReq;
    slot = null;
    slotsBox.replaceChildren();
    if (!queue) {
      tr(slotsStatus, 'book.slots.pick_queue');
      return;
    }
    tr(slotsStatus, 'app.loading');
    slotsBox.setAttribute('aria-busy', 'true');
    try {
      const items = await listSlots(branchId, queue, dateSelect.value);
      if (!alive || req !== slotsReq) return;
      renderSlots(items);
    } catch (e) {
      if (!alive || req !== slotsReq) return;
      showError(slotsStatus, null);
      showApptError(error, e);
    } finally {
      if (req === slotsReq) slotsBox.removeAttribute('aria-busy');
    }
  };
  dateSelect.addEventListener('change', () => void loadSlots());

  listQueues(branchId)
    .then((items) => {
      if (!alive) return;
      queues = items;
      if (!queues.length) {
        queueList.replaceChildren(tr(h('p'), 'book.queue.none'));
        return;
      }
      const name = uid('queue');
      queueList.replaceChildren(
        ...queues.map((q, i) => {
          const id = `${name}-${i}`;
          const input = h('input', { type: 'radio', id, name, value: q.code, 'data-queue': q.code });
          input.addEventListener('change', () => {
            if (!input.checked) return;
            queue = q.code;
            void loadSlots();
          });
          const label = h('label', { for: id, class: 'book-option' }, input, ' ', h('span', {}, q.code), ' — ');
          const text = pick(q.name);
          label.append(h('span', { lang: text.lang || null }, text.text || q.code));
          return label;
        }),
      );
    })
    .catch((e) => {
      if (!alive) return;
      queueList.replaceChildren();
      showApptError(error, e);
    });
  tr(slotsStatus, 'book.slots.pick_queue');

  // ---- who ----
  const iinId = uid('book-iin');
  const iinHint = uid('book-iin-hint');
  const iin = h('input', { id: iinId, name: 'iin', type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 12, required: true, 'aria-describedby': iinHint });
  const phoneId = uid('book-phone');
  const phoneHint = uid('book-phone-hint');
  const phone = h('input', { id: phoneId, name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 20, 'aria-describedby': phoneHint });
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'book' }), 'book.submit');

  const form = h(
    'form',
    { class: 'book-form', novalidate: true },
    queueBox,
    h('div', { class: 'field' }, tr(h('label', { for: dateId }), 'book.date'), dateSelect),
    slotsSection,
    h('div', { class: 'field' }, tr(h('label', { for: iinId }), 'book.iin'), tr(h('span', { id: iinHint, class: 'hint' }), 'book.iin.hint'), iin),
    h('div', { class: 'field' }, tr(h('label', { for: phoneId }), 'book.phone'), tr(h('span', { id: phoneHint, class: 'hint' }), 'book.phone.hint'), phone),
    submit,
  );

  // ---- the booking ----
  const resultHeading = uid('book-result');
  const result = h('section', { class: 'book-result', 'aria-labelledby': resultHeading, 'data-field': 'booking', hidden: true });

  // ---- cancel ----
  const cancelHeading = uid('book-cancel');
  const cIdId = uid('cancel-id');
  const cIinId = uid('cancel-iin');
  const cCodeId = uid('cancel-code');
  const cId = h('input', { id: cIdId, name: 'appointment', type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 16 });
  const cIin = h('input', { id: cIinId, name: 'cancel-iin', type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 12 });
  const cCode = h('input', { id: cCodeId, name: 'code', type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 6 });
  const cError = alertBox();
  cError.dataset.field = 'cancel-error';
  const cNotice = noticeBox();
  cNotice.dataset.field = 'cancel-notice';
  const cSubmit = tr(h('button', { type: 'submit', class: 'button', 'data-action': 'cancel' }), 'book.cancel.submit');
  const cancelForm = h(
    'form',
    { class: 'book-cancel', novalidate: true, 'aria-labelledby': cancelHeading },
    tr(h('h2', { id: cancelHeading }), 'book.cancel.heading'),
    tr(h('p'), 'book.cancel.lead'),
    cError,
    cNotice,
    h('div', { class: 'field' }, tr(h('label', { for: cIdId }), 'book.cancel.id'), cId),
    h('div', { class: 'field' }, tr(h('label', { for: cIinId }), 'book.iin'), cIin),
    h('div', { class: 'field' }, tr(h('label', { for: cCodeId }), 'book.code'), cCode),
    cSubmit,
  );

  const showBooking = (a: Appointment) => {
    const date = a.slot.slice(0, 10);
    result.hidden = false;
    result.replaceChildren(
      tr(h('h2', { id: resultHeading, tabindex: '-1' }), 'book.done.heading'),
      h(
        'dl',
        { class: 'book-facts' },
        h('div', {}, tr(h('dt'), 'book.code'), h('dd', { class: 'book-code', 'data-field': 'code' }, a.code ?? '')),
        h('div', {}, tr(h('dt'), 'book.done.when'), h('dd', { class: 'book-when', 'data-field': 'slot' }, h('time', { datetime: a.slot }, `${formatDate(date)}, ${slotTime(a.slot)}`))),
        h('div', {}, tr(h('dt'), 'book.queue'), h('dd', { 'data-field': 'queue' }, (() => {
          const q = queues.find((x) => x.code === a.queue);
          const p = pick(q?.name);
          return h('span', { lang: p.lang || null }, p.text || a.queue);
        })())),
        h('div', {}, tr(h('dt'), 'book.cancel.id'), h('dd', { 'data-field': 'appointment-id' }, String(a.id))),
      ),
      tr(h('p', { class: 'book-howto' }), 'book.done.howto'),
      tr(h('p', { class: 'book-keep' }), 'book.done.keep'),
    );
    cId.value = String(a.id);
    cIin.value = iin.value.trim();
    cCode.value = a.code ?? '';
    result.querySelector<HTMLElement>('h2')?.focus();
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    showError(error, null);
    delete error.dataset.code;
    setInvalid(iin, false);
    setInvalid(phone, false);
    const fail = (key: MessageKey, code: string, focus: HTMLElement) => {
      error.dataset.code = code;
      showError(error, key);
      focus.focus();
    };
    if (!queue) return fail('book.need.queue', 'need_queue', queueList.querySelector<HTMLElement>('input') ?? queueList);
    if (!slot) return fail('book.need.slot', 'need_slot', slotsBox.querySelector<HTMLElement>('button') ?? dateSelect);
    const iinValue = iin.value.replace(/\s+/g, '');
    if (!iinLooksValid(iinValue)) {
      setInvalid(iin, true);
      return fail('book.need.iin', 'iin_format', iin);
    }
    let phoneValue: string | null = null;
    if (phone.value.trim()) {
      phoneValue = normalizePhone(phone.value);
      if (!phoneValue) {
        setInvalid(phone, true);
        return fail('kiosk.phone.invalid', 'phone_invalid', phone);
      }
    }
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const body: { iin: string; queue: string; slot_start: string; phone?: string; lang: TicketLang } = { iin: iinValue, queue, slot_start: slot, lang: ticketLang() };
      if (phoneValue) body.phone = phoneValue;
      const a = await bookAppointment(branchId, body);
      if (!alive) return;
      showBooking(a);
    } catch (e) {
      if (!alive) return;
      showApptError(error, e);
      if (e instanceof ApiError && e.code === 'invalid_iin') {
        setInvalid(iin, true);
        iin.focus();
      } else if (e instanceof ApiError && (e.code === 'slot_full' || e.code === 'slot_past' || e.code === 'slot_unavailable')) {
        void loadSlots();
      }
    } finally {
      busy = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  let cBusy = false;
  cancelForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (cBusy) return;
    showError(cError, null);
    showError(cNotice, null);
    delete cError.dataset.code;
    const id = Number(cId.value.trim());
    const iinValue = cIin.value.replace(/\s+/g, '');
    const code = normalizeCode(cCode.value);
    setInvalid(cId, false);
    setInvalid(cIin, false);
    setInvalid(cCode, false);
    const bad = !Number.isInteger(id) || id < 1 ? cId : !iinLooksValid(iinValue) ? cIin : code.length !== 6 ? cCode : null;
    if (bad) {
      setInvalid(bad, true);
      cError.dataset.code = 'form';
      showError(cError, 'book.cancel.need');
      bad.focus();
      return;
    }
    cBusy = true;
    cSubmit.disabled = true;
    try {
      await cancelAppointment(id, { iin: iinValue, code });
      if (!alive) return;
      tr(cNotice, 'book.cancel.done', { id });
      if (result.querySelector(`[data-field="appointment-id"]`)?.textContent === String(id)) result.hidden = true;
      if (queue) void loadSlots();
    } catch (e) {
      if (!alive) return;
      showApptError(cError, e);
    } finally {
      cBusy = false;
      cSubmit.disabled = false;
    }
  });

  return [
    tr(h('h1', { tabindex: '-1' }), 'book.heading'),
    tr(h('p', { class: 'lead' }), 'book.lead'),
    error,
    form,
    result,
    cancelForm,
  ];
}
