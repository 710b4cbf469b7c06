// Reception of a provider's results at the center (#/reception, R35, R36): the responsible
// employee chooses the incoming register (or scans its barcode), then scans the packages one
// by one (the scanner types the digits and Enter) and sees what is expected against what came.
// "Finish reception" sends the barcodes: with every listed document there the register is
// accepted and each package moves on; otherwise nothing moves and the act of refusal lists
// what is missing and what is extra.

import { ApiError, type Employee } from '../api';
import {
  actNumber,
  actPdfUrl,
  getRegister,
  listRegisters,
  lookupBarcode,
  receiveRegister,
  type Reception,
  type Register,
  type RegisterLine,
} from '../movement_api';
import { tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, onViewLang, showError } from '../ui';
import {
  actionButton,
  branchViewFrame,
  codeEl,
  dataTable,
  dateEl,
  failIn,
  loader,
  newestFirst,
  note,
  pdfLink,
  providerText,
  refreshButton,
  registerCol,
  registerPdfLinks,
  registerStatusEl,
  scanField,
  scanLog,
  sectionWith,
} from './movement';
import { checkBarcode } from './track';

export const RECEPTION_ROLES = ['issuance', 'collection'];

export function receptionView(user: Employee): Node[] {
  const frame = branchViewFrame(user, 'reception.heading', 'reception.intro');
  if (frame.branchId === null) return frame.nodes;
  const { nodes, branchId, alive } = frame;

  // ---- choosing the register ----
  const chooseSec = sectionWith('reception.choose.heading');
  chooseSec.section.dataset.section = 'choose';
  const chooseError = alertBox();
  const listBox = h('div', { 'data-list': 'incoming' });
  const refresh = refreshButton('reception.choose.refresh');
  const registerScan = scanField(
    'reception.register_field',
    'reception.register_field_hint',
    async (code) => {
      showError(chooseError, null);
      try {
        const target = await lookupBarcode(code);
        if (target.kind !== 'register') {
          showError(chooseError, 'reception.not_a_register');
          return;
        }
        await open(target.id);
      } catch (e) {
        failIn(chooseError, e);
      }
    },
    'register_barcode',
  );
  chooseSec.section.append(chooseError, registerScan.form, h('div', { class: 'actions' }, refresh), listBox);
  nodes.push(chooseSec.section);

  let incoming: Register[] | null = null;
  const renderList = () => {
    if (!incoming) return;
    listBox.replaceChildren(
      incoming.length
        ? dataTable<Register>(
            'reception.choose.caption',
            [
              registerCol.number,
              registerCol.provider,
              registerCol.lines,
              registerCol.dispatchedAt,
              registerCol.print,
              {
                head: 'register.col.actions',
                cell: (r) => {
                  const b = actionButton('reception.open', 'receive', { number: r.number }, true);
                  b.addEventListener('click', () => void open(r.id));
                  return b;
                },
              },
            ],
            incoming,
            (r) => ({ 'data-register': String(r.id) }),
          )
        : note('reception.choose.none', 'no-incoming'),
    );
  };
  const loadList = loader(
    chooseError,
    alive,
    () => listRegisters({ branch_id: branchId, kind: 'results', status: 'dispatched' }),
    (all) => {
      incoming = newestFirst(all);
      renderList();
    },
  );
  refresh.addEventListener('click', () => void loadList());

  // ---- checking the packages against the register ----
  const work = h('div', { 'data-section': 'work' });
  nodes.push(work);
  let current: Register | null = null;
  /** Barcodes scanned, in order; `extra` those not on the register. */
  let scanned: string[] = [];
  let result: Reception | null = null;

  const expected = () => current?.lines ?? [];
  const isExpected = (b: string) => expected().some((l) => l.barcode === b);

  const open = async (id: number) => {
    try {
      const r = await getRegister(id);
      if (!alive()) return;
      if (r.kind !== 'results' && r.kind !== 'unclaimed_return') {
        showError(chooseError, 'reception.not_results');
        return;
      }
      current = r;
      scanned = [];
      result = null;
      log = scanLog('reception.scanned');
      renderWork(true);
    } catch (e) {
      failIn(chooseError, e);
    }
  };

  let log = scanLog('reception.scanned');
  const renderWork = (focusScan = false) => {
    if (!current) {
      work.replaceChildren();
      return;
    }
    const r = current;
    const sec = sectionWith('reception.work.heading', 'h2', { 'data-register': String(r.id), class: 'reception-work' });
    tr(sec.heading, 'reception.work.heading', { number: r.number });
    const error = alertBox();
    const lines = expected();
    const found = lines.filter((l) => scanned.includes(l.barcode)).length;
    const extra = scanned.filter((b) => !isExpected(b));
    const counts = h(
      'p',
      { class: 'status reception-counts', 'data-field': 'counts' },
      tr(h('span'), 'reception.counts', { expected: lines.length, scanned: found, extra: extra.length }),
    );
    const table = dataTable<RegisterLine>(
      'reception.expected.caption',
      [
        { head: 'register.col.barcode', cell: (l) => h('span', { class: 'barcode' }, l.barcode), field: 'barcode', rowHeader: true },
        { head: 'register.col.service', cell: (l) => h('span', { class: 'mono' }, l.service_code), field: 'service' },
        { head: 'register.col.outcome', cell: (l) => (l.outcome ? codeEl('outcome', l.outcome) : '—'), field: 'outcome' },
        { head: 'register.col.deadline', cell: (l) => dateEl(l.provider_deadline), field: 'deadline' },
        {
          head: 'reception.col.checked',
          cell: (l) =>
            scanned.includes(l.barcode)
              ? tr(h('span', { class: 'badge badge--ok', 'data-field': 'checked' }), 'reception.checked')
              : tr(h('span', { class: 'badge', 'data-field': 'checked' }), 'reception.not_checked'),
        },
      ],
      lines,
      (l) => ({ 'data-barcode': l.barcode, 'data-checked': String(scanned.includes(l.barcode)), 'data-late': String(l.late) }),
      { n: lines.length },
    );
    const extraBox = extra.length
      ? h(
          'div',
          { 'data-list': 'extra' },
          tr(h('h3', { id: uid('extra') }), 'reception.extra.heading'),
          h('ul', {}, ...extra.map((b) => h('li', { class: 'barcode', 'data-barcode': b }, b))),
        )
      : '';

    if (result) {
      sec.section.append(registerStatusEl(result.register.status), outcomeBox(result));
      const back = actionButton('reception.back', 'back');
      back.addEventListener('click', () => {
        current = null;
        result = null;
        renderWork();
        void loadList();
        chooseSec.heading.focus();
      });
      sec.section.append(h('div', { class: 'actions' }, back));
      work.replaceChildren(sec.section);
      sec.section.querySelector<HTMLElement>('[data-outcome] h3')?.focus();
      return;
    }

    const packageScan = scanField(
      'reception.package_field',
      'reception.package_field_hint',
      async (code) => {
        const check = checkBarcode(code);
        if (check !== 'ok') {
          log.add({ ok: false, barcode: code, code: check === 'misread' ? 'barcode_misread' : 'barcode_invalid', error: check === 'misread' ? 'scan.error.barcode_misread' : 'scan.error.barcode_invalid' });
          return;
        }
        const repeated = scanned.includes(code);
        if (!repeated) scanned.push(code);
        const listed = isExpected(code);
        log.add({ ok: true, barcode: code, repeated, text: { key: listed ? 'reception.found' : 'reception.extra' } });
        refresh();
      },
      'package_barcode',
    );
    // Redraws the table and counts, keeping the log and the field (and its focus).
    const refresh = () => {
      const focus = document.activeElement === packageScan.input;
      renderWork();
      if (focus) work.querySelector<HTMLInputElement>('input[name="package_barcode"]')?.focus();
    };
    const finish = tr(h('button', { type: 'button', class: 'button button--primary', 'data-action': 'finish' }), 'reception.finish');
    finish.addEventListener('click', async () => {
      showError(error, null);
      finish.disabled = true;
      try {
        result = await receiveRegister(r.id, [...scanned]);
        if (!alive()) return;
        renderWork();
      } catch (e) {
        failIn(error, e);
        finish.disabled = false;
        if (e instanceof ApiError && e.status === 409) void loadList();
      }
    });
    const cancel = actionButton('reception.cancel', 'cancel');
    cancel.addEventListener('click', () => {
      current = null;
      renderWork();
      chooseSec.heading.focus();
    });
    sec.section.append(
      h(
        'dl',
        { class: 'profile' },
        h('div', { class: 'profile__row' }, tr(h('dt'), 'register.col.provider'), h('dd', {}, providerText(r))),
        h('div', { class: 'profile__row' }, tr(h('dt'), 'register.col.barcode'), h('dd', { class: 'barcode' }, r.barcode)),
        h('div', { class: 'profile__row' }, tr(h('dt'), 'register.col.print'), h('dd', {}, registerPdfLinks(r))),
      ),
      error,
      packageScan.form,
      counts,
      table,
      extraBox,
      log.section,
      h('div', { class: 'actions' }, finish, cancel),
    );
    work.replaceChildren(sec.section);
    if (focusScan) packageScan.focus();
  };

  const outcomeBox = (res: Reception): HTMLElement => {
    const headingId = uid('reception-outcome');
    if (res.accepted) {
      return h(
        'section',
        { class: 'desk-outcome desk-outcome--accepted', 'aria-labelledby': headingId, 'data-outcome': 'accepted' },
        tr(h('h3', { id: headingId, tabindex: '-1' }), 'reception.accepted', { number: res.register.number }),
        tr(h('p'), 'reception.accepted_text', { n: res.register.line_count }),
      );
    }
    const act = res.act;
    const list = (key: MessageKey, field: string, items: string[]) => {
      if (!items.length) return '';
      const id = uid(field);
      return h('div', {}, tr(h('h4', { id }), key, { n: items.length }), h('ul', { 'aria-labelledby': id, 'data-list': field }, ...items.map((b) => h('li', { class: 'barcode', 'data-barcode': b }, b))));
    };
    return h(
      'section',
      { class: 'desk-outcome desk-outcome--refused', 'aria-labelledby': headingId, 'data-outcome': 'rejected', 'data-act': String(act.id) },
      tr(h('h3', { id: headingId, tabindex: '-1' }), 'reception.rejected', { number: actNumber(act) }),
      tr(h('p'), 'reception.rejected_text'),
      list('reception.act.missing', 'missing', act.missing),
      list('reception.act.extra', 'act-extra', act.extra),
      h(
        'div',
        { class: 'actions' },
        pdfLink(actPdfUrl(act.id, 'kk'), 'reception.act.pdf', 'act-pdf-kk', { lang: 'KZ' }, 'kk'),
        pdfLink(actPdfUrl(act.id, 'ru'), 'reception.act.pdf', 'act-pdf-ru', { lang: 'RU' }, 'ru'),
      ),
    );
  };

  onViewLang(() => {
    renderList();
  });
  void loadList();
  queueMicrotask(() => registerScan.focus());
  return nodes;
}
