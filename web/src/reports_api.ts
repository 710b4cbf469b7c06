// Monthly reports and reconciliation acts (R37, R38): GET /api/v1/reports, /reports/{id},
// acknowledge, generate, the reconciliation act (draw, discrepancies, sign), the central
// executive bodies' acts and the quality-assessment export.

import { api, qs, type Localized } from './api';

/** The figures of a report line, in the order of the report's columns. */
export const FIGURES = [
  'accepted',
  'refused',
  'sent',
  'results_on_time',
  'results_late',
  'provider_refused',
  'issued',
  'returned_unclaimed',
  'in_storage',
  'ratings',
  'rating_sum',
] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<Figure, number> & { rating_average: number | null };

export interface ReportLine {
  service_code: string;
  figures: Figures;
  top_missing_documents: { code: string; count: number }[];
}

export interface QueueFigures {
  tickets: number;
  called: number;
  wait_sum_ms: number;
  wait_max_ms: number;
  waited_over_15_min: number;
}

export type ActStatus = 'drafted' | 'signed_by_center' | 'signed_by_provider' | 'signed';

export interface ReportSummary {
  id: number;
  month: string;
  branch_id: number;
  provider_code: string;
  provider_unit_id: number | null;
  generated_at: string;
  generated_by: number | null;
  delivered_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  delivery_late: boolean;
  act_late: boolean;
  act: { id: number; status: ActStatus } | null;
  queue: QueueFigures;
}

export interface Report extends ReportSummary {
  lines: ReportLine[];
  totals: Figures;
  provider_name?: Localized | null;
  provider_unit_name?: Localized | null;
}

export interface Discrepancy {
  id: number;
  service_code: string;
  figure: string;
  center_value: number;
  provider_value: number;
  comment: string | null;
  side: 'center' | 'provider';
  entered_at: string;
  entered_by: number;
}

export interface Act {
  id: number;
  report_id: number;
  status: ActStatus;
  drawn_at: string;
  drawn_by: number;
  center_signed_at: string | null;
  center_signed_by: number | null;
  provider_signed_at: string | null;
  provider_signed_by: number | null;
  discrepancies: Discrepancy[];
  report: Report;
}

export interface CentralAct {
  id: number;
  provider_code: string;
  month: string;
  branches: number;
  reports: number;
  drawn_at: string;
  drawn_by: number;
  lines?: ReportLine[];
}

export interface ReportFilter {
  month: string;
  branch_id?: number | null;
  provider_code?: string;
}

export type DocFormat = 'pdf' | 'xlsx' | 'csv';

export async function listReports(f: ReportFilter): Promise<ReportSummary[]> {
  const out: ReportSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ReportSummary[]; next_cursor: string | null } = await api(
      'GET',
      `/api/v1/reports${qs({ month: f.month, branch_id: f.branch_id ?? null, provider_code: f.provider_code || null, limit: 500, cursor })}`,
    );
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && out.length < 5000);
  return out;
}

export const getReport = (id: number) => api<Report>('GET', `/api/v1/reports/${id}`);
export const acknowledgeReport = (id: number) => api<Report>('POST', `/api/v1/reports/${id}/acknowledge`);
export const generateReports = (month: string) =>
  api<{ month: string; generated: number; delivered: number; flagged: number }>('POST', '/api/v1/reports/generate', { month });
export const drawAct = (reportId: number) => api<Act>('POST', `/api/v1/reports/${reportId}/act`);
export const getAct = (id: number) => api<Act>('GET', `/api/v1/reconciliation-acts/${id}`);
export const signAct = (id: number) => api<Act>('POST', `/api/v1/reconciliation-acts/${id}/sign`);
export function addDiscrepancy(id: number, d: { service_code: string; figure: string; provider_value: number; comment?: string }): Promise<Act> {
  return api<Act>('POST', `/api/v1/reconciliation-acts/${id}/discrepancies`, d);
}

export async function listCentralActs(month: string): Promise<CentralAct[]> {
  const page = await api<{ items: CentralAct[] }>('GET', `/api/v1/central-acts${qs({ month: month || null })}`);
  return page.items;
}
export const drawCentralAct = (providerCode: string, month: string) =>
  api<CentralAct>('POST', '/api/v1/central-acts', { provider_code: providerCode, month });

export const reportDocUrl = (id: number, format: DocFormat, lang: 'kk' | 'ru') => `/api/v1/reports/${id}/document${qs({ format, lang })}`;
export const actDocUrl = (id: number, format: DocFormat, lang: 'kk' | 'ru') => `/api/v1/reconciliation-acts/${id}/document${qs({ format, lang })}`;
export const centralActDocUrl = (id: number, format: DocFormat, lang: 'kk' | 'ru') => `/api/v1/central-acts/${id}/document${qs({ format, lang })}`;
export const qualityExportUrl = (month: string, format: 'json' | 'csv') => `/api/v1/quality-export${qs({ month, format })}`;

/** The server's clock (GET /healthz). */
export async function serverNow(): Promise<string> {
  const res = await fetch('/healthz', { cache: 'no-store' });
  const body = (await res.json()) as { now?: string };
  if (!body.now) throw new Error('no clock');
  return body.now;
}

/** The month before the one `iso` falls in, in Astana time: "2026-10" for 2026-11-24. */
export function previousMonth(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 5 * 3600_000);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth(); // 0-based: the previous month's 1-based number
  if (m === 0) {
    y -= 1;
    m = 12;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}
