import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { connections } from './connections.model.ts';

/** Header entry with the number of requests waiting for an answer; mounted only while signed in. */
export function ConnectionsNavLink({ class: className }: { class: string }) {
  useEffect(() => {
    const stop = connections.follow();
    return () => {
      stop();
      connections.reset();
    };
  }, []);
  const count = connections.pendingCount.value;
  return (
    <Link href={paths.connections} class={`inline-flex items-center gap-1 ${className}`}>
      Connections
      {count > 0 && (
        <span class="rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white">
          {count}
          <span class="sr-only"> {count === 1 ? 'request' : 'requests'} waiting</span>
        </span>
      )}
    </Link>
  );
}
