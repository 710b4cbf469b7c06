// The issuance sector (#/issuance, R18.8, R24, R25): the package's barcode is scanned (the
// scanner types the digits and Enter) and the application is looked up; a result that came
// back from the provider goes on the storage shelf (a scan "to issuance" with the shelf's
// place); at the issuance window it is handed over on presentation of an identity document —
// to the applicant, or to a representative with a power of attorney that covers it. The
// server checks who is entitled; its refusals are shown by their code. The issue receipt is
// printed on A4 or on the thermal printer.

import { ApiError, type Employee } from '../api';
import {
  currentStageOf,
  getApplication,
  issueApplication,
  issueReceiptUrl,
  lookupBarcode,
  scan,
  type ApplicationView,
  type IssuePowerOfAttorney,
  type Issued,
  type Recipient,
} from '../movement_api';
import { tr, type MessageKey, type Params } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, apiErrorKey, noticeBox, setInvalid, showError } from '../ui';
import { checkIin, parseDate } from './desk';
import { branchViewFrame, dateEl, instantText, keyOr, pdfLink, scanField, scanLog, sectionWith, stageEl } from './movement';

export const ISSUANCE_ROLES = ['issuance'];

const ID_DOCUMENT_TYPES = ['id_card', 'passport', 'residence_permit', 'stateless_certificate', 'birth_certificate'] as const;
const SHELF_RE = /^[A-Za-z0-9-]{1,16}$/;

/** The text of a refused issue: `issuance.error.<code>` (worded for the window), else `error.<code>`. */
function issueErrorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    const own = keyOr(`issuance.error.${e.code}`) ?? keyOr(`scan.error.${e.code}`);
    if (own) return own;
  }
  return apiErrorKey(e);
}

interface Field {
  el: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement;
  mark: (key: MessageKey | null, params?: Params) => void;
}
function field(label: MessageKey, control: HTMLInputElement | HTMLSelectElement, hint: MessageKey | null = null): Field {
  if (!control.id) control.id = uid(control.name || 'field');
  const msg = h('span', { id: uid('err'), class: 'field__error' });
  const hintEl = hint ? tr(h('span', { id: uid('hint'), class: 'hint' }), hint) : null;
  control.setAttribute('aria-describedby', [hintEl?.id, msg.id].filter(Boolean).join(' '));
  const el = h('div', { class: 'field' }, tr(h('label', { for: control.id }), label), hintEl, control, msg);
  return {
    el,
    control,
    mark: (key, params) => {
      setInvalid(control, !!key);
      showError(msg, key, params);
    },
  };
}
const text = (name: string, attrs: Record<string, string | number | boolean> = {}) =>
  h('input', { name, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });

export function issuanceView(user: Employee): Node[] {
  const frame = branchViewFrame(user, 'issuance.heading', 'issuance.intro');
  if (frame.branchId === null) return frame.nodes;
  const { nodes, alive } = frame;

  const scanSec = sectionWith('issuance.scan.heading');
  scanSec.section.dataset.section = 'scan';
  const log = scanLog('issuance.scanned');
  const card = h('div', { 'data-field': 'application' });
  let app: ApplicationView | null = null;

  const field0 = scanField('scan.field', 'issuance.field_hint', async (code) => {
    try {
      const target = await lookupBarcode(code);
      if (target.kind !== 'application') {
        log.add({ ok: false, barcode: code, code: 'not_a_package', error: 'issuance.not_a_package' });
        return;
      }
      const a = await getApplication(target.id);
      if (!alive()) return;
      app = a;
      log.add({ ok: true, barcode: a.barcode, repeated: false, text: { key: 'issuance.found' }, stage: a.stage });
      renderCard();
    } catch (e) {
      log.addError(code, e);
    }
  });
  scanSec.section.append(field0.form, log.section);
  nodes.push(scanSec.section, card);
  queueMicrotask(() => field0.focus());

  const row = (key: MessageKey, field: string, ...value: (Node | string)[]) =>
    h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', { 'data-field': field }, ...value));
  const personText = (p: ApplicationView['applicant']) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

  const renderCard = (message?: { key: MessageKey; params?: Params }) => {
    if (!app) {
      card.replaceChildren();
      return;
    }
    const a = app;
    const sec = sectionWith('issuance.card.heading', 'h2', { 'data-application': String(a.id), 'data-stage': a.stage, class: 'issuance-card' });
    tr(sec.heading, 'issuance.card.heading', { barcode: a.barcode });
    const notice = noticeBox();
    notice.dataset.field = 'issuance-notice';
    if (message) tr(notice, message.key, message.params);
    sec.section.append(
      notice,
      h(
        'dl',
        { class: 'profile' },
        row('issuance.card.stage', 'stage', stageEl(a.stage)),
        row('issuance.card.service', 'service', h('span', { class: 'mono' }, a.service_code), ' · ', a.provider_code),
        row('issuance.card.applicant', 'applicant', personText(a.applicant), ' ', h('span', { class: 'mono' }, a.applicant.iin)),
        a.representative ? row('issuance.card.representative', 'representative', personText(a.representative)) : null,
        row('issuance.card.accepted_at', 'accepted_at', instantText(a.accepted_at)),
        row('issuance.card.issue_date', 'issue_date', dateEl(a.issue_date)),
      ),
    );
    if (a.stage === 'result_at_center' || a.stage === 'refusal_at_center' || a.stage === 'at_issuance') sec.section.append(shelfForm(a));
    if (a.stage === 'at_issuance') sec.section.append(issueForm(a));
    if (a.stage === 'issued' && issued && issued.application_id === a.id) sec.section.append(issuedBox(issued));
    card.replaceChildren(sec.section);
  };

  // ---- to the shelf ----
  const shelfForm = (a: ApplicationView): HTMLElement => {
    const error = alertBox();
    const shelf = field('issuance.shelf.field', text('shelf', { maxlength: 16, autocapitalize: 'characters' }), 'issuance.shelf.hint');
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'to-shelf' }), a.stage === 'at_issuance' ? 'issuance.shelf.move' : 'issuance.shelf.submit');
    const headingId = uid('shelf');
    const form = h(
      'form',
      { class: 'inline-form', novalidate: true, 'aria-labelledby': headingId, 'data-form': 'to-shelf' },
      tr(h('h3', { id: headingId }), 'issuance.shelf.heading'),
      error,
      h('div', { class: 'desk-inline' }, shelf.el, submit),
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      showError(error, null);
      const place = shelf.control.value.trim().toUpperCase();
      if (!SHELF_RE.test(place)) {
        shelf.mark(place ? 'issuance.shelf.invalid' : 'issuance.shelf.required');
        shelf.control.focus();
        return;
      }
      shelf.mark(null);
      submit.disabled = true;
      try {
        const res = await scan(a.barcode, 'to_issuance', place);
        if (!alive()) return;
        log.add({ ok: true, barcode: a.barcode, repeated: res.repeated, text: { key: 'issuance.shelf.done', params: { shelf: place } }, stage: 'stage' in res ? res.stage : undefined });
        app = await getApplication(a.id);
        renderCard({ key: 'issuance.shelf.done', params: { shelf: place } });
        card.querySelector<HTMLInputElement>('form[data-form="issue"] input[name="iin"]')?.focus();
      } catch (e) {
        submit.disabled = false;
        const stage = e instanceof ApiError && e.code === 'wrong_stage' ? currentStageOf(e) : null;
        showError(error, issueErrorKey(e));
        if (stage) error.append(' ', tr(h('span'), 'scan.current_stage'), ' ', stageEl(stage, { 'data-field': 'current-stage' }));
        shelf.control.focus();
      }
    });
    return form;
  };

  // ---- the hand-over ----
  let issued: Issued | null = null;
  const issueForm = (a: ApplicationView): HTMLElement => {
    const error = alertBox();
    error.dataset.field = 'issue-error';
    const iin = field('issuance.field.iin', text('iin', { inputmode: 'numeric', maxlength: 12 }));
    const surname = field('issuance.field.surname', text('surname', { maxlength: 100 }));
    const name = field('issuance.field.name', text('name', { maxlength: 100 }));
    const patronymic = field('issuance.field.patronymic', text('patronymic', { maxlength: 100 }));
    const docType = field(
      'issuance.field.doc_type',
      h('select', { name: 'doc_type' }, ...ID_DOCUMENT_TYPES.map((t) => tr(h('option', { value: t }), `iddoc.${t}` as MessageKey))),
    );
    const docNumber = field('issuance.field.doc_number', text('doc_number', { maxlength: 32 }));
    const docValid = field('issuance.field.doc_valid_until', text('doc_valid_until', { inputmode: 'numeric', maxlength: 10 }), 'issuance.date_hint');

    const poaToggle = h('input', { type: 'checkbox', id: uid('poa'), name: 'by_proxy' });
    const poaNumber = field('issuance.poa.number', text('poa_number', { maxlength: 64 }));
    const poaPrincipal = field('issuance.poa.principal_iin', text('principal_iin', { inputmode: 'numeric', maxlength: 12, value: a.applicant.masked ? '' : a.applicant.iin }));
    const poaIssued = field('issuance.poa.issued_on', text('poa_issued_on', { inputmode: 'numeric', maxlength: 10 }), 'issuance.date_hint');
    const poaValid = field('issuance.poa.valid_until', text('poa_valid_until', { inputmode: 'numeric', maxlength: 10 }), 'issuance.date_hint');
    const poaIssuer = field('issuance.poa.issuer', text('poa_issuer', { maxlength: 200 }));
    const poaSet = h(
      'fieldset',
      { class: 'desk-subgroup', hidden: true, 'data-group': 'power-of-attorney' },
      tr(h('legend'), 'issuance.poa.legend'),
      h('div', { class: 'desk-grid' }, poaNumber.el, poaPrincipal.el, poaIssued.el, poaValid.el, poaIssuer.el),
    );
    poaToggle.addEventListener('change', () => {
      poaSet.hidden = !poaToggle.checked;
    });

    const self = a.applicant.masked
      ? null
      : tr(h('button', { type: 'button', class: 'button button--secondary button--small', 'data-action': 'applicant' }), 'issuance.fill_applicant');
    self?.addEventListener('click', () => {
      const p = a.applicant;
      iin.control.value = p.iin;
      surname.control.value = p.surname;
      name.control.value = p.name;
      patronymic.control.value = p.patronymic ?? '';
      if (p.id_document) {
        docType.control.value = p.id_document.type;
        docNumber.control.value = p.id_document.number;
        const [y, m, d] = p.id_document.valid_until.split('-');
        docValid.control.value = `${d}.${m}.${y}`;
      }
      poaToggle.checked = false;
      poaSet.hidden = true;
      iin.control.focus();
    });

    const submit = tr(h('button', { type: 'submit', class: 'button button--primary button--large', 'data-action': 'issue' }), 'issuance.submit');
    const headingId = uid('issue');
    const form = h(
      'form',
      { class: 'issue-form', novalidate: true, 'aria-labelledby': headingId, 'data-form': 'issue' },
      tr(h('h3', { id: headingId }), 'issuance.issue.heading'),
      tr(h('p', { class: 'hint' }), 'issuance.issue.hint'),
      error,
      self ? h('div', { class: 'actions' }, self) : null,
      h(
        'fieldset',
        { class: 'desk-subgroup' },
        tr(h('legend'), 'issuance.recipient.legend'),
        h('div', { class: 'desk-grid' }, iin.el, surname.el, name.el, patronymic.el, docType.el, docNumber.el, docValid.el),
      ),
      h('div', { class: 'check check--single' }, poaToggle, tr(h('label', { for: poaToggle.id }), 'issuance.poa.toggle')),
      poaSet,
      h('div', { class: 'actions' }, submit),
    );

    const fields = [iin, surname, name, patronymic, docType, docNumber, docValid, poaNumber, poaPrincipal, poaIssued, poaValid, poaIssuer];
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      showError(error, null);
      for (const f of fields) f.mark(null);
      const problems: [Field, MessageKey][] = [];
      const v = (f: Field) => f.control.value.trim();
      const needIin = (f: Field) => {
        const c = checkIin(v(f));
        if (!c.ok) problems.push([f, v(f) ? 'issuance.iin_invalid' : 'issuance.required']);
      };
      const needDate = (f: Field): string => {
        const d = parseDate(v(f));
        if (d === '' ) problems.push([f, 'issuance.required']);
        else if (d === null) problems.push([f, 'issuance.date_invalid']);
        return d ?? '';
      };
      const need = (f: Field) => {
        if (!v(f)) problems.push([f, 'issuance.required']);
      };
      needIin(iin);
      need(surname);
      need(name);
      need(docNumber);
      const docUntil = needDate(docValid);
      let poa: IssuePowerOfAttorney | null = null;
      if (poaToggle.checked) {
        need(poaNumber);
        needIin(poaPrincipal);
        const issuedOn = needDate(poaIssued);
        const validUntil = needDate(poaValid);
        need(poaIssuer);
        poa = { number: v(poaNumber), principal_iin: v(poaPrincipal), issued_on: issuedOn, valid_until: validUntil, issuer: v(poaIssuer), services: [] };
      }
      if (problems.length) {
        for (const [f, key] of problems) f.mark(key);
        showError(error, problems.length > 1 ? 'violations.fix_fields' : 'violations.fix_field', { n: problems.length, field: problems[0]?.[0].control.labels?.[0]?.textContent ?? '' });
        problems[0]?.[0].control.focus();
        return;
      }
      const recipient: Recipient = {
        iin: v(iin),
        surname: v(surname),
        name: v(name),
        patronymic: v(patronymic),
        id_document: { type: docType.control.value, number: v(docNumber), valid_until: docUntil },
      };
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        issued = await issueApplication(a.id, recipient, poa);
        if (!alive()) return;
        log.add({ ok: true, barcode: a.barcode, repeated: false, text: { key: 'issuance.issued', params: { name: issued.recipient } }, stage: 'issued' });
        app = await getApplication(a.id).catch(() => ({ ...a, stage: 'issued' }));
        renderCard();
        card.querySelector<HTMLElement>('[data-outcome="issued"] h3')?.focus();
      } catch (e) {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
        const code = e instanceof ApiError ? e.code : '';
        showError(error, issueErrorKey(e));
        error.dataset.code = code;
        const stage = code === 'wrong_stage' ? currentStageOf(e) : null;
        if (stage) error.append(' ', tr(h('span'), 'scan.current_stage'), ' ', stageEl(stage, { 'data-field': 'current-stage' }));
        const target =
          code === 'recipient_not_entitled' ? iin
          : code === 'id_document_expired' ? docValid
          : code === 'power_of_attorney_expired' ? poaValid
          : null;
        if (target) {
          target.mark(issueErrorKey(e));
          target.control.focus();
        } else if (code === 'power_of_attorney_not_covering' && poaToggle.checked) {
          // From whom and for what: the principal is the first thing to check.
          poaPrincipal.control.focus();
        } else if (code.startsWith('power_of_attorney')) {
          poaToggle.focus();
        } else submit.focus();
      }
    });
    return form;
  };

  const issuedBox = (i: Issued): HTMLElement => {
    const headingId = uid('issued');
    return h(
      'section',
      { class: 'desk-outcome desk-outcome--accepted', 'aria-labelledby': headingId, 'data-outcome': 'issued' },
      tr(h('h3', { id: headingId, tabindex: '-1' }), 'issuance.issued_heading'),
      h(
        'dl',
        { class: 'profile' },
        row('issuance.issued_to', 'recipient', i.recipient),
        h(
          'div',
          { class: 'profile__row' },
          tr(h('dt'), 'issuance.issued_how'),
          tr(h('dd', { 'data-field': 'in-person', 'data-in-person': String(i.in_person) }), i.in_person ? 'issuance.in_person' : 'issuance.by_proxy'),
        ),
        row('issuance.issued_at', 'issued_at', instantText(i.issued_at)),
      ),
      h(
        'div',
        { class: 'actions' },
        pdfLink(issueReceiptUrl(i.application_id, 'a4'), 'issuance.receipt_a4', 'issue-receipt'),
        pdfLink(issueReceiptUrl(i.application_id, 'thermal'), 'issuance.receipt_thermal', 'issue-receipt-thermal'),
      ),
    );
  };

  return nodes;
}
