import type { Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';
import type { Role } from './roles.ts';

export type AdminUser = Schema<'AdminUser'>;
export type AdminUserDetail = Schema<'AdminUserDetail'>;
export type LogEntry = Schema<'LogEntry'>;
export type LogPage = Schema<'LogPage'>;
export type AdminStats = Schema<'AdminStats'>;
export type DailyStats = Schema<'DailyStats'>;
export type QueueItem = Schema<'ReportQueueItem'>;
export type ResolveInput = Schema<'ResolveBody'>;
export type TicketQueueItem = Schema<'TicketQueueItem'>;
export type Ticket = Schema<'Ticket'>;
export type TicketStatus = Schema<'TicketStatus'>;
export type UserStatus = AdminUser['status'];

export interface UserFilter {
  q: string;
  role: Role | '';
  status: UserStatus | '';
}
export interface LogFilter {
  type: string;
  /** `YYYY-MM-DD` days, inclusive, in UTC. */
  from: string;
  to: string;
}

const PAGE = '20';
const id = encodeURIComponent;

/** A query string of the non-empty parameters. */
function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Log filters as the API wants them: whole UTC days, `to` exclusive. */
function logQuery(filter: LogFilter, cursor: string | null) {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    type: filter.type.trim(),
    from: filter.from ? `${filter.from}T00:00:00Z` : '',
    to: filter.to ? next(filter.to) : '',
    cursor,
    limit: PAGE,
  };
}

export const adminApi = {
  stats: (days: number) => http.get<AdminStats>(`/api/admin/stats?days=${days}`),
  users: (filter: UserFilter, cursor: string | null) =>
    http.get<Schema<'AdminUserList'>>(
      `/api/admin/users${query({ q: filter.q.trim(), role: filter.role, status: filter.status, cursor, limit: PAGE })}`,
    ),
  user: (userId: string) => http.get<AdminUserDetail>(`/api/admin/users/${id(userId)}`),
  editUser: (userId: string, patch: Schema<'AdminProfilePatch'>) =>
    http.patch<AdminUserDetail>(`/api/admin/users/${id(userId)}`, patch),
  suspend: (userId: string, body: Schema<'SuspendBody'>) =>
    http.post<AdminUserDetail>(`/api/admin/users/${id(userId)}/suspend`, body),
  unsuspend: (userId: string) => http.post<AdminUserDetail>(`/api/admin/users/${id(userId)}/unsuspend`),
  setRole: (userId: string, role: Role) =>
    http.put<AdminUserDetail>(`/api/admin/users/${id(userId)}/role`, { role }),
  activity: (userId: string, filter: LogFilter, cursor: string | null) =>
    http.get<LogPage>(`/api/admin/users/${id(userId)}/activity${query(logQuery(filter, cursor))}`),
  staffLog: (filter: LogFilter & { actorId: string }, cursor: string | null) =>
    http.get<LogPage>(`/api/admin/audit${query({ ...logQuery(filter, cursor), actorId: filter.actorId })}`),
  reports: (status: 'open' | 'resolved', cursor: string | null) =>
    http.get<Schema<'ReportQueue'>>(`/api/admin/reports${query({ status, cursor, limit: PAGE })}`),
  resolve: (reportId: string, body: ResolveInput) =>
    http.post<QueueItem>(`/api/admin/reports/${id(reportId)}/resolve`, body),
  tickets: (filter: { status: TicketStatus | ''; assigneeId: string }, cursor: string | null) =>
    http.get<Schema<'TicketQueue'>>(`/api/admin/tickets${query({ ...filter, cursor, limit: PAGE })}`),
  ticket: (ticketId: string) => http.get<Ticket>(`/api/support/tickets/${id(ticketId)}`),
  replyToTicket: (ticketId: string, body: string, internal: boolean) =>
    http.post<Schema<'TicketMessage'>>(`/api/support/tickets/${id(ticketId)}/messages`, { body, internal }),
  assignTicket: (ticketId: string, assigneeId: string | null) =>
    http.post<Ticket>(`/api/admin/tickets/${id(ticketId)}/assign`, { assigneeId }),
  setTicketStatus: (ticketId: string, status: TicketStatus) =>
    http.post<Ticket>(`/api/admin/tickets/${id(ticketId)}/status`, { status }),
};
