// The courier (#/courier, R33): scanning a register's barcode when taking it dispatches the
// register with all its packages (the scanner types the digits and Enter); the registers
// dispatched from the branch are listed.

import { type Employee } from '../api';
import { isRegisterScan, listRegisters, scan, type Register } from '../movement_api';
import { h } from '../dom';
import { alertBox, onViewLang } from '../ui';
import {
  dataTable,
  loader,
  newestFirst,
  note,
  packageScanEntry,
  refreshButton,
  registerCol,
  registerRow,
  registerScanEntry,
  scanField,
  scanLog,
  sectionWith,
  viewFrame,
} from './movement';

export const COURIER_ROLES = ['courier'];

export function courierView(user: Employee): Node[] {
  const { nodes, alive } = viewFrame('courier.heading', 'courier.intro');
  const branchId = user.branch_id;

  const scanSec = sectionWith('courier.scan.heading');
  scanSec.section.dataset.section = 'scan';
  const log = scanLog('courier.scanned');
  const field = scanField('courier.field', 'courier.field_hint', async (code) => {
    try {
      const res = await scan(code, 'dispatch');
      log.add(isRegisterScan(res) ? registerScanEntry(res) : packageScanEntry(res, { key: 'courier.package_done' }));
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
              registerCol.number,
              registerCol.provider,
              registerCol.status,
              registerCol.lines,
              { head: 'register.col.courier', cell: (r) => r.courier?.full_name ?? '—', field: 'courier' },
              registerCol.dispatchedAt,
              registerCol.print,
            ],
            registers,
            registerRow,
          )
        : note('courier.list.none', 'no-registers'),
    );
  };
  const load = loader(
    error,
    alive,
    () => listRegisters({ branch_id: branchId, kind: 'outgoing', status: 'dispatched' }),
    (all) => {
      registers = newestFirst(all);
      render();
    },
  );
  refresh.addEventListener('click', () => void load());
  onViewLang(render);
  void load();
  return nodes;
}
