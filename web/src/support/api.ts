import type { Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type Ticket = Schema<'Ticket'>;
export type TicketSummary = Schema<'TicketSummary'>;
export type TicketMessage = Schema<'TicketMessage'>;
export type TicketCategory = Schema<'TicketCategory'>;
export type OpenTicketInput = Schema<'OpenTicketBody'>;

export const supportApi = {
  mine: () => http.get<Schema<'TicketList'>>('/api/support/tickets?limit=100'),
  open: (input: OpenTicketInput) => http.post<Ticket>('/api/support/tickets', input),
  get: (id: string) => http.get<Ticket>(`/api/support/tickets/${encodeURIComponent(id)}`),
  reply: (id: string, body: string) =>
    http.post<TicketMessage>(`/api/support/tickets/${encodeURIComponent(id)}/messages`, { body }),
};

export const categoryLabels: Record<TicketCategory, string> = {
  general: 'General question',
  account: 'My account',
  sessions: 'Sessions',
  safety: 'Safety or abuse',
  technical: 'Something is broken',
  appeal: 'Appeal a suspension',
  other: 'Something else',
};

export const statusLabels: Record<Ticket['status'], string> = {
  open: 'Waiting for support',
  pending: 'Waiting for your answer',
  resolved: 'Resolved',
  closed: 'Closed',
};
