import { Alert } from '../ui/Alert.tsx';
import { cardClass } from '../ui/styles.ts';
import { SkillListEditor } from './SkillListEditor.tsx';
import type { SkillList, SkillsModel } from './skills.model.ts';

/** The skills part of My profile; saved with the rest of the page. */
export function SkillsForm({ skills }: { skills: SkillsModel }) {
  const errors = skills.submission.fieldErrors.value;

  const editor = (list: SkillList, title: string) => (
    <SkillListEditor
      list={list}
      title={title}
      rows={skills[list]}
      canAdd={skills.canAdd[list].value}
      errors={errors}
      onAdd={() => skills.add(list)}
      onRemove={(id) => skills.remove(list, id)}
      onRename={(id, name) => skills.rename(list, id, name)}
      onLevel={(id, level) => skills.setLevel(list, id, level)}
    />
  );

  return (
    <section class={`space-y-6 ${cardClass}`} aria-labelledby="skills-heading">
      <h2 id="skills-heading" class="text-lg font-semibold">
        Skills
      </h2>
      <Alert message={skills.submission.formError.value} />
      {editor('teach', 'I can teach')}
      {editor('learn', 'I want to learn')}
    </section>
  );
}
