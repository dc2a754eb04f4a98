import { useModel } from '@preact/signals';
import type { Me } from '../identity/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { cardClass } from '../ui/styles.ts';
import { SkillListEditor } from './SkillListEditor.tsx';
import { SkillsModel, type SkillList } from './skills.model.ts';

export function SkillsForm({ me }: { me: Me }) {
  const skills = useModel(() => new SkillsModel(me));
  const errors = skills.submission.fieldErrors.value;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await skills.save();
  }

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
    <form noValidate onSubmit={onSubmit} class={`space-y-6 ${cardClass}`} aria-labelledby="skills-heading">
      <h2 id="skills-heading" class="text-lg font-semibold">
        Skills
      </h2>
      <Alert message={skills.submission.formError.value} />
      {editor('teach', 'I can teach')}
      {editor('learn', 'I want to learn')}
      <div class="flex flex-wrap items-center gap-3">
        <SubmitButton pending={skills.submission.pending.value}>Save skills</SubmitButton>
        <Status message={skills.saved.value} />
      </div>
    </form>
  );
}
