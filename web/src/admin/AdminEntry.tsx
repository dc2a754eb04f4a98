import { useEffect, useState } from 'preact/hooks';
import type { AdminArea } from './AdminArea.tsx';

type AdminAreaComponent = typeof AdminArea;

/**
 * The admin area, loaded when first visited: staff pages (and their chart library) stay out of the bundle
 * every member downloads.
 */
export function AdminEntry({ section, id }: { section: string; id: string | null }) {
  const [Area, setArea] = useState<{ component: AdminAreaComponent } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    import('./AdminArea.tsx').then(
      (m) => current && setArea({ component: m.AdminArea }),
      (err: unknown) => {
        console.error('Could not load the admin area', err);
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  if (failed) return <p role="alert">The admin area could not be loaded. Reload the page to try again.</p>;
  if (!Area) return <p class="text-slate-600">Loading…</p>;
  return <Area.component section={section} id={id} />;
}
