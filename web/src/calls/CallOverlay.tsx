import { useEffect, useState } from 'preact/hooks';
import type { LiveKitCall } from './api.ts';
import type { LiveKitCallView as LiveKitCallViewType } from './LiveKitCallView.tsx';
import { dangerButtonClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { calls } from './call.model.ts';
import { Video } from './Video.tsx';

const panel =
  'fixed inset-x-2 bottom-2 z-50 mx-auto max-w-3xl rounded-xl bg-white p-4 shadow-2xl ring-1 ring-slate-200';

/** The call of this tab, over any page: ringing, the built-in 1:1 call, a LiveKit room, how it ended. */
export function CallOverlay() {
  const p = calls.phase.value;
  switch (p.name) {
    case 'idle':
      return null;
    case 'incoming':
      return (
        <div role="alertdialog" aria-labelledby="incoming-call" class={panel} data-testid="incoming-call">
          <p id="incoming-call" class="mb-3 font-semibold">
            {p.other.name} is calling you
          </p>
          <div class="flex gap-2">
            <button type="button" class={primaryButtonClass} onClick={() => void calls.accept()}>
              Accept
            </button>
            <button type="button" class={secondaryButtonClass} onClick={() => void calls.decline()}>
              Decline
            </button>
          </div>
        </div>
      );
    case 'outgoing':
    case 'active':
      return <OneToOne />;
    case 'livekit':
      return <LiveKitLoader call={p.call} title={p.title} onLeave={() => calls.dismiss()} />;
    case 'ended':
      return (
        <div role="status" class={panel} data-testid="call-ended">
          <p class="mb-3">{p.message}</p>
          <button type="button" class={secondaryButtonClass} onClick={() => calls.dismiss()}>
            Close
          </button>
        </div>
      );
    default: {
      const _never: never = p;
      return _never;
    }
  }
}

function OneToOne() {
  const p = calls.phase.value;
  if (p.name !== 'outgoing' && p.name !== 'active') return null;
  const status =
    p.name === 'outgoing'
      ? `Calling ${p.other.name}…`
      : calls.connected.value
        ? `In a call with ${p.other.name}`
        : `Connecting to ${p.other.name}…`;
  return (
    <section aria-label="Call" class={panel} data-testid="call-view">
      <p role="status" class="mb-2 font-semibold">
        {status}
      </p>
      <div class="relative">
        <Video stream={calls.remote.value} label={`${p.other.name}'s video`} class="aspect-video w-full" />
        <Video
          stream={calls.local.value}
          muted
          label="Your video"
          class="absolute bottom-2 right-2 w-1/4 border-2 border-white"
        />
      </div>
      <div class="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          class={secondaryButtonClass}
          aria-pressed={!calls.micOn.value}
          onClick={() => calls.toggleMic()}
        >
          {calls.micOn.value ? 'Mute' : 'Unmute'}
        </button>
        <button
          type="button"
          class={secondaryButtonClass}
          aria-pressed={!calls.camOn.value}
          onClick={() => calls.toggleCam()}
        >
          {calls.camOn.value ? 'Camera off' : 'Camera on'}
        </button>
        <button type="button" class={dangerButtonClass} onClick={() => void calls.hangUp()}>
          Hang up
        </button>
      </div>
    </section>
  );
}

type LiveKitView = typeof LiveKitCallViewType;

/** livekit-client is large: loaded only when a LiveKit call starts. */
function LiveKitLoader(props: { call: LiveKitCall; title: string; onLeave: () => void }) {
  const [View, setView] = useState<LiveKitView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./LiveKitCallView.tsx').then(
      (m) => setView(() => m.LiveKitCallView),
      () => setFailed(true),
    );
  }, []);
  if (View) return <View {...props} />;
  return (
    <div role="status" class={panel}>
      {failed
        ? 'The video call could not be loaded. Reload the page and try again.'
        : 'Starting the video call…'}
    </div>
  );
}
