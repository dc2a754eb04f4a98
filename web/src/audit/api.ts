import type { Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type StreamList = Schema<'StreamList'>;
export type StreamSummary = StreamList['streams'][number];
export type AuditEvent = Schema<'AuditEvent'>;
export type LogEvent = Schema<'LogEvents'>['events'][number];
export type StreamState = Schema<'StreamState'>;

export interface LogFilter {
  type?: string;
  actorId?: string;
  correlationId?: string;
  from?: string;
  to?: string;
}

const enc = encodeURIComponent;
const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const auditApi = {
  streams: (prefix: string, cursor?: string) =>
    http.get<StreamList>(`/api/admin/streams${query({ prefix, cursor, limit: 50 })}`),
  events: (name: string, fromRevision = 0) =>
    http.get<Schema<'StreamEvents'>>(
      `/api/admin/streams/${enc(name)}/events${query({ fromRevision, limit: 50 })}`,
    ),
  state: (name: string, revision?: number) =>
    http.get<StreamState>(`/api/admin/streams/${enc(name)}/state${query({ revision })}`),
  search: (filter: LogFilter, cursor?: string) =>
    http.get<Schema<'LogEvents'>>(`/api/admin/events${query({ ...filter, cursor, limit: 50 })}`),
};
