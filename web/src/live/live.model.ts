import { computed, createModel, signal } from '@preact/signals';

/** A frame from `/api/live`; frames that come from stored events carry their `position`. */
export interface LiveFrame {
  type: string;
  position?: number;
  [field: string]: unknown;
}

type Listener = (frame: LiveFrame) => void;

const MAX_BACKOFF_MS = 30_000;
/** The server closes a socket whose sign-in ended with this code (src/platform/realtime/session-sockets.ts). */
const CLOSE_SIGNED_OUT = 4401;

/**
 * The signed-in user's `/api/live` socket. Reconnects with backoff and asks for what it missed with
 * `?after=<last position>`; a `resync` frame means too much was missed and views should reload. When the
 * sign-in ends elsewhere, listeners get a `signed-out` frame (made here, not sent by the server).
 */
export const LiveModel = createModel(() => {
  const status = signal<'off' | 'connecting' | 'open' | 'waiting'>('off');
  const lastPosition = signal(0);
  /** The close code of the last socket the server closed (4403: no longer allowed, e.g. suspended). */
  const closedWith = signal<number | null>(null);
  const connected = computed(() => status.value === 'open');
  const listeners = new Set<Listener>();
  let socket: WebSocket | null = null;
  let wanted = false;
  let attempts = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function emit(frame: LiveFrame) {
    if (typeof frame.position === 'number' && frame.position > lastPosition.value) {
      lastPosition.value = frame.position;
    }
    for (const listener of [...listeners]) {
      try {
        listener(frame);
      } catch (err) {
        console.error('live listener failed', err);
      }
    }
  }

  function open() {
    if (!wanted || socket) return;
    status.value = 'connecting';
    const url = new URL('/api/live', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (lastPosition.value > 0) url.searchParams.set('after', String(lastPosition.value));
    const ws = new WebSocket(url);
    socket = ws;
    ws.onmessage = (event) => {
      let frame: LiveFrame;
      try {
        frame = JSON.parse(String(event.data)) as LiveFrame;
      } catch {
        return;
      }
      if (frame.type === 'ready') {
        attempts = 0;
        status.value = 'open';
      }
      emit(frame);
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      closedWith.value = event.code;
      if (event.code === CLOSE_SIGNED_OUT) {
        // This sign-in ended elsewhere (another browser signed it out, a password change): say so, and
        // stop knocking.
        wanted = false;
        status.value = 'off';
        emit({ type: 'signed-out' });
        return;
      }
      if (!wanted) {
        status.value = 'off';
        return;
      }
      status.value = 'waiting';
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempts) * (0.5 + Math.random() / 2);
      attempts++;
      retry = setTimeout(open, delay);
    };
  }

  // Coming back online or to the tab: try at once instead of waiting out the backoff.
  const nudge = () => {
    if (wanted && !socket) {
      clearTimeout(retry);
      open();
    }
  };
  window.addEventListener('online', nudge);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && nudge());

  return {
    status,
    connected,
    lastPosition,
    closedWith,
    start() {
      wanted = true;
      open();
    },
    stop() {
      wanted = false;
      clearTimeout(retry);
      lastPosition.value = 0;
      closedWith.value = null;
      const ws = socket;
      socket = null;
      status.value = 'off';
      ws?.close();
    },
    /** Calls `listener` for every frame; returns the function that stops it. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(
      frame:
        { type: 'typing'; to: string } | { type: 'call.signal'; to: string; room: string; data: unknown },
    ) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
  };
});

export const live = new LiveModel();
