import { useEffect, useRef } from 'preact/hooks';

/** A `<video>` showing a MediaStream; `muted` for your own picture (no echo). */
export function Video(props: { stream: MediaStream | null; muted?: boolean; label: string; class?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== props.stream) ref.current.srcObject = props.stream;
  }, [props.stream]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={props.muted ?? false}
      aria-label={props.label}
      class={`rounded-lg bg-slate-900 object-cover ${props.class ?? ''}`}
    />
  );
}
