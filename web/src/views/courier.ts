// The courier (#/courier, R33): scanning a register's barcode when taking it dispatches the
// register with all its packages (the scanner types the digits and Enter); the registers
// dispatched from the branch are listed.

import { type Employee } from '../api';
import { isRegisterScan, listRegisters, scan, type Register } from '../movement_api';
import { tr } from '../i18n';
import { h } from '../dom';
import { alertBox, onViewEnd, onViewLang, showError } from '../ui';
import {
  dataTable,
  failIn,
  instantText,
  note,
  providerText,
  refreshButton,
  registerPdfLinks,
  registerStatusEl,
  scanField,
  scanLog,
  sectionWith,
} from './movement';

export const COURIER_ROLES = ['courier'];

export function courierView(user: Employee): Node[] {
  const nodes: Node[] = [tr(h('h1', { tabindex: '-1' }), 'courier.heading'), tr(h('p', { class: 'lead' }), 'courier.intro')];
  const branchId = user.branch_id;
  let alive = true;
  onViewEnd(() => {
    alive = false;
  });

  const scanSec = sectionWith('courier.scan.heading');
  scanSec.section.dataset.section = 'scan';
  const log = scanLog('courier.scanned');
  const field = scanField('courier.field', 'courier.field_hint', async (code) => {
    try {
      const res = await scan(code, 'dispatch');
      if (isRegisterScan(res)) {
        log.add({ ok: true, barcode: res.barcode, repeated: res.repeated, text: { key: 'scan.register_done', params: { number: res.barcode, n: res.moved, total: res.lines } } });
      } else {
        log.add({ ok: true, barcode: res.barcode, repeated: res.repeated, text: { key: 'courier.package_done' }, stage: res.stage });
      }
      if (!res.repeated) void load();
    } catch (e) {
      log.addError(code, e);
    }
  });
  scanSec.section.append(field.form, log.section);
  nodes.push(scanSec.section);
  queueMicrotask(() => field.focus());

  const listSec = sectionWith('courier.list.heading');
  listSec.section.dataset.section = 'dispatched';
  const error = alertBox();
  const box = h('div', { 'data-list': 'registers' });
  const refresh = refreshButton('courier.list.refresh');
  listSec.section.append(error, h('div', { class: 'actions' }, refresh), box);
  nodes.push(listSec.section);

  let registers: Register[] | null = null;
  const render = () => {
    if (!registers) return;
    box.replaceChildren(
      registers.length
        ? dataTable<Register>(
            'courier.list.caption',
            [
              { head: 'register.col.number', cell: (r) => h('span', {}, r.number, h('br'), h('span', { class: 'barcode mono' }, r.barcode)), field: 'number', rowHeader: true },
              { head: 'register.col.provider', cell: (r) => providerText(r), field: 'provider' },
              { head: 'register.col.status', cell: (r) => registerStatusEl(r.status) },
              { head: 'register.col.lines', cell: (r) => String(r.line_count), field: 'lines' },
              { head: 'register.col.courier', cell: (r) => r.courier?.full_name ?? '—', field: 'courier' },
              { head: 'register.col.dispatched_at', cell: (r) => instantText(r.dispatched_at), field: 'dispatched_at' },
              { head: 'register.col.print', cell: (r) => registerPdfLinks(r) },
            ],
            registers,
            (r) => ({ 'data-register': String(r.id), 'data-status': r.status }),
          )
        : note('courier.list.none', 'no-registers'),
    );
  };
  const load = async () => {
    showError(error, null);
    try {
      const all = await listRegisters({ branch_id: branchId, kind: 'outgoing', status: 'dispatched' });
      if (!alive) return;
      registers = all.sort((a, b) => b.id - a.id);
      render();
    } catch (e) {
      failIn(error, e);
    }
  };
  refresh.addEventListener('click', () => void load());
  onViewLang(render);
  void load();
  return nodes;
}
