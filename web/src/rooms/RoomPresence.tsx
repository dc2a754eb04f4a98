import type { RoomModel, RoomStatus } from './room.model.ts';

const statusLabels: Record<RoomStatus, string> = {
  connecting: 'Connecting…',
  online: 'Live',
  offline: 'Offline, reconnecting…',
  closed: 'Disconnected',
};

/** The room's link status and who is here now. */
export function RoomPresence({ room }: { room: RoomModel }) {
  const people = room.participants.value;
  const state = room.status.value;
  return (
    <div class="flex flex-wrap items-center gap-2 text-sm">
      <span
        class={`rounded-full px-2 py-0.5 text-xs font-medium ${state === 'online' ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700'}`}
        role="status"
      >
        {statusLabels[state]}
      </span>
      <span class="text-slate-600">Online now:</span>
      <ul aria-label="Online now" class="flex min-w-0 flex-wrap gap-1">
        {people.map((p) => (
          <li key={p.id} class="max-w-[10rem] truncate rounded-full bg-indigo-50 px-2 py-0.5 text-indigo-900">
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
