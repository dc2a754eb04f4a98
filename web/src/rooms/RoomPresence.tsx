import type { RoomModel, RoomStatus } from './room.model.ts';

const statusLabels: Record<RoomStatus, string> = {
  connecting: 'Connecting…',
  online: 'Live',
  offline: 'Offline, reconnecting…',
  closed: 'Disconnected',
};

/** The room's link status, and who else is here now (nothing when nobody is). */
export function RoomPresence({ room, me }: { room: RoomModel; me: string }) {
  const others = room.participants.value.filter((p) => p.id !== me);
  const state = room.status.value;
  return (
    <div class="flex min-w-0 flex-wrap items-center gap-2 text-sm">
      <span
        class={`rounded-full px-2 py-0.5 text-xs font-medium ${state === 'online' ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700'}`}
        role="status"
      >
        {statusLabels[state]}
      </span>
      {others.length > 0 && (
        <>
          <span class="text-slate-600">Online now:</span>
          <ul aria-label="Online now" class="flex min-w-0 flex-wrap gap-1">
            {others.map((p) => (
              <li
                key={p.id}
                class="max-w-[10rem] truncate rounded-full bg-indigo-50 px-2 py-0.5 text-indigo-900"
              >
                {p.name}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
