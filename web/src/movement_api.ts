// The movement of packages between the center and the providers (R18.8, R18.10, R22, R24,
// R25, R33–R36): barcode scans, registers, reception of results, issuance, the storage shelf
// and the branch's monitoring. Same helper and errors as api.ts.

import { ApiError, api } from './api';

const qs = (params: Record<string, string | number | null | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

// ---- scans -------------------------------------------------------------------------------

export const SCAN_ACTIONS = [
  'collect',
  'register',
  'dispatch',
  'provider_ack',
  'result_received',
  'provider_refusal',
  'to_issuance',
  'issue',
  'return_unclaimed',
] as const;
export type ScanAction = (typeof SCAN_ACTIONS)[number];

export interface Named {
  id: number;
  name: string;
}

/** The answer to a scan of a package's barcode (201 moved, 200 repeated). */
export interface PackageScan {
  application_id: number;
  barcode: string;
  stage: string;
  repeated: boolean;
  direction?: Named | null;
  register?: { id: number; number: string } | null;
}
/** The answer to a scan of a register's barcode: it acts on all its lines. */
export interface RegisterScan {
  register_id: number;
  /** The register's barcode: the answer has no number, the barcode names the register. */
  barcode: string;
  status: string;
  lines: number;
  moved: number;
  repeated: boolean;
}
export type ScanAnswer = PackageScan | RegisterScan;
export const isRegisterScan = (a: ScanAnswer): a is RegisterScan => 'register_id' in a;

export function scan(barcode: string, action: ScanAction, shelf?: string): Promise<ScanAnswer> {
  const body: { barcode: string; action: string; shelf?: string } = { barcode, action };
  if (shelf) body.shelf = shelf;
  return api<ScanAnswer>('POST', '/api/v1/scans', body);
}

export interface BarcodeTarget {
  kind: 'application' | 'refusal' | 'register' | string;
  id: number;
}
export function lookupBarcode(barcode: string): Promise<BarcodeTarget> {
  return api<BarcodeTarget>('GET', `/api/v1/barcodes/${encodeURIComponent(barcode)}`);
}

/** The stage the package is at, when the server said (409 wrong_stage: error.stage or details.stage). */
export function currentStageOf(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  const direct = e.body?.stage;
  if (typeof direct === 'string') return direct;
  const details = e.details as { stage?: unknown } | null | undefined;
  if (details && typeof details.stage === 'string') return details.stage;
  // "the package is at_provider; …"
  const m = /the package is ([a-z_]+)/.exec(e.message);
  return m ? (m[1] ?? null) : null;
}

// ---- registers (R33, R35) ------------------------------------------------------------------

export type RegisterKind = 'outgoing' | 'results' | 'unclaimed_return';
export type RegisterStatus = 'formed' | 'dispatched' | 'acknowledged' | 'received' | 'rejected';
export type DispatchMethod = 'courier' | 'post' | 'system';
export const DISPATCH_METHODS: DispatchMethod[] = ['courier', 'post', 'system'];

export interface RegisterLine {
  application_id: number;
  barcode: string;
  service_code: string;
  stage: string;
  outcome: 'result' | 'refusal' | null;
  accepted_on: string;
  provider_deadline: string | null;
  late: boolean;
}
export interface Register {
  id: number;
  number: string;
  barcode: string;
  kind: RegisterKind | string;
  status: RegisterStatus | string;
  branch_id: number;
  provider_code: string;
  provider_name: string | { kk?: string; ru?: string; en?: string } | null;
  direction: Named | null;
  method: DispatchMethod | null;
  courier: { id: number; full_name: string } | null;
  formed_at: string | null;
  dispatched_at: string | null;
  acknowledged_at: string | null;
  received_at: string | null;
  line_count: number;
  lines?: RegisterLine[];
}

export function formRegister(branchId: number, providerCode: string): Promise<Register> {
  return api<Register>('POST', '/api/v1/registers', { branch_id: branchId, provider_code: providerCode });
}

export async function listRegisters(filter: { branch_id?: number | null; kind?: string; status?: string }): Promise<Register[]> {
  return (await api<{ items: Register[] }>('GET', `/api/v1/registers${qs(filter)}`)).items;
}

export function getRegister(id: number): Promise<Register> {
  return api<Register>('GET', `/api/v1/registers/${id}`);
}

export const registerPdfUrl = (id: number, lang: 'kk' | 'ru') => `/api/v1/registers/${id}/register.pdf${qs({ lang })}`;

/** An action on a whole register answers {repeated, lines, moved, register} (or the register itself). */
type RegisterMove = Register | { repeated: boolean; lines: number; moved: number; register: Register };
const registerOf = (r: RegisterMove): Register => ('register' in r && r.register && typeof r.register === 'object' ? r.register : (r as Register));

export async function dispatchRegister(id: number, method: DispatchMethod, courierId?: number | null): Promise<Register> {
  const body: { method: string; courier_id?: number } = { method };
  if (courierId) body.courier_id = courierId;
  return registerOf(await api<RegisterMove>('POST', `/api/v1/registers/${id}/dispatch`, body));
}

export async function acknowledgeRegister(id: number): Promise<Register> {
  return registerOf(await api<RegisterMove>('POST', `/api/v1/registers/${id}/acknowledge`, {}));
}

export type Outcome = 'result' | 'refusal';
export type ResultForm = 'paper' | 'electronic';
export interface ResultItem {
  barcode: string;
  outcome: Outcome;
  form: ResultForm;
  reason?: string;
}
export function sendResults(branchId: number, items: ResultItem[]): Promise<Register> {
  return api<Register>('POST', '/api/v1/provider/results', { branch_id: branchId, items });
}

export interface RefusalAct {
  id: number;
  /** The act's sequence number: it is what the act is known by. */
  seq: number;
  missing: string[];
  extra: string[];
}
export const actNumber = (a: RefusalAct): string => String(a.seq ?? a.id);
export type Reception = { accepted: true; register: Register } | { accepted: false; act: RefusalAct; register: Register };

export function receiveRegister(id: number, barcodes: string[]): Promise<Reception> {
  return api<Reception>('POST', `/api/v1/registers/${id}/receive`, { barcodes });
}

export const actPdfUrl = (id: number, lang: 'kk' | 'ru') => `/api/v1/acts/${id}/act.pdf${qs({ lang })}`;

// ---- issuance (R18.8, R24) -------------------------------------------------------------------

export interface PersonView {
  iin: string;
  surname: string;
  name: string;
  patronymic?: string;
  phone?: string;
  masked?: boolean;
  id_document?: { type: string; number: string; valid_until: string };
}
/** GET /api/v1/applications/{id}: what the issuance window needs of it. */
export interface ApplicationView {
  id: number;
  barcode: string;
  status: string;
  stage: string;
  branch_id: number;
  service_code: string;
  provider_code: string;
  lang: string;
  applicant: PersonView;
  representative: PersonView | null;
  accepted_at: string;
  issue_date: string | null;
  provider_deadline: string | null;
}
export function getApplication(id: number): Promise<ApplicationView> {
  return api<ApplicationView>('GET', `/api/v1/applications/${id}`);
}

/** The person handed the result, with the identity document presented (as at intake). */
export interface Recipient {
  iin: string;
  surname: string;
  name: string;
  patronymic: string;
  id_document: { type: string; number: string; valid_until: string };
}
export interface IssuePowerOfAttorney {
  number: string;
  principal_iin: string;
  issued_on: string;
  valid_until: string;
  issuer: string;
  services: string[];
}
export interface Issued {
  application_id: number;
  stage: 'issued';
  issued_at: string;
  recipient: string;
  /** True when handed to the applicant, false to a representative by a power of attorney. */
  in_person: boolean;
}
export function issueApplication(id: number, recipient: Recipient, poa: IssuePowerOfAttorney | null): Promise<Issued> {
  const body: { recipient: Recipient; power_of_attorney?: IssuePowerOfAttorney } = { recipient };
  if (poa) body.power_of_attorney = poa;
  return api<Issued>('POST', `/api/v1/applications/${id}/issue`, body);
}
export const issueReceiptUrl = (id: number, layout: 'a4' | 'thermal') => `/api/v1/applications/${id}/issue-receipt.pdf${qs({ layout })}`;

// ---- storage shelf (R25) -------------------------------------------------------------------

export interface ShelfItem {
  application_id: number;
  barcode: string;
  service_code: string;
  outcome: string | null;
  shelf: string;
  at_issuance_on: string;
  keep_until: string | null;
  applicant: string;
}
export async function listShelf(branchId: number): Promise<ShelfItem[]> {
  return (await api<{ items: ShelfItem[] }>('GET', `/api/v1/branches/${branchId}/shelf`)).items;
}
export async function listExpiring(branchId: number, days: number): Promise<ShelfItem[]> {
  return (await api<{ items: ShelfItem[] }>('GET', `/api/v1/branches/${branchId}/storage${qs({ expiring_within_days: days })}`)).items;
}

// ---- monitoring ----------------------------------------------------------------------------

export interface DeadlineItem {
  application_id: number;
  barcode: string;
  service_code: string;
  provider_code: string;
  stage: string;
  provider_deadline: string | null;
  issue_date: string | null;
  reason: 'provider_late' | 'issue_late' | string;
}
export interface Deadlines {
  late: DeadlineItem[];
  due_soon: DeadlineItem[];
  on_time: { done: number; on_time: number };
}
export function getDeadlines(branchId: number, providerCode?: string): Promise<Deadlines> {
  return api<Deadlines>('GET', `/api/v1/branches/${branchId}/deadlines${qs({ provider_code: providerCode })}`);
}

export async function getDispatchRounds(branchId: number): Promise<string[]> {
  return (await api<{ rounds: string[] }>('GET', `/api/v1/branches/${branchId}/dispatch-rounds`)).rounds;
}
export async function putDispatchRounds(branchId: number, rounds: string[]): Promise<string[]> {
  return (await api<{ rounds: string[] }>('PUT', `/api/v1/branches/${branchId}/dispatch-rounds`, { rounds })).rounds;
}

export interface MissedDispatch {
  application_id: number;
  barcode: string;
  provider_code: string;
  accepted_at: string;
}
export async function listMissedDispatches(branchId: number, date: string): Promise<MissedDispatch[]> {
  return (await api<{ items: MissedDispatch[] }>('GET', `/api/v1/branches/${branchId}/missed-dispatches${qs({ date })}`)).items;
}

export interface UncollectedItem {
  application_id: number;
  barcode: string;
  provider_code: string;
  accepted_at: string;
}
export async function listUncollected(branchId: number): Promise<UncollectedItem[]> {
  return (await api<{ items: UncollectedItem[] }>('GET', `/api/v1/branches/${branchId}/uncollected`)).items;
}

export interface ProviderUnit {
  id: number;
  provider_code: string;
  region: string;
}
export async function listProviderUnits(): Promise<ProviderUnit[]> {
  return (await api<{ items: ProviderUnit[] }>('GET', '/api/v1/provider-units')).items;
}
