/** What travels in `call.signal` frames of a built-in call. */
export type SignalData =
  | { callId: string; kind: 'description'; description: RTCSessionDescriptionInit }
  | { callId: string; kind: 'candidate'; candidate: RTCIceCandidateInit };

export function isSignalData(value: unknown): value is SignalData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.callId === 'string' &&
    ((v.kind === 'description' && typeof v.description === 'object') ||
      (v.kind === 'candidate' && typeof v.candidate === 'object'))
  );
}

/**
 * One side of a built-in call's WebRTC connection. The caller makes the offer once the callee accepted;
 * candidates that arrive before the remote description are held until it is set.
 */
export class Peer {
  readonly pc: RTCPeerConnection;
  private held: RTCIceCandidateInit[] = [];

  constructor(
    private readonly callId: string,
    iceServers: RTCIceServer[],
    local: MediaStream,
    private readonly send: (data: SignalData) => void,
    onRemote: (stream: MediaStream) => void,
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    for (const track of local.getTracks()) this.pc.addTrack(track, local);
    this.pc.onicecandidate = (e) => {
      if (e.candidate) send({ callId, kind: 'candidate', candidate: e.candidate.toJSON() });
    };
    this.pc.ontrack = (e) => {
      const stream = e.streams[0] ?? new MediaStream([e.track]);
      onRemote(stream);
    };
  }

  async offer(): Promise<void> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    if (this.pc.localDescription)
      this.send({ callId: this.callId, kind: 'description', description: this.pc.localDescription.toJSON() });
  }

  async receive(data: SignalData): Promise<void> {
    if (data.kind === 'candidate') {
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(data.candidate);
      else this.held.push(data.candidate);
      return;
    }
    await this.pc.setRemoteDescription(data.description);
    for (const c of this.held.splice(0)) await this.pc.addIceCandidate(c);
    if (data.description.type === 'offer') {
      await this.pc.setLocalDescription(await this.pc.createAnswer());
      if (this.pc.localDescription)
        this.send({
          callId: this.callId,
          kind: 'description',
          description: this.pc.localDescription.toJSON(),
        });
    }
  }

  close(): void {
    this.pc.close();
  }
}

/** A person-readable reason getUserMedia failed. */
export function mediaErrorText(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Camera and microphone access was denied. Allow it in your browser’s site settings and call again.';
  if (name === 'NotFoundError') return 'No camera or microphone was found.';
  if (name === 'NotReadableError') return 'Your camera or microphone is in use by another program.';
  return 'Your camera and microphone could not be started.';
}
