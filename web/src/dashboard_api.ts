// The dashboards and breaches of the Rules (issue 7): GET /api/v1/dashboard, /dashboard/live,
// /breaches, /breaches/counts, and the live numbers' WebSocket /api/v1/dashboard/ws.

import { api, qs } from './api';

export const BREACH_KINDS = [
  'few_dispatches',
  'provider_late',
  'issue_late',
  'storage_overdue',
  'report_late',
  'act_late',
  'uncollected',
  'long_wait',
] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

export interface DashboardFilter {
  from: string;
  to: string;
  branch_id?: number | null;
  provider_code?: string;
  service_code?: string;
}

export interface BreachCounts {
  periods: { period: string; total: number; by_kind: Record<string, number> }[];
  totals: Record<string, number>;
  total: number;
}

export interface Dashboard {
  from: string;
  to: string;
  branch_id: number | null;
  volumes: {
    accepted: number;
    refused: number;
    by_day: { day: string; accepted: number; refused: number }[];
    by_service: { service_code: string; accepted: number; refused: number }[];
  };
  on_time: { done: number; on_time: number; share: number | null; by_day: { day: string; done: number; on_time: number }[] };
  stages: Record<string, number>;
  queue_waits_by_hour: { hour: number; tickets: number; called: number; mean_wait_ms: number; max_wait_ms: number; over_15_min: number }[];
  ratings: { count: number; average: number | null; by_score: { score: number; count: number }[] };
  breaches: BreachCounts;
}

export interface LiveNumbers {
  type: 'live';
  branch_id: number | null;
  today: string;
  accepted: number;
  refused: number;
  issued: number;
  tickets: number;
  waiting: number;
  serving: number;
  breaches_today: number;
}

export interface Breach {
  id: number;
  kind: string;
  rule: string;
  object: string;
  branch_id: number;
  provider_code: string | null;
  service_code: string | null;
  application_id: number | null;
  barcode: string | null;
  ticket_id: number | null;
  day: string;
  detected_at: string;
  details: Record<string, string | number>;
}

const filterQuery = (f: DashboardFilter) => ({
  from: f.from,
  to: f.to,
  branch_id: f.branch_id ?? null,
  provider_code: f.provider_code ?? null,
  service_code: f.service_code ?? null,
});

export function getDashboard(f: DashboardFilter): Promise<Dashboard> {
  return api('GET', `/api/v1/dashboard${qs(filterQuery(f))}`);
}

export function getLive(branchId: number | null): Promise<LiveNumbers> {
  return api('GET', `/api/v1/dashboard/live${qs({ branch_id: branchId })}`);
}

export function listBreaches(q: { branch_id?: number | null; kind?: string; from?: string; to?: string; before_id?: number | null; limit?: number }): Promise<{ items: Breach[]; next_before_id: number | null }> {
  return api('GET', `/api/v1/breaches${qs({ branch_id: q.branch_id ?? null, kind: q.kind ?? null, from: q.from ?? null, to: q.to ?? null, before_id: q.before_id ?? null, limit: q.limit ?? null })}`);
}

export function dashboardSocketUrl(branchId: number | null): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/api/v1/dashboard/ws${qs({ branch_id: branchId })}`;
}

/**
 * The live numbers' WebSocket (the session cookie authenticates it), reconnecting by itself
 * (1 s, 2 s, 4 s … at most 30 s).
 */
export function dashboardSocket(branchId: number | null, handlers: { onLive: (n: LiveNumbers) => void; onState?: (connected: boolean) => void }): { close: () => void } {
  let ws: WebSocket | null = null;
  let closed = false;
  let delay = 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
    delay = Math.min(delay * 2, 30_000);
  };
  const connect = () => {
    if (closed) return;
    try {
      ws = new WebSocket(dashboardSocketUrl(branchId));
    } catch {
      retry();
      return;
    }
    ws.addEventListener('open', () => {
      delay = 1000;
      handlers.onState?.(true);
    });
    ws.addEventListener('message', (m) => {
      let data: unknown;
      try {
        data = JSON.parse(String(m.data));
      } catch {
        return;
      }
      const ev = (data as { event?: LiveNumbers })?.event;
      if (ev && typeof ev === 'object' && ev.type === 'live') handlers.onLive(ev);
    });
    ws.addEventListener('close', () => {
      ws = null;
      if (closed) return;
      handlers.onState?.(false);
      retry();
    });
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
