// The storage shelf (#/shelf, R25): the results waiting for their applicants, where each one
// lies and how long it is kept; those whose keeping ends within a week are listed apart, to be
// returned to the provider as unclaimed. The issuance sector takes such a result off the shelf
// by scanning it (action return_unclaimed); the server refuses one still kept
// (storage_term_running) or of a kind never returned (never_returned), shown by their code.

import { type Employee } from '../api';
import { isRegisterScan, listExpiring, listShelf, scan, type ShelfItem } from '../movement_api';
import { tr } from '../i18n';
import { h } from '../dom';
import { alertBox, onViewLang } from '../ui';
import {
  branchViewFrame,
  codeEl,
  dataTable,
  dateEl,
  has,
  loader,
  note,
  packageScanEntry,
  refreshButton,
  registerScanEntry,
  scanField,
  scanLog,
  sectionWith,
} from './movement';

export const SHELF_ROLES = ['issuance', 'branch_manager'];
/** Who scans a result off the shelf (the manager only reads the shelf). */
const RETURN_ROLES = ['issuance'];
const EXPIRING_DAYS = 7;

function shelfTable(caption: 'shelf.list.caption' | 'shelf.expiring.caption', items: ShelfItem[]): HTMLElement {
  return dataTable<ShelfItem>(
    caption,
    [
      { head: 'shelf.col.shelf', cell: (s) => h('span', { class: 'mono' }, s.shelf), field: 'shelf', rowHeader: true },
      { head: 'register.col.barcode', cell: (s) => h('span', { class: 'barcode' }, s.barcode), field: 'barcode' },
      { head: 'register.col.service', cell: (s) => h('span', { class: 'mono' }, s.service_code), field: 'service' },
      { head: 'register.col.outcome', cell: (s) => (s.outcome ? codeEl('outcome', s.outcome) : '—'), field: 'outcome' },
      { head: 'shelf.col.applicant', cell: (s) => s.applicant, field: 'applicant' },
      { head: 'shelf.col.since', cell: (s) => dateEl(s.at_issuance_on), field: 'since' },
      { head: 'shelf.col.keep_until', cell: (s) => (s.keep_until ? dateEl(s.keep_until, 'keep_until') : tr(h('span'), 'shelf.keep_forever')), field: 'keep' },
    ],
    items,
    (s) => ({ 'data-barcode': s.barcode, 'data-application': String(s.application_id) }),
    { n: items.length },
  );
}

export function shelfView(user: Employee): Node[] {
  const frame = branchViewFrame(user, 'shelf.heading', 'shelf.intro');
  if (frame.branchId === null) return frame.nodes;
  const { nodes, branchId, alive } = frame;
  const error = alertBox();
  const refresh = refreshButton('shelf.refresh');
  const expSec = sectionWith('shelf.expiring.heading');
  expSec.section.dataset.section = 'expiring';
  const expBox = h('div', { 'data-list': 'expiring' });
  expSec.section.append(tr(h('p', { class: 'hint' }), 'shelf.expiring.hint', { n: EXPIRING_DAYS }), expBox);
  const listSec = sectionWith('shelf.list.heading');
  listSec.section.dataset.section = 'shelf';
  const listBox = h('div', { 'data-list': 'shelf' });
  listSec.section.append(listBox);
  nodes.push(error, h('div', { class: 'actions' }, refresh));

  // ---- return unclaimed (R25) ----
  if (has(user, RETURN_ROLES)) {
    const retSec = sectionWith('shelf.return.heading');
    retSec.section.dataset.section = 'return';
    const log = scanLog('shelf.return.scanned', 'return-log');
    const field = scanField('scan.field', 'shelf.return.hint', async (code) => {
      try {
        const res = await scan(code, 'return_unclaimed');
        if (isRegisterScan(res)) {
          log.add(registerScanEntry(res));
        } else {
          log.add(packageScanEntry(res, res.register ? { key: 'shelf.return.done_register', params: { number: res.register.number } } : { key: 'shelf.return.done' }));
        }
        if (!res.repeated) void load();
      } catch (e) {
        log.addError(code, e);
      }
    });
    field.form.dataset.action = 'return_unclaimed';
    retSec.section.append(field.form, log.section);
    nodes.push(retSec.section);
    queueMicrotask(() => field.focus());
  }
  nodes.push(expSec.section, listSec.section);

  let shelf: ShelfItem[] | null = null;
  let expiring: ShelfItem[] | null = null;
  const render = () => {
    if (shelf) listBox.replaceChildren(shelf.length ? shelfTable('shelf.list.caption', shelf) : note('shelf.list.none', 'empty-shelf'));
    if (expiring) expBox.replaceChildren(expiring.length ? shelfTable('shelf.expiring.caption', expiring) : note('shelf.expiring.none', 'none-expiring'));
  };
  const load = loader(
    error,
    alive,
    () => Promise.all([listShelf(branchId), listExpiring(branchId, EXPIRING_DAYS)]),
    ([a, b]) => {
      shelf = a.sort((x, y) => x.shelf.localeCompare(y.shelf) || x.barcode.localeCompare(y.barcode));
      expiring = b.sort((x, y) => (x.keep_until ?? '').localeCompare(y.keep_until ?? ''));
      render();
    },
  );
  refresh.addEventListener('click', () => void load());
  onViewLang(render);
  void load();
  return nodes;
}
