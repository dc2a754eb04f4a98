import { findTarget } from '../../../projections/report-targets.ts';
import { sessionOfReview } from '../../../projections/reviews.ts';
import { findReport, reportItem, reportQueue, type ReportRow } from '../../../projections/reports.ts';
import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { CommandContext } from '../../platform/http/command-route.ts';
import type { Deps } from '../../platform/http/context.ts';
import { suspendAccount } from '../admin/index.ts';
import { findPublicProfiles } from '../identity/index.ts';
import { removeDirectMessage } from '../messages/index.ts';
import { runSessionCommand } from '../sessions/index.ts';
import { reportStream, type ReportKind, type ReportReason, type ResolutionAction } from './events.ts';
import { decideReports, reportsAggregate, type ReportCommand } from './reports.ts';

const LOOKUP_WAIT_MS = 3_000;
const hidden = () => notFound('There is nothing with this id that you can report.');

function runReports(ctx: CommandContext, stream: string, command: ReportCommand) {
  return handleCommand(
    ctx.deps.store,
    stream,
    reportsAggregate,
    (state) => decideReports(command, state),
    ctx.metadata,
  );
}

/**
 * Files a report of something the reporter can see; anything else (unknown, or a direct message to
 * someone else, a group they are not in) is the same 404, revealing nothing.
 */
export async function fileReport(
  ctx: CommandContext,
  input: {
    kind: ReportKind;
    targetId: string;
    doc?: string | undefined;
    reason: ReportReason;
    details?: string | undefined;
  },
) {
  const { deps, me } = ctx;
  const needsDoc = input.kind === 'wall_message' || input.kind === 'group_message';
  if (needsDoc && !input.doc)
    throw invalid('Name the document of the message.', [
      { path: 'doc', message: 'Wall and group messages are named by doc (`wall` or `group-<id>`) and id.' },
    ]);
  const doc = needsDoc ? input.doc! : null;
  if (input.kind === 'user' && input.targetId === me.userId)
    throw invalid('You cannot report yourself.', [{ path: 'targetId', message: 'Report someone else.' }]);
  let target = await findTarget(deps.db, input.kind, input.targetId, doc, me.userId);
  if (!target) {
    // Something just made may not be in the read models yet: they catch up (bounded), then once more.
    await deps.projections.waitFor(await deps.store.headPosition(), { timeoutMs: LOOKUP_WAIT_MS });
    target = await findTarget(deps.db, input.kind, input.targetId, doc, me.userId);
  }
  if (!target) throw hidden();
  const reportId = deps.newId();
  const result = await runReports(ctx, reportStream(input.kind, doc, input.targetId), {
    type: 'FileReport',
    kind: input.kind,
    targetId: input.targetId,
    doc,
    authorId: target.authorId,
    reportId,
    reporterId: me.userId,
    reason: input.reason,
    details: input.details ? input.details : null,
  });
  return { id: reportId, position: result.position };
}

/** A report by id; one just filed may not be in the read model yet, so a miss waits (bounded) once. */
async function reportById(deps: Deps, id: string): Promise<ReportRow> {
  let row = await findReport(deps.db, id);
  if (!row) {
    await deps.projections.waitFor(await deps.store.headPosition(), {
      names: ['reports'],
      timeoutMs: LOOKUP_WAIT_MS,
    });
    row = await findReport(deps.db, id);
  }
  if (!row) throw notFound('No report with this id.');
  return row;
}

/** Removes a wall or group message through this process's Yjs server (src/features/docs). */
export interface DocRemoval {
  removeMessage(doc: string, messageId: string, metadata: EventMetadata): Promise<boolean>;
}

/** Resolves the whole item of report `id`: first the action's effect, then the resolution. */
export async function resolveReports(
  ctx: CommandContext,
  id: string,
  input: { action: ResolutionAction; note: string },
  docs: DocRemoval,
) {
  const report = await reportById(ctx.deps, id);
  const kind = report.kind as ReportKind;
  const target = { kind, targetId: report.target_id, doc: report.doc, authorId: report.author_id };
  const command: ReportCommand = { type: 'ResolveReports', ...target, ...input, by: ctx.me.userId };
  // Refuses an item already resolved (409) before anything is done to anyone.
  decideReports(command, await currentState(ctx.deps, report.stream));
  if (input.action === 'suspend_user') {
    if (!report.author_id) throw notFound('The author of this content no longer exists.');
    await suspendAccount(ctx, report.author_id, { reason: input.note });
  } else if (input.action === 'remove_content') {
    await removeContent(ctx, report, input.note, docs);
  }
  const result = await runReports(ctx, report.stream, command);
  return { stream: report.stream, position: result.position };
}

async function currentState(deps: Deps, stream: string) {
  return (await loadAggregate(deps.store, stream, reportsAggregate)).state;
}

async function removeContent(ctx: CommandContext, report: ReportRow, note: string, docs: DocRemoval) {
  const { deps, me, metadata } = ctx;
  switch (report.kind) {
    case 'session':
      await runSessionCommand(
        deps,
        report.target_id,
        { type: 'CancelSession', by: me.userId, role: me.role, reason: note, now: deps.clock() },
        metadata,
      );
      return;
    case 'wall_message':
    case 'group_message':
      // Already gone (deleted by its author meanwhile) counts as removed.
      await docs.removeMessage(report.doc ?? '', report.target_id, metadata);
      return;
    case 'direct_message': {
      const to = await deps.db
        .selectFrom('direct_messages')
        .select('to_id')
        .where('id', '=', report.target_id)
        .executeTakeFirst();
      if (!to || !report.author_id) throw notFound('This message no longer exists.');
      await removeDirectMessage(
        deps,
        { id: report.target_id, fromUserId: report.author_id, toUserId: to.to_id },
        metadata,
      );
      return;
    }
    case 'review': {
      const sessionId = await sessionOfReview(deps.db, report.target_id);
      if (!sessionId) throw notFound('This review no longer exists.');
      await runSessionCommand(
        deps,
        sessionId,
        {
          type: 'RemoveReview',
          reviewId: report.target_id,
          by: me.userId,
          byRole: me.role,
          reason: note,
          now: deps.clock(),
        },
        metadata,
      );
      return;
    }
    default:
      throw invalid(`remove_content does not apply to a ${report.kind.replace('_', ' ')} yet.`, [
        { path: 'action', message: 'Use dismiss or suspend_user.' },
      ]);
  }
}

/** The queue, each item with its content (as it is now) and its reports with the reporters' profiles. */
export async function queue(
  deps: Deps,
  status: 'open' | 'resolved',
  page: { offset: number; limit: number },
) {
  const items = await reportQueue(deps.db, status, page);
  return itemViews(
    deps,
    items.map((i) => ({ ...i, status })),
  );
}

/** The queue item of report `id` (after a resolution). */
export async function queueItemOf(deps: Deps, id: string) {
  const item = await reportItem(deps.db, id);
  if (!item) throw notFound('No report with this id.');
  const [view] = await itemViews(deps, [item]);
  return view!;
}

interface Item {
  kind: string;
  target_id: string;
  doc: string | null;
  status: 'open' | 'resolved';
  outcome: string | null;
  reports: ReportRow[];
}

async function itemViews(deps: Deps, items: readonly Item[]) {
  const contents = await Promise.all(items.map((i) => findTarget(deps.db, i.kind, i.target_id, i.doc, null)));
  const people = await findPublicProfiles(deps.db, [
    ...items.flatMap((i) => i.reports.map((r) => r.reporter_id)),
    ...contents.flatMap((c) => (c?.authorId ? [c.authorId] : [])),
  ]);
  return items.map((item, n) => {
    const content = contents[n];
    const author = content?.authorId ? people.get(content.authorId) : undefined;
    return {
      kind: item.kind as ReportKind,
      targetId: item.target_id,
      doc: item.doc,
      content: content
        ? {
            author: author ? { id: author.id, displayName: author.displayName } : null,
            text: content.text,
            createdAt: content.createdAt ? new Date(content.createdAt).toISOString() : null,
            removed: content.removed,
          }
        : null,
      reports: item.reports.map((r) => ({
        id: r.id,
        reporter: people.get(r.reporter_id) ?? null,
        reason: r.reason as ReportReason,
        details: r.details,
        createdAt: new Date(r.created_at).toISOString(),
      })),
      status: item.status,
      outcome: item.outcome as 'dismissed' | null,
    };
  });
}
