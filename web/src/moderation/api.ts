import type { Schema } from '../api/types.ts';
import { http } from '../lib/http.ts';

export type ReportInput = Schema<'ReportBody'>;
export type ReportKind = ReportInput['kind'];
export type ReportReason = ReportInput['reason'];
export type MyReport = Schema<'MyReport'>;

export const moderationApi = {
  report: (input: ReportInput) => http.post<Schema<'FiledReport'>>('/api/reports', input),
  mine: (cursor: string | null) =>
    http.get<Schema<'MyReports'>>(
      `/api/reports?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
};

export const reasonLabels: Record<ReportReason, string> = {
  spam: 'Spam or advertising',
  harassment: 'Harassment or hate',
  inappropriate: 'Inappropriate content',
  other: 'Something else',
};

export const kindNames: Record<ReportKind, string> = {
  user: 'profile',
  direct_message: 'message',
  wall_message: 'wall post',
  group_message: 'group message',
  session: 'session',
  review: 'review',
};
