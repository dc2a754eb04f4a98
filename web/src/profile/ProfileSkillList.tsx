import type { Skill } from '../identity/api.ts';
import { cardClass } from '../ui/styles.ts';
import { levelLabels } from './levels.ts';

/** One of a profile's skill lists (teaches, wants to learn) with levels. */
export function ProfileSkillList({ title, skills }: { title: string; skills: readonly Skill[] }) {
  return (
    <section class={cardClass} aria-label={title}>
      <h2 class="mb-2 text-lg font-semibold">{title}</h2>
      {skills.length === 0 ? (
        <p class="text-slate-500">Nothing listed yet.</p>
      ) : (
        <ul class="divide-y divide-slate-100">
          {skills.map((skill) => (
            <li key={skill.name} class="flex flex-wrap items-center justify-between gap-2 py-2">
              <span class="min-w-0 break-words font-medium">{skill.name}</span>
              <span class="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {levelLabels[skill.level]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
