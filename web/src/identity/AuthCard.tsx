import type { ComponentChildren } from 'preact';
import { cardClass } from '../ui/styles.ts';

export function AuthCard({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class={`mx-auto w-full max-w-md ${cardClass}`}>
      <h1 class="mb-4 text-xl font-semibold">{title}</h1>
      {children}
    </section>
  );
}
