import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ConnectionError,
  MediaDeviceFailure,
  Room,
  RoomEvent,
  Track,
  type Participant,
} from 'livekit-client';
import { dangerButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import type { LiveKitCall } from './api.ts';

const panel =
  'fixed inset-2 z-50 mx-auto flex max-w-5xl flex-col rounded-xl bg-white p-4 shadow-2xl ring-1 ring-slate-200';

function failureText(err: unknown): string {
  const failure = MediaDeviceFailure.getFailure(err);
  if (failure === MediaDeviceFailure.PermissionDenied)
    return 'Camera and microphone access was denied. Allow it in your browser’s site settings and join again.';
  if (failure === MediaDeviceFailure.NotFound) return 'No camera or microphone was found.';
  if (failure === MediaDeviceFailure.DeviceInUse)
    return 'Your camera or microphone is in use by another program.';
  if (err instanceof ConnectionError)
    return 'The video server cannot be reached. Check your connection and try again.';
  return 'The call could not be started.';
}

/** A LiveKit room: a grid of participants, mute, camera, screen share, leave. */
export function LiveKitCallView(props: { call: LiveKitCall; title: string; onLeave: () => void }) {
  const [room] = useState(() => new Room({ adaptiveStream: true, dynacast: true }));
  const [, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<'connecting' | 'connected'>('connecting');

  useEffect(() => {
    const refresh = () => setVersion((v) => v + 1);
    for (const e of [
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.TrackSubscribed,
      RoomEvent.TrackUnsubscribed,
      RoomEvent.LocalTrackPublished,
      RoomEvent.LocalTrackUnpublished,
      RoomEvent.TrackMuted,
      RoomEvent.TrackUnmuted,
    ])
      room.on(e, refresh);
    room.on(RoomEvent.Disconnected, () =>
      setError((e) => e ?? 'You left the call, or the connection was lost.'),
    );
    let cancelled = false;
    void (async () => {
      try {
        await room.connect(props.call.url, props.call.token);
        if (cancelled) return;
        setState('connected');
        await room.localParticipant.enableCameraAndMicrophone();
      } catch (err) {
        if (!cancelled) setError(failureText(err));
      }
      refresh();
    })();
    return () => {
      cancelled = true;
      void room.disconnect();
    };
  }, [room, props.call]);

  const me = room.localParticipant;
  const people: Participant[] = [me, ...room.remoteParticipants.values()];
  const toggle = (run: () => Promise<unknown>) => () =>
    void run()
      .catch((err: unknown) => setError(failureText(err)))
      .finally(() => setVersion((v) => v + 1));

  return (
    <section aria-label={`Video call: ${props.title}`} class={panel}>
      <p role="status" class="mb-2 font-semibold">
        {state === 'connecting' ? `Joining ${props.title}…` : props.title}
      </p>
      {error && (
        <p role="alert" class="mb-2 rounded bg-red-50 p-2 text-red-800">
          {error}
        </p>
      )}
      <div class="grid flex-1 auto-rows-fr grid-cols-1 gap-2 overflow-auto sm:grid-cols-2 lg:grid-cols-3">
        {people.map((p) => (
          <Tile key={p.identity} participant={p} local={p === me} />
        ))}
      </div>
      <div class="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          class={secondaryButtonClass}
          onClick={toggle(() => me.setMicrophoneEnabled(!me.isMicrophoneEnabled))}
        >
          {me.isMicrophoneEnabled ? 'Mute' : 'Unmute'}
        </button>
        <button
          type="button"
          class={secondaryButtonClass}
          onClick={toggle(() => me.setCameraEnabled(!me.isCameraEnabled))}
        >
          {me.isCameraEnabled ? 'Camera off' : 'Camera on'}
        </button>
        <button
          type="button"
          class={secondaryButtonClass}
          onClick={toggle(() => me.setScreenShareEnabled(!me.isScreenShareEnabled))}
        >
          {me.isScreenShareEnabled ? 'Stop sharing' : 'Share screen'}
        </button>
        <button
          type="button"
          class={dangerButtonClass}
          onClick={() => {
            void room.disconnect();
            props.onLeave();
          }}
        >
          Leave
        </button>
      </div>
    </section>
  );
}

function Tile({ participant, local }: { participant: Participant; local: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const screen = participant.getTrackPublication(Track.Source.ScreenShare)?.track;
  const camera = participant.getTrackPublication(Track.Source.Camera)?.track;
  const shown = screen ?? camera;
  const sound = local ? undefined : participant.getTrackPublication(Track.Source.Microphone)?.track;
  useEffect(() => {
    const el = video.current;
    if (!shown || !el) return;
    shown.attach(el);
    return () => void shown.detach(el);
  }, [shown]);
  useEffect(() => {
    const el = audio.current;
    if (!sound || !el) return;
    sound.attach(el);
    return () => void sound.detach(el);
  }, [sound]);
  return (
    <figure class="relative overflow-hidden rounded-lg bg-slate-900">
      <video ref={video} autoPlay playsInline muted={local} class="h-full w-full object-cover" />
      <audio ref={audio} autoPlay />
      <figcaption class="absolute bottom-1 left-1 rounded bg-black/60 px-2 text-sm text-white">
        {participant.name || 'Someone'}
        {local && ' (you)'}
        {!participant.isMicrophoneEnabled && ' · muted'}
      </figcaption>
    </figure>
  );
}
