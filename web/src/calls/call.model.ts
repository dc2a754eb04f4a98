import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { profileApi } from '../profile/api.ts';
import { callsApi, type CallTarget, type LiveKitCall } from './api.ts';
import { isSignalData, mediaErrorText, Peer, type SignalData } from './peer.ts';

interface Other {
  id: string;
  name: string;
}

/** Where the one call of this tab stands. */
export type CallPhase =
  | { name: 'idle' }
  | { name: 'incoming'; callId: string; room: string; other: Other; iceServers: RTCIceServer[] }
  | { name: 'outgoing'; callId: string; room: string; other: Other; iceServers: RTCIceServer[] }
  | { name: 'active'; callId: string; room: string; other: Other; iceServers: RTCIceServer[] }
  | { name: 'livekit'; call: LiveKitCall; title: string }
  | { name: 'ended'; message: string };

const LOST_AFTER_MS = 8_000;

/**
 * Calls in this tab: rings on any page (`call.ring`), places and answers built-in 1:1 calls (WebRTC with
 * signalling over the live socket), and hands LiveKit calls to the LiveKit view.
 */
export const CallModel = createModel(() => {
  const phase = signal<CallPhase>({ name: 'idle' });
  const local = signal<MediaStream | null>(null);
  const remote = signal<MediaStream | null>(null);
  const micOn = signal(true);
  const camOn = signal(true);
  const connected = signal(false);
  let peer: Peer | null = null;
  let queued: SignalData[] = [];
  let lost: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;

  const current = () => phase.value;
  const callIdOf = (p: CallPhase) => ('callId' in p ? p.callId : null);

  function teardown(message: string | null) {
    clearTimeout(lost);
    peer?.close();
    peer = null;
    queued = [];
    for (const t of local.value?.getTracks() ?? []) t.stop();
    local.value = null;
    remote.value = null;
    connected.value = false;
    micOn.value = true;
    camOn.value = true;
    phase.value = message === null ? { name: 'idle' } : { name: 'ended', message };
  }

  async function media(): Promise<MediaStream> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    local.value = stream;
    return stream;
  }

  function startPeer(
    callId: string,
    room: string,
    other: Other,
    iceServers: RTCIceServer[],
    stream: MediaStream,
  ) {
    peer = new Peer(
      callId,
      iceServers,
      stream,
      (data) => live.send({ type: 'call.signal', to: other.id, room, data }),
      (s) => (remote.value = s),
    );
    const pc = peer.pc;
    pc.onconnectionstatechange = () => {
      clearTimeout(lost);
      if (pc.connectionState === 'connected') connected.value = true;
      if (pc.connectionState === 'failed' || pc.connectionState === 'disconnected') {
        // The other side dropped (closed the tab, lost the network): give it a moment, then end.
        lost = setTimeout(() => void hangUp(`The connection to ${other.name} was lost.`), LOST_AFTER_MS);
      }
    };
    for (const data of queued.splice(0)) void peer.receive(data);
    return peer;
  }

  async function nameOf(id: string): Promise<string> {
    try {
      return (await profileApi.user(id)).displayName;
    } catch {
      return 'Someone';
    }
  }

  async function onFrame(frame: LiveFrame) {
    const p = current();
    const callId = typeof frame.callId === 'string' ? frame.callId : null;
    const mine = callId !== null && callId === callIdOf(p);
    switch (frame.type) {
      case 'call.ring': {
        if (p.name !== 'idle' && p.name !== 'ended') return;
        const from = String(frame.from);
        const other = { id: from, name: await nameOf(from) };
        const iceServers = Array.isArray(frame.iceServers) ? (frame.iceServers as RTCIceServer[]) : [];
        phase.value = {
          name: 'incoming',
          callId: String(frame.callId),
          room: String(frame.room),
          other,
          iceServers,
        };
        return;
      }
      case 'call.accepted':
        if (!mine) return;
        if (p.name === 'incoming') return teardown(null); // answered in another tab
        if (p.name === 'outgoing') {
          phase.value = { ...p, name: 'active' };
          if (local.value) await startPeer(p.callId, p.room, p.other, p.iceServers, local.value).offer();
        }
        return;
      case 'call.declined':
        if (mine && p.name === 'outgoing') return teardown(`${p.other.name} declined the call.`);
        if (mine) return teardown(null);
        return;
      case 'call.missed':
        if (mine && p.name === 'outgoing') return teardown(`${p.other.name} did not answer.`);
        if (mine && p.name === 'incoming') return teardown(`You missed a call from ${p.other.name}.`);
        return;
      case 'call.busy':
        if (mine && p.name === 'outgoing') return teardown(`${p.other.name} is in another call.`);
        return;
      case 'call.ended': {
        const sameRoom = callId === null && 'room' in p && frame.room === p.room;
        if (!mine && !sameRoom) return;
        if (p.name === 'incoming') return teardown(null);
        return teardown(
          p.name === 'active' || p.name === 'outgoing' ? `Call with ${p.other.name} ended.` : null,
        );
      }
      case 'call.signal': {
        if (!isSignalData(frame.data) || frame.data.callId !== callIdOf(p)) return;
        if (peer) await peer.receive(frame.data);
        else queued.push(frame.data);
        return;
      }
    }
  }

  async function hangUp(message?: string) {
    const p = current();
    const callId = callIdOf(p);
    if (p.name === 'livekit') return teardown(null);
    if (!callId) return teardown(null);
    const other = 'other' in p ? p.other.name : 'them';
    teardown(message ?? `Call with ${other} ended.`);
    await callsApi.end(callId).catch(() => undefined);
  }

  // Closing the tab mid-call hangs up, so the other side is not left waiting.
  window.addEventListener('pagehide', () => {
    const callId = callIdOf(current());
    if (callId)
      void fetch(`/api/calls/${callId}/end`, {
        method: 'POST',
        keepalive: true,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }).catch(() => undefined);
  });

  return {
    phase,
    local,
    remote,
    micOn,
    camOn,
    connected,
    start() {
      unsubscribe ??= live.subscribe((frame) => void onFrame(frame).catch((e) => console.error(e)));
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      void hangUp();
      teardown(null);
    },
    /** Calls a connection, or joins a session or group room; `title` names it on screen. */
    async call(target: CallTarget, title: string) {
      if (current().name !== 'idle' && current().name !== 'ended') return;
      let started;
      try {
        started = await callsApi.start(target);
      } catch (err) {
        phase.value = { name: 'ended', message: errorText(err, 'The call could not be placed.') };
        return;
      }
      if (started.mode === 'livekit') {
        phase.value = { name: 'livekit', call: started, title };
        return;
      }
      const other = { id: 'with' in target ? target.with : '', name: title };
      phase.value = {
        name: 'outgoing',
        callId: started.callId,
        room: started.room,
        other,
        iceServers: started.iceServers,
      };
      try {
        await media();
      } catch (err) {
        await hangUp(mediaErrorText(err));
      }
    },
    async accept() {
      const p = current();
      if (p.name !== 'incoming') return;
      let stream;
      try {
        stream = await media();
      } catch (err) {
        await callsApi.decline(p.callId).catch(() => undefined);
        return teardown(mediaErrorText(err));
      }
      try {
        await callsApi.accept(p.callId);
      } catch (err) {
        return teardown(errorText(err, 'The call could not be placed.'));
      }
      phase.value = { ...p, name: 'active' };
      startPeer(p.callId, p.room, p.other, p.iceServers, stream);
    },
    async decline() {
      const p = current();
      if (p.name !== 'incoming') return;
      teardown(null);
      await callsApi.decline(p.callId).catch(() => undefined);
    },
    hangUp: () => hangUp(),
    dismiss: () => teardown(null),
    toggleMic() {
      micOn.value = !micOn.value;
      for (const t of local.value?.getAudioTracks() ?? []) t.enabled = micOn.value;
    },
    toggleCam() {
      camOn.value = !camOn.value;
      for (const t of local.value?.getVideoTracks() ?? []) t.enabled = camOn.value;
    },
  };
});

export const calls = new CallModel();
