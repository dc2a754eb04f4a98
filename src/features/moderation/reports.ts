import { conflict, forbidden } from '../../platform/errors.ts';
import type {
  RecordedReportEvent,
  ReportEvent,
  ReportKind,
  ReportReason,
  ResolutionAction,
} from './events.ts';
import { reportEvents } from './events.ts';

export interface ReportsState {
  /** Everyone who ever reported this target: reporting it twice is a 409. */
  reporters: string[];
  /** Reports not yet resolved (this round's). */
  open: string[];
  round: number;
}

export const initialReportsState: ReportsState = { reporters: [], open: [], round: 0 };

export function evolveReports(state: ReportsState, event: RecordedReportEvent): ReportsState {
  switch (event.type) {
    case 'ReportFiled':
      return {
        reporters: [...state.reporters, event.data.reporterId],
        open: [...state.open, event.data.reportId],
        round: event.data.round,
      };
    case 'ReportsResolved':
      return { ...state, open: [], round: event.data.round + 1 };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const reportsAggregate = {
  initial: initialReportsState,
  evolve: evolveReports,
  registry: reportEvents,
};

interface Target {
  kind: ReportKind;
  targetId: string;
  doc: string | null;
  authorId: string | null;
}

export type ReportCommand =
  | (Target & {
      type: 'FileReport';
      reportId: string;
      reporterId: string;
      reason: ReportReason;
      details: string | null;
    })
  | (Target & { type: 'ResolveReports'; action: ResolutionAction; note: string; by: string });

/** Pure: the events a command causes on a target's reports, or a domain error. */
export function decideReports(command: ReportCommand, state: ReportsState): ReportEvent[] {
  const { kind, targetId, doc, authorId } = command;
  switch (command.type) {
    case 'FileReport': {
      if (state.reporters.includes(command.reporterId)) throw conflict('You already reported this.');
      const { reportId, reporterId, reason, details } = command;
      return [
        {
          type: 'ReportFiled',
          data: { kind, targetId, doc, authorId, reportId, reporterId, reason, details, round: state.round },
        },
      ];
    }
    case 'ResolveReports': {
      if (state.open.length === 0) throw conflict('These reports are already resolved.');
      if (command.by === authorId && command.action !== 'dismiss')
        throw forbidden('You cannot act on reports about your own content.');
      const { action, note, by } = command;
      return [
        {
          type: 'ReportsResolved',
          data: {
            kind,
            targetId,
            doc,
            authorId,
            reportIds: state.open,
            action,
            note,
            by,
            round: state.round,
          },
        },
      ];
    }
    default: {
      const _never: never = command;
      throw forbidden('Unknown command.');
    }
  }
}
