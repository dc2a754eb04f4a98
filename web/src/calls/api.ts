import type { ResponseJson, Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type StartedCall = Schema<'StartedCall'>;
export type P2PCall = Schema<'P2PCall'>;
export type LiveKitCall = Schema<'LiveKitCall'>;
export type CallSummary = Schema<'CallSummary'>;

/** Whom to call: a connection, or the room of a session or a group. */
export type CallTarget = { with: string } | { sessionId: string } | { groupId: string };

const call = (callId: string, verb: 'accept' | 'decline' | 'end') =>
  http.post<void>(`/api/calls/${encodeURIComponent(callId)}/${verb}`);

export const callsApi = {
  start: (target: CallTarget) => http.post<StartedCall>('/api/calls', target),
  accept: (callId: string) => call(callId, 'accept'),
  decline: (callId: string) => call(callId, 'decline'),
  end: (callId: string) => call(callId, 'end'),
  history: (cursor?: string) =>
    http.get<ResponseJson<'/api/calls', 'get'>>(
      `/api/calls?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
};
