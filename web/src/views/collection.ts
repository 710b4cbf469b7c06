// The collection sector (#/collection, R22, R33): packages collected from the operating hall
// are scanned (the scanner types the digits and Enter), grouped by direction and put into the
// register of their provider; the register is formed, printed in two copies (kk/ru) and
// dispatched by courier, post or information system. The packages accepted but not collected
// on time are listed.

import { listEmployees, type Employee } from '../api';
import {
  DISPATCH_METHODS,
  dispatchRegister,
  formRegister,
  getApplication,
  isRegisterScan,
  listProviderUnits,
  listRegisters,
  scan,
  type DispatchMethod,
  type Register,
} from '../movement_api';
import { tr, type MessageKey } from '../i18n';
import { h, uid } from '../dom';
import { alertBox, noticeBox, onViewLang, setInvalid, showError } from '../ui';
import {
  actionButton,
  branchViewFrame,
  dataTable,
  failIn,
  instantText,
  loader,
  newestFirst,
  note,
  packageScanEntry,
  providerText,
  registerCol,
  registerRow,
  registerScanEntry,
  scanField,
  scanLog,
  sectionWith,
  uncollectedSection,
} from './movement';

export const COLLECTION_ROLES = ['collection'];

type CollectAction = 'collect' | 'register';

export function collectionView(user: Employee): Node[] {
  const frame = branchViewFrame(user, 'collection.heading', 'collection.intro');
  if (frame.branchId === null) return frame.nodes;
  const { nodes, branchId, alive } = frame;

  // ---- scanning ----
  const scanSec = sectionWith('collection.scan.heading');
  const actionName = uid('collect-action');
  const radios = (['collect', 'register'] as CollectAction[]).map((a) =>
    h('input', { type: 'radio', id: uid(`collect-${a}`), name: actionName, value: a, checked: a === 'collect' }),
  );
  const action = (): CollectAction => (radios.find((r) => r.checked)?.value as CollectAction) ?? 'collect';
  const actionSet = h(
    'fieldset',
    { class: 'checks', 'data-filter': 'action' },
    tr(h('legend'), 'collection.action'),
    h('div', { class: 'checks__row' }, ...radios.map((r) => h('div', { class: 'check' }, r, tr(h('label', { for: r.id }), `collection.action.${r.value}` as MessageKey)))),
  );
  const log = scanLog('collection.scanned');
  /** Providers of the packages collected here (code → count), for "Form the register". */
  const collectedBy = new Map<string, number>();

  const field = scanField('scan.field', 'scan.field_hint', async (code) => {
    const act = action();
    try {
      const res = await scan(code, act);
      if (isRegisterScan(res)) {
        log.add(registerScanEntry(res));
        return;
      }
      log.add({
        ...packageScanEntry(res, { key: `collection.done.${act}` as MessageKey, params: { number: res.register?.number ?? '' } }),
        direction: res.direction?.name ?? null,
      });
      if (!res.repeated) {
        void getApplication(res.application_id)
          .then((a) => {
            if (!alive()) return;
            if (act === 'collect') collectedBy.set(a.provider_code, (collectedBy.get(a.provider_code) ?? 0) + 1);
            else if (!collectedBy.has(a.provider_code)) collectedBy.set(a.provider_code, 0);
            renderProviders();
          })
          .catch(() => undefined);
        if (act === 'register') void loadRegisters();
      }
    } catch (e) {
      log.addError(code, e);
    }
  });
  scanSec.section.append(actionSet, field.form, log.section);
  scanSec.section.dataset.section = 'scan';
  nodes.push(scanSec.section);
  queueMicrotask(() => field.focus());

  // ---- registers: form and dispatch ----
  const regSec = sectionWith('collection.registers.heading');
  regSec.section.dataset.section = 'registers';
  const regError = alertBox();
  const regNotice = noticeBox();
  regNotice.dataset.field = 'register-notice';
  const providersBox = h('div', { class: 'provider-buttons' });
  const registersBox = h('div', { 'data-list': 'registers' });
  const formHeadingId = uid('form-register');
  regSec.section.append(
    regError,
    regNotice,
    h('div', { class: 'block', role: 'group', 'aria-labelledby': formHeadingId }, tr(h('h3', { id: formHeadingId }), 'collection.form.heading'), tr(h('p', { class: 'hint' }), 'collection.form.hint'), providersBox),
    registersBox,
  );
  nodes.push(regSec.section);

  let unitProviders: string[] = [];
  let registers: Register[] = [];
  let couriers: Employee[] = [];
  /** The register whose dispatch form is open. */
  let dispatching: number | null = null;

  const renderProviders = () => {
    const codes = [...new Set([...collectedBy.keys(), ...unitProviders, ...registers.map((r) => r.provider_code)])].sort();
    if (!codes.length) {
      providersBox.replaceChildren(note('collection.form.none', 'no-providers'));
      return;
    }
    providersBox.replaceChildren(
      h(
        'ul',
        { class: 'provider-list' },
        ...codes.map((c) => {
          const b = actionButton('collection.form.button', 'form-register', { provider: c }, true);
          b.dataset.provider = c;
          b.addEventListener('click', () => void form(c, b));
          const n = collectedBy.get(c);
          return h('li', {}, b, n ? tr(h('span', { class: 'hint' }), 'collection.form.collected', { n }) : null);
        }),
      ),
    );
  };

  const form = async (provider: string, button: HTMLButtonElement) => {
    showError(regError, null);
    showError(regNotice, null);
    button.disabled = true;
    try {
      const r = await formRegister(branchId, provider);
      collectedBy.delete(provider);
      tr(regNotice, 'collection.form.done', { number: r.number, n: r.line_count, provider: providerText(r) });
      await loadRegisters();
      renderProviders();
    } catch (e) {
      failIn(regError, e);
    } finally {
      button.disabled = false;
    }
  };

  const dispatchForm = (r: Register, autofocus: boolean): HTMLElement => {
    const errorBox = alertBox();
    const methodId = uid('method');
    const method = h(
      'select',
      { id: methodId, name: 'method' },
      ...DISPATCH_METHODS.map((m) => tr(h('option', { value: m }), `register.method.${m}` as MessageKey)),
    );
    const courierId = uid('courier');
    // The branch's couriers by name when this employee may list them; else the courier's number.
    const courier: HTMLSelectElement | HTMLInputElement = couriers.length
      ? h(
          'select',
          { id: courierId, name: 'courier_id' },
          ...couriers.map((c) => h('option', { value: String(c.id) }, c.full_name || [c.surname, c.name].join(' '))),
        )
      : h('input', { id: courierId, name: 'courier_id', type: 'text', inputmode: 'numeric', maxlength: 12, autocomplete: 'off' });
    const courierField = h(
      'div',
      { class: 'field' },
      tr(h('label', { for: courierId }), couriers.length ? 'collection.dispatch.courier' : 'collection.dispatch.courier_number'),
      courier,
    );
    courierField.hidden = method.value !== 'courier';
    method.addEventListener('change', () => {
      courierField.hidden = method.value !== 'courier';
    });
    const submit = tr(h('button', { type: 'submit', class: 'button button--primary', 'data-action': 'confirm-dispatch' }), 'collection.dispatch.submit');
    const cancel = tr(h('button', { type: 'button', class: 'button button--secondary', 'data-action': 'cancel' }), 'common.cancel');
    const headingId = uid('dispatch');
    const f = h(
      'form',
      { class: 'inline-form', novalidate: true, 'aria-labelledby': headingId, 'data-form': 'dispatch' },
      tr(h('h4', { id: headingId }), 'collection.dispatch.heading', { number: r.number }),
      errorBox,
      h('div', { class: 'form-row' }, h('div', { class: 'field' }, tr(h('label', { for: methodId }), 'collection.dispatch.method'), method), courierField),
      h('div', { class: 'actions' }, submit, cancel),
    );
    const close = () => {
      dispatching = null;
      renderRegisters();
      registersBox.querySelector<HTMLElement>(`[data-register="${r.id}"] [data-action="dispatch"]`)?.focus();
    };
    cancel.addEventListener('click', close);
    f.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        close();
      }
    });
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      showError(errorBox, null);
      try {
        const m = method.value as DispatchMethod;
        const courierValue = courier.value.trim();
        if (m === 'courier' && !/^[1-9]\d{0,11}$/.test(courierValue)) {
          showError(errorBox, 'collection.dispatch.courier_required');
          setInvalid(courier, true);
          submit.disabled = false;
          courier.focus();
          return;
        }
        const done = await dispatchRegister(r.id, m, m === 'courier' ? Number(courierValue) : null);
        dispatching = null;
        tr(regNotice, 'collection.dispatch.done', { number: done.number });
        await loadRegisters();
        regSec.heading.focus();
      } catch (e) {
        failIn(errorBox, e);
        submit.disabled = false;
        method.focus();
      }
    });
    if (autofocus) queueMicrotask(() => method.focus());
    return f;
  };

  const renderRegisters = (focusForm = false) => {
    if (!registers.length) {
      registersBox.replaceChildren(note('collection.registers.none', 'no-registers'));
      return;
    }
    const table = dataTable<Register>(
      'collection.registers.caption',
      [
        registerCol.number,
        registerCol.provider,
        { head: 'register.col.direction', cell: (r) => r.direction?.name ?? '—', field: 'direction' },
        registerCol.status,
        registerCol.lines,
        { head: 'register.col.formed_at', cell: (r) => instantText(r.formed_at), field: 'formed_at' },
        registerCol.print,
        {
          head: 'register.col.actions',
          cell: (r) => {
            if (r.status !== 'formed') return r.method ? tr(h('span', {}), `register.method.${r.method}` as MessageKey) : '—';
            const b = actionButton('collection.dispatch.open', 'dispatch', { number: r.number });
            b.addEventListener('click', () => {
              dispatching = r.id;
              renderRegisters(true);
            });
            return b;
          },
        },
      ],
      registers,
      registerRow,
    );
    const open = registers.find((r) => r.id === dispatching);
    registersBox.replaceChildren(table, open ? dispatchForm(open, focusForm) : '');
  };

  // The form's or the dispatch's failure stays shown while the list is reloaded.
  const loadRegisters = loader(
    regError,
    alive,
    () => listRegisters({ branch_id: branchId, kind: 'outgoing' }),
    (all) => {
      registers = newestFirst(all);
      renderRegisters();
      renderProviders();
    },
    false,
  );

  // ---- uncollected (R22) ----
  const unc = uncollectedSection(branchId, alive);
  nodes.push(unc.section);

  onViewLang(() => {
    renderRegisters(false);
    unc.render();
  });

  renderProviders();
  void loadRegisters();
  void unc.load();
  listProviderUnits()
    .then((units) => {
      if (!alive()) return;
      unitProviders = [...new Set(units.map((u) => u.provider_code))];
      renderProviders();
    })
    .catch(() => undefined);
  // Only the branch's managers may list its people: without them the courier is not named.
  listEmployees(branchId)
    .then((all) => {
      couriers = all.filter((e) => e.roles.includes('courier') && e.active !== false);
    })
    .catch(() => undefined);
  return nodes;
}
