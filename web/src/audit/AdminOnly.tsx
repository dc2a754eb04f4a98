import type { ComponentChildren } from 'preact';
import type { Me } from '../identity/api.ts';
import { SignedIn } from '../identity/SignedIn.tsx';

const adminRoles = new Set(['admin', 'super_admin']);

/** Renders its children for admins (the audit and projections APIs answer 403 to anyone else). */
export function AdminOnly({ children }: { children: (me: Me) => ComponentChildren }) {
  return (
    <SignedIn>
      {(me) =>
        adminRoles.has(me.role) ? (
          children(me)
        ) : (
          <section class="space-y-2">
            <h1 class="text-2xl font-semibold">Admins only</h1>
            <p class="text-slate-600">This page is for administrators. Ask an admin if you need access.</p>
          </section>
        )
      }
    </SignedIn>
  );
}
