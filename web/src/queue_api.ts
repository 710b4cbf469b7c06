// The electronic queue (R8, R15, R16, R19): the branch's queues, tickets taken at the kiosk or
// on the web, the counter's moves at a window, the live board and its WebSocket.

import { api, type Localized } from './api';

export const PRIORITIES = ['none', 'disability', 'elderly', 'pregnant'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const OUTCOMES = ['served', 'referred', 'not_served'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** The applicant's language of the ticket (R19): Kazakh or Russian. */
export type TicketLang = 'kk' | 'ru';

export interface Queue {
  code: string;
  kind: string;
  name: Localized;
}

export interface Ticket {
  id: number;
  number: string;
  queue: string;
  queue_kind?: string;
  queue_name?: Localized;
  lang: TicketLang;
  priority: Priority | string;
  /** waiting, called, serving, parked, done, no_show. */
  state: string;
  arrived_at?: string;
  /** The contract's name for arrived_at (early servers). */
  created_at?: string;
  called_at?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  /** People ahead while waiting; null otherwise. */
  position: number | null;
  estimated_wait_min: number | null;
  recalls?: number;
  redirected?: boolean;
  outcome?: string | null;
  window: { id: number; number: number } | null;
  /** Only in the answer to the creation. */
  token?: string;
}

/** The moment the ticket was taken. */
export const arrivedAt = (t: Ticket): string => t.arrived_at ?? t.created_at ?? '';

export interface QueueWindow {
  id: number;
  number: number;
  kind: string;
  employee_id?: number | null;
  ticket_id?: number | null;
  /** The contract's form (early drafts): the employee and the ticket as objects. */
  employee?: { id: number; full_name?: string } | null;
  ticket?: Ticket | null;
}

export interface BranchQueue {
  waiting: Ticket[];
  serving: Ticket[];
  /** Tickets put aside (when the server lists them). */
  parked?: Ticket[];
  windows: QueueWindow[];
  /** Tickets waiting longer than 15 minutes (the manager's alerts). */
  alerts?: Ticket[];
}

export const windowEmployeeId = (w: QueueWindow): number | null => w.employee_id ?? w.employee?.id ?? null;
export const windowTicketId = (w: QueueWindow): number | null => w.ticket_id ?? w.ticket?.id ?? null;

export interface BoardCall {
  number: string;
  window: number;
  at?: string;
  text?: { kk?: string; ru?: string };
  audio?: { kk?: string; ru?: string };
}

export type BoardEvent =
  | { type: 'call'; number: string; window: number; text?: BoardCall['text']; audio?: BoardCall['audio'] }
  | { type: 'queue'; ticket_id: number; state: string }
  | { type: string; [k: string]: unknown };

const b = (id: number) => `/api/v1/branches/${encodeURIComponent(String(id))}`;

export async function listQueues(branchId: number): Promise<Queue[]> {
  return (await api<{ items: Queue[] }>('GET', `${b(branchId)}/queues`)).items;
}

export function takeTicket(branchId: number, body: { queue: string; lang: TicketLang; priority: Priority; phone?: string }): Promise<Ticket> {
  return api<Ticket>('POST', `${b(branchId)}/tickets`, body);
}

export function getTicket(id: number, token: string, signal?: AbortSignal): Promise<Ticket> {
  return api<Ticket>('GET', `/api/v1/tickets/${id}?token=${encodeURIComponent(token)}`, undefined, signal);
}

export const ticketPdfUrl = (id: number, token: string) => `/api/v1/tickets/${id}/ticket.pdf?token=${encodeURIComponent(token)}`;

/** The ticket from an answer that may wrap it ({"ticket": …}) or not. */
function unwrap(r: Ticket | { ticket: Ticket }): Ticket {
  return 'ticket' in r && r.ticket && typeof r.ticket === 'object' ? r.ticket : (r as Ticket);
}

export async function callNext(windowId: number): Promise<Ticket> {
  return unwrap(await api<Ticket | { ticket: Ticket }>('POST', `/api/v1/windows/${windowId}/call-next`));
}

export async function callTicket(windowId: number, ticketId: number): Promise<Ticket> {
  return unwrap(await api<Ticket | { ticket: Ticket }>('POST', `/api/v1/windows/${windowId}/call`, { ticket_id: ticketId }));
}

export async function currentTicket(windowId: number): Promise<Ticket | null> {
  return (await api<{ ticket: Ticket | null }>('GET', `/api/v1/windows/${windowId}/current`)).ticket ?? null;
}

export type TicketMove = 'recall' | 'no-show' | 'start' | 'park';

export async function moveTicket(id: number, move: TicketMove): Promise<Ticket> {
  return unwrap(await api<Ticket | { ticket: Ticket }>('POST', `/api/v1/tickets/${id}/${move}`));
}

export async function resumeTicket(id: number, windowId: number): Promise<Ticket> {
  return unwrap(await api<Ticket | { ticket: Ticket }>('POST', `/api/v1/tickets/${id}/resume`, { window_id: windowId }));
}

export async function finishTicket(id: number, outcome: Outcome): Promise<Ticket> {
  return unwrap(await api<Ticket | { ticket: Ticket }>('POST', `/api/v1/tickets/${id}/finish`, { outcome }));
}

export async function redirectTicket(id: number, queue: string): Promise<Ticket> {
  return unwrap(await api<Ticket | { ticket: Ticket }>('POST', `/api/v1/tickets/${id}/redirect`, { queue }));
}

export function branchQueue(branchId: number, signal?: AbortSignal): Promise<BranchQueue> {
  return api<BranchQueue>('GET', `${b(branchId)}/queue`, undefined, signal);
}

export async function getBoard(branchId: number): Promise<BoardCall[]> {
  return (await api<{ calls: BoardCall[] }>('GET', `${b(branchId)}/board`)).calls ?? [];
}

/** ws:// or wss:// (as the page) to the branch's board. */
export function boardSocketUrl(branchId: number): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${b(branchId)}/board/ws`;
}

export interface BoardSocket {
  close: () => void;
}

/**
 * A WebSocket to the branch's board that reconnects by itself (1 s, 2 s, 4 s … at most 30 s).
 * `onOpen` runs on every (re)connect (the caller reloads the state then), `onEvent` on each
 * event, `onState` says whether it is connected.
 */
export function boardSocket(
  branchId: number,
  handlers: { onOpen?: () => void; onEvent?: (e: BoardEvent) => void; onState?: (connected: boolean) => void; onRetry?: () => void },
): BoardSocket {
  let ws: WebSocket | null = null;
  let closed = false;
  let delay = 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const connect = () => {
    if (closed) return;
    try {
      ws = new WebSocket(boardSocketUrl(branchId));
    } catch {
      retry();
      return;
    }
    ws.addEventListener('open', () => {
      delay = 1000;
      handlers.onState?.(true);
      handlers.onOpen?.();
    });
    ws.addEventListener('message', (m) => {
      let data: unknown;
      try {
        data = JSON.parse(String(m.data));
      } catch {
        return;
      }
      const ev = (data as { event?: BoardEvent })?.event;
      if (ev && typeof ev === 'object' && typeof ev.type === 'string') handlers.onEvent?.(ev);
    });
    ws.addEventListener('close', () => {
      ws = null;
      if (closed) return;
      handlers.onState?.(false);
      retry();
    });
    ws.addEventListener('error', () => {
      // A "close" follows.
    });
  };
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      handlers.onRetry?.();
      connect();
    }, delay);
    delay = Math.min(delay * 2, 30_000);
  };
  connect();
  return {
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      ws?.close();
    },
  };
}

// ---- consultations at the window (R14, R15, R20) ----

export const CONSULTATION_OUTCOMES = ['explained', 'checklist_printed', 'self_service_helped', 'referred_to_intake', 'other'] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

export interface Consultation {
  id: number;
  ticket_id: number;
  window_id: number;
  employee_id: number;
  service_code: string;
  outcome: ConsultationOutcome | string;
  note: string | null;
  at: string;
}

export function recordConsultation(ticketId: number, body: { service_code: string; outcome: ConsultationOutcome; note?: string }): Promise<Consultation> {
  return api<Consultation>('POST', `/api/v1/tickets/${encodeURIComponent(String(ticketId))}/consultations`, body);
}

export async function listConsultations(ticketId: number, signal?: AbortSignal): Promise<Consultation[]> {
  return (await api<{ items: Consultation[] }>('GET', `/api/v1/tickets/${encodeURIComponent(String(ticketId))}/consultations`, undefined, signal)).items ?? [];
}

export interface QueueStats {
  date: string;
  taken?: number;
  no_shows?: number;
  consultations?: { service_code: string; outcome: string; count: number }[];
}

export function queueStats(branchId: number, date: string): Promise<QueueStats> {
  return api<QueueStats>('GET', `${b(branchId)}/queue-stats?date=${encodeURIComponent(date)}`);
}

// ---- appointment-only days (R8) ----

export interface AppointmentOnly {
  branch_id: number;
  appointment_only: boolean;
}

export function getAppointmentOnly(branchId: number, signal?: AbortSignal): Promise<AppointmentOnly> {
  return api<AppointmentOnly>('GET', `${b(branchId)}/appointment-only`, undefined, signal);
}

export function setAppointmentOnly(branchId: number, on: boolean): Promise<AppointmentOnly> {
  return api<AppointmentOnly>('PUT', `${b(branchId)}/appointment-only`, { appointment_only: on });
}

// ---- appointments by IIN (R8, R16) ----

export interface Slot {
  /** "YYYY-MM-DDTHH:MM", the branch's local time. */
  start: string;
  capacity: number;
  free: number;
}

export interface Appointment {
  id: number;
  branch_id: number;
  queue: string;
  /** "YYYY-MM-DDTHH:MM", the branch's local time. */
  slot: string;
  state: string;
  lang: TicketLang;
  /** The 6-character code that, with the IIN, cancels and checks in (only in the booking's answer). */
  code?: string;
}

export async function listSlots(branchId: number, queue: string, date: string, signal?: AbortSignal): Promise<Slot[]> {
  const q = `queue=${encodeURIComponent(queue)}&date=${encodeURIComponent(date)}`;
  return (await api<{ items: Slot[] }>('GET', `${b(branchId)}/slots?${q}`, undefined, signal)).items ?? [];
}

export function bookAppointment(branchId: number, body: { iin: string; queue: string; slot_start: string; phone?: string; lang: TicketLang }): Promise<Appointment> {
  return api<Appointment>('POST', `${b(branchId)}/appointments`, body);
}

export function cancelAppointment(id: number, body: { iin: string; code: string }): Promise<Appointment> {
  return api<Appointment>('POST', `/api/v1/appointments/${encodeURIComponent(String(id))}/cancel`, body);
}

/** Check-in at the kiosk: the ticket, as taking one answers it (with its token). */
export async function checkIn(branchId: number, body: { iin: string; code: string }): Promise<Ticket> {
  return unwrap(await api<Ticket | { ticket: Ticket }>('POST', `${b(branchId)}/check-in`, body));
}
