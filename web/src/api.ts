// Tiny same-origin JSON API helper.
//
// The session lives in the HttpOnly `tereze_session` cookie set by the server;
// the app never sees or stores a token. Every state-changing request (anything
// but GET/HEAD/OPTIONS), except the login itself, carries the double-submit
// CSRF token from the JS-readable `tereze_csrf` cookie in `X-CSRF-Token`.

export const CSRF_COOKIE = 'tereze_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const LOGIN_PATH = '/api/v1/auth/login';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** Server error code, e.g. "invalid_credentials"; "network" / "http_<status>" otherwise. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait before asking again (the Retry-After header of a 429 or 503), when given. */
    readonly retryAfter?: number,
    /** The whole `error` object of the answer (some carry more fields, e.g. `stage`). */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/** Retry-After in seconds (the HTTP-date form is not used by the server). */
function retryAfterSeconds(value: string | null): number | undefined {
  return value && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

let unauthorizedHandler: ((err: ApiError) => void) | null = null;

/** Called when a request (other than the auth ones) gets 401: the session is gone. */
export function onUnauthorized(fn: ((err: ApiError) => void) | null): void {
  unauthorizedHandler = fn;
}

/** A request body that is already JSON text (e.g. an uploaded file): sent as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

export async function api<T = unknown>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = body instanceof RawJson ? body.text : JSON.stringify(body);
  }
  if (!SAFE_METHODS.has(method) && path !== LOGIN_PATH) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }

  const text = res.status === 204 ? '' : await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const e = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const err = new ApiError(
      res.status,
      typeof e?.code === 'string' ? e.code : `http_${res.status}`,
      typeof e?.message === 'string' ? e.message : res.statusText,
      e?.details,
      retryAfterSeconds(res.headers.get('Retry-After')),
      e && typeof e === 'object' ? (e as Record<string, unknown>) : undefined,
    );
    if (res.status === 401 && !path.startsWith('/api/v1/auth/')) unauthorizedHandler?.(err);
    throw err;
  }
  return data as T;
}

// ---- auth endpoints -------------------------------------------------------

export interface Employee {
  id: number;
  login: string;
  surname: string;
  name: string;
  patronymic?: string | null;
  /** The position in Russian; position_kk is the one in Kazakh. */
  position?: string | null;
  position_kk?: string | null;
  branch_id: number | null;
  roles: string[];
  full_name?: string;
  active?: boolean;
}

export interface LoginResponse {
  expires_at: string;
  employee: Employee;
}

export function login(loginName: string, password: string): Promise<LoginResponse> {
  // The response also carries "token" (for non-browser clients); it is
  // deliberately dropped here: the browser session is the HttpOnly cookie.
  return api<LoginResponse & { token?: string }>('POST', LOGIN_PATH, { login: loginName, password }).then(
    (r) => ({ expires_at: r.expires_at, employee: r.employee }),
  );
}

/** The signed-in employee, or null when there is no valid session (401). */
export async function me(): Promise<Employee | null> {
  try {
    return (await api<{ employee: Employee }>('GET', '/api/v1/auth/me')).employee;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logout(): Promise<void> {
  await api<void>('POST', '/api/v1/auth/logout');
}

// ---- reference data (public) ----------------------------------------------

export interface Localized {
  kk?: string;
  ru?: string;
  en?: string;
}
export type TermUnit = 'working_days' | 'calendar_days' | 'hours';
export interface Term {
  value: number;
  unit: TermUnit;
}
export interface ServiceSummary {
  code: string;
  name: Localized;
  kind: string;
  provider: string;
  term: Term;
}
export interface ServicePage {
  catalog_version: number;
  items: ServiceSummary[];
  next_cursor: string | null;
}
export interface ServiceDocument {
  code: string;
  name: Localized;
  condition: string;
  held_by_state_systems: boolean;
  electronic_copy_accepted: boolean;
}
export interface Payment {
  code: string;
  name: Localized;
  amount_mrp_milli?: number;
  amount_tiyn: number;
}
export interface UrgentTerm {
  name: Localized;
  term: Term;
  payments?: Payment[];
}
export interface Service extends ServiceSummary {
  provider_name: Localized;
  documents: ServiceDocument[];
  prefilled_form: boolean;
  payments: Payment[];
  urgent_terms: UrgentTerm[];
  result: Localized;
  storage_class: string;
  consent_required: boolean;
  price_tiyn: number;
  catalog_version: number;
}

const qs = (params: Record<string, string | number | null | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function searchServices(
  q: string,
  lang: string,
  cursor: string | null,
  signal?: AbortSignal,
  limit = 50,
): Promise<ServicePage> {
  return api<ServicePage>('GET', `/api/v1/services${qs({ q, lang, limit, cursor })}`, undefined, signal);
}

export function getService(code: string): Promise<Service> {
  return api<Service>('GET', `/api/v1/services/${encodeURIComponent(code)}`);
}

export function checklistUrl(code: string, lang: string): string {
  return `/api/v1/services/${encodeURIComponent(code)}/checklist.pdf${qs({ lang })}`;
}

export interface NonWorkingDay {
  date: string;
  kind: string;
  reason: string;
}
export function getCalendar(year: number): Promise<{ year: number; non_working_days: NonWorkingDay[] }> {
  return api('GET', `/api/v1/calendar/${year}`);
}

export interface DueDates {
  accepted: string;
  issue_date: string;
  provider_deadline: string;
  deadline_on_issue_day?: boolean;
}
export function dueDate(accepted: string, term: string, unit: string): Promise<DueDates> {
  return api<DueDates>('GET', `/api/v1/calendar/due-date${qs({ accepted, term, unit })}`);
}

// ---- administration -----------------------------------------------------------

/** All employees the caller may see; only those of `branchId` when it is given. */
export async function listEmployees(branchId?: number): Promise<Employee[]> {
  const all: Employee[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const res: { items: Employee[]; next_cursor: string | null } = await api(
      'GET',
      `/api/v1/employees${qs({ limit: 500, branch_id: branchId, cursor })}`,
    );
    all.push(...res.items);
    cursor = res.next_cursor;
    if (!cursor) break;
  }
  return all;
}

/** The fields PATCH /employees/{id} changes (only those given). */
export interface EmployeeFields {
  surname?: string;
  name?: string;
  patronymic?: string;
  position?: string;
  position_kk?: string;
}

export function updateEmployee(id: number, fields: EmployeeFields): Promise<Employee> {
  return api<Employee>('PATCH', `/api/v1/employees/${encodeURIComponent(String(id))}`, fields);
}

export interface ImportResult {
  version_id: number;
  services: number;
  unchanged: boolean;
}
export function importCatalog(text: string): Promise<ImportResult> {
  return api<ImportResult>('POST', '/api/v1/catalog/import', new RawJson(text));
}

// ---- branches, windows, the branch's own days, trainings ------------------------

export const TIME_ZONES = [
  'Asia/Almaty',
  'Asia/Qostanay',
  'Asia/Aqtobe',
  'Asia/Aqtau',
  'Asia/Atyrau',
  'Asia/Oral',
  'Asia/Qyzylorda',
] as const;

export interface Branch {
  id: number;
  code: string;
  name: Localized;
  region: string;
  address: Localized;
  time_zone: string;
  opens_at: string;
  closes_at: string;
  /** Seven 0/1 flags, Monday first: "1111110". */
  open_weekdays: string;
  video_surveillance: boolean;
  retired: boolean;
}

/** The body of POST /branches (all fields) and PATCH /branches/{id} (the changed ones). */
export interface BranchFields {
  code?: string;
  name_kk?: string;
  name_ru?: string;
  name_en?: string;
  region?: string;
  address_kk?: string;
  address_ru?: string;
  time_zone?: string;
  opens_at?: string;
  closes_at?: string;
  open_weekdays?: string;
  video_surveillance?: boolean;
  retired?: boolean;
}

export async function listBranches(): Promise<Branch[]> {
  const all: Branch[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const res: { items: Branch[]; next_cursor: string | null } = await api(
      'GET',
      `/api/v1/branches${qs({ limit: 500, cursor })}`,
    );
    all.push(...res.items);
    cursor = res.next_cursor;
    if (!cursor) break;
  }
  return all;
}

export function getBranch(id: number): Promise<Branch> {
  return api<Branch>('GET', `/api/v1/branches/${id}`);
}

export function createBranch(fields: BranchFields): Promise<Branch> {
  return api<Branch>('POST', '/api/v1/branches', fields);
}

export function updateBranch(id: number, fields: BranchFields): Promise<Branch> {
  return api<Branch>('PATCH', `/api/v1/branches/${id}`, fields);
}

export const WINDOW_KINDS = ['intake', 'issuance', 'consultation', 'self_service'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export interface BranchWindow {
  id: number;
  branch_id: number;
  number: number;
  kind: WindowKind | string;
  employee_id: number | null;
  retired: boolean;
}

export async function listWindows(branchId: number): Promise<BranchWindow[]> {
  return (await api<{ items: BranchWindow[] }>('GET', `/api/v1/branches/${branchId}/windows`)).items;
}

export function createWindow(branchId: number, number: number, kind: string): Promise<BranchWindow> {
  return api<BranchWindow>('POST', `/api/v1/branches/${branchId}/windows`, { number, kind });
}

/** Seats an employee at the window, or frees it (null). */
export async function seatWindow(id: number, employeeId: number | null): Promise<BranchWindow> {
  // null frees the window.
  return api<BranchWindow>('PATCH', `/api/v1/windows/${id}`, { employee_id: employeeId });
}

export function retireWindow(id: number): Promise<BranchWindow> {
  return api<BranchWindow>('PATCH', `/api/v1/windows/${id}`, { retired: true });
}

export interface BranchDay {
  date: string;
  /** true: open on a day off; false: closed on a working day. */
  open: boolean;
  reason: string;
}

export async function listBranchDays(branchId: number): Promise<BranchDay[]> {
  return (await api<{ items: BranchDay[] }>('GET', `/api/v1/branches/${branchId}/days`)).items;
}

export function putBranchDay(branchId: number, date: string, open: boolean, reason: string): Promise<BranchDay> {
  return api<BranchDay>('PUT', `/api/v1/branches/${branchId}/days/${encodeURIComponent(date)}`, { open, reason });
}

export async function deleteBranchDay(branchId: number, date: string): Promise<void> {
  await api<void>('DELETE', `/api/v1/branches/${branchId}/days/${encodeURIComponent(date)}`);
}

/** The training every employee who meets applicants needs (R16). */
export const R16_TOPIC = 'disability_communication';

export interface Training {
  id: number;
  employee_id: number;
  topic: string;
  completed_on: string;
  valid_until: string | null;
}

export async function listTrainings(employeeId: number): Promise<Training[]> {
  return (await api<{ items: Training[] }>('GET', `/api/v1/employees/${employeeId}/trainings`)).items;
}

export function addTraining(
  employeeId: number,
  training: { topic: string; completed_on: string; valid_until?: string },
): Promise<Training> {
  return api<Training>('POST', `/api/v1/employees/${employeeId}/trainings`, training);
}

// ---- intake at the desk (R9, R10, R17, R18, R19, R27) --------------------------------

/** The service code of a paid service's price among the payments (R29). */
export const SERVICE_PRICE_CODE = 'service_price';

export interface IdDocumentInput {
  type: string;
  number: string;
  valid_until: string;
}
export interface PersonInput {
  iin: string;
  surname: string;
  name: string;
  patronymic: string;
  phone: string;
  id_document?: IdDocumentInput;
}
export interface PowerOfAttorneyInput {
  number: string;
  issued_on: string;
  valid_until: string;
  issuer: string;
}
export type DocumentKind = 'original' | 'copy' | 'electronic';
export type ConsentKind = 'written' | 'sms';
export interface ConsentRef {
  kind: ConsentKind;
  reference: string;
}
export interface ApplicationInput {
  service_code: string;
  /** The applicant's language for receipts and SMS (R19). */
  lang: 'kk' | 'ru';
  applicant: PersonInput;
  representative?: PersonInput & { power_of_attorney?: PowerOfAttorneyInput };
  documents: { code: string; kind: DocumentKind; pages: number }[];
  payments: { code: string; reference: string; amount_tiyn: number }[];
  consents: ConsentRef[];
  form_complete: boolean;
  first_time: boolean;
}
export interface AcceptedApplication {
  id: number;
  barcode: string;
  status: 'accepted';
  accepted_at: string;
  issue_date: string;
  provider_deadline: string;
  receipt_url: string;
}
/** error.details of 422 package_incomplete: the refusal is recorded (R18.6). */
export interface Refusal {
  missing_documents: { code: string; name: Localized }[];
  refusal_id: number;
  refusal_barcode: string;
  refusal_receipt_url: string;
}

export function acceptApplication(body: ApplicationInput): Promise<AcceptedApplication> {
  return api<AcceptedApplication>('POST', '/api/v1/applications', body);
}

export interface Consent {
  id: number;
  reference: string;
  kind: string;
  iin: string;
  scope: string;
  at: string;
}
export function recordWrittenConsent(iin: string, reference: string, scope: string): Promise<Consent> {
  return api<Consent>('POST', '/api/v1/consents', { kind: 'written', iin, reference, scope });
}

export interface ConsentChallenge {
  challenge_id: number;
  /** Masked: "+7******4567". */
  phone: string;
  expires_at: string;
}
export function sendConsentCode(iin: string, phone: string, lang: string, scope: string): Promise<ConsentChallenge> {
  return api<ConsentChallenge>('POST', '/api/v1/consents/sms', { iin, phone, lang, scope });
}
export function verifyConsentCode(challengeId: number, code: string): Promise<Consent> {
  return api<Consent>('POST', `/api/v1/consents/sms/${challengeId}/verify`, { code });
}

// ---- violations on the branch's premises (R18.9) ---------------------------------------

export const VIOLATION_CATEGORIES = ['public_order', 'corruption', 'employee_conduct', 'service_rules', 'safety', 'other'] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];

export interface Violation {
  id: number;
  branch_id: number;
  reported_by: number;
  reported_at: string;
  category: ViolationCategory | string;
  description: string;
  place: string;
  status: 'open' | 'closed';
  closed_by: number | null;
  closed_at: string | null;
  resolution: string | null;
}
export interface ViolationPage {
  items: Violation[];
  next_cursor: string | null;
}

/** Reports a violation seen on the premises of the reporter's own branch. */
export function reportViolation(report: { category: string; description: string; place?: string }): Promise<Violation> {
  return api<Violation>('POST', '/api/v1/violations', report);
}

/** A branch's violations, newest first; only the open ones when `openOnly`. */
export function listViolations(
  branchId: number,
  openOnly: boolean,
  cursor: string | null,
  signal?: AbortSignal,
  limit = 50,
): Promise<ViolationPage> {
  return api<ViolationPage>(
    'GET',
    `/api/v1/branches/${branchId}/violations${qs({ status: openOnly ? 'open' : null, limit, cursor })}`,
    undefined,
    signal,
  );
}

/** The branch manager closes a violation with what was done. */
export function closeViolation(id: number, resolution: string): Promise<Violation> {
  return api<Violation>('POST', `/api/v1/violations/${id}/close`, { resolution });
}

// ---- public tracking by the receipt's barcode (R32) ------------------------------------

/** The stages of a package (R18.10, R22, R24, R25, R33-R36) and "refused" at intake (R18.6). */
export const STAGES = [
  'accepted',
  'collected',
  'registered',
  'dispatched',
  'at_provider',
  'result_at_center',
  'refusal_at_center',
  'at_issuance',
  'issued',
  'returned_unclaimed',
  'refused',
] as const;

export interface TrackEvent {
  /** "accepted", "refused", "ecopy_certified", a scan, … */
  kind: string;
  /** The stage after the event. */
  stage: string;
  /** An instant in UTC. */
  at: string;
}
/** What anybody with the barcode may see: the stage and the dates, no personal data. */
export interface Tracking {
  barcode: string;
  status: 'accepted' | 'refused';
  stage: string;
  service_code: string;
  service_name: { kk?: string; ru?: string } | null;
  /** The applicant's language (R19). */
  lang: string;
  accepted_on: string;
  issue_date: string | null;
  events: TrackEvent[];
  /** Whether the applicant has rated the service already (R23). */
  rated?: boolean;
}

/** 400 barcode_invalid, 422 barcode_misread, 404 application_not_found, 429 too_many_requests. */
export function trackApplication(barcode: string, signal?: AbortSignal): Promise<Tracking> {
  return api<Tracking>('GET', `/api/v1/track/${encodeURIComponent(barcode)}`, undefined, signal);
}

/** R23: the applicant rates the service once (1–5, an optional comment); 409 already_rated. */
export function rateApplication(barcode: string, score: number, comment: string): Promise<{ rated: boolean }> {
  const body: { score: number; comment?: string; channel: string } = { score, channel: 'receipt' };
  if (comment) body.comment = comment;
  return api('POST', `/api/v1/track/${encodeURIComponent(barcode)}/rating`, body);
}
