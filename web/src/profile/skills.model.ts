import { computed, createModel, signal } from '@preact/signals';
import type { Me, Skill, SkillLevel } from '../identity/api.ts';
import { session } from '../identity/session.model.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { profileApi } from './api.ts';

export type SkillList = 'teach' | 'learn';
export const maxSkillsPerList = 30;
export const maxSkillNameLength = 60;

export interface SkillRow {
  /** Stable key for rendering and for placing errors; never sent. */
  id: number;
  name: string;
  level: SkillLevel;
}

const defaultLevel: Record<SkillList, SkillLevel> = { teach: 'intermediate', learn: 'beginner' };
let nextRowId = 1;

function toRows(skills: readonly Skill[]): SkillRow[] {
  return skills.map((s) => ({ id: nextRowId++, name: s.name, level: s.level }));
}

/** Error key for one field of one row; the editor looks errors up with the same key. */
export function skillFieldKey(list: SkillList, rowId: number, field: 'name' | 'level'): string {
  return `${list}.${rowId}.${field}`;
}

/** The skills the signed-in user teaches and wants to learn, edited as rows and saved together. */
export const SkillsModel = createModel((me: Me) => {
  const rows = { teach: signal(toRows(me.teach)), learn: signal(toRows(me.learn)) };
  const snapshot = () =>
    JSON.stringify(
      (['teach', 'learn'] as const).map((list) =>
        rows[list].value.filter((r) => r.name.trim() !== '').map((r) => [r.name.trim(), r.level]),
      ),
    );
  const baseline = signal(snapshot());
  const dirty = computed(() => snapshot() !== baseline.value);
  // Blank rows are not sent, so the server's indices refer to this snapshot, not to the rows on screen.
  let sent: Record<SkillList, SkillRow[]> = { teach: [], learn: [] };

  const submission = new SubmissionModel((path) => {
    const [list, index, field] = path.split('.');
    if (list !== 'teach' && list !== 'learn') return null;
    const row = index === undefined ? undefined : sent[list][Number(index)];
    if (!row) return list; // about the whole list, e.g. too many skills
    return skillFieldKey(list, row.id, field === 'level' ? 'level' : 'name');
  });

  function update(list: SkillList, id: number, patch: Partial<Omit<SkillRow, 'id'>>) {
    rows[list].value = rows[list].value.map((r) => (r.id === id ? { ...r, ...patch } : r));
  }

  return {
    teach: rows.teach,
    learn: rows.learn,
    canAdd: {
      teach: computed(() => rows.teach.value.length < maxSkillsPerList),
      learn: computed(() => rows.learn.value.length < maxSkillsPerList),
    },
    submission,
    dirty,
    add(list: SkillList) {
      if (rows[list].value.length >= maxSkillsPerList) return;
      rows[list].value = [...rows[list].value, { id: nextRowId++, name: '', level: defaultLevel[list] }];
    },
    remove(list: SkillList, id: number) {
      rows[list].value = rows[list].value.filter((r) => r.id !== id);
    },
    rename(list: SkillList, id: number, name: string) {
      update(list, id, { name });
    },
    setLevel(list: SkillList, id: number, level: SkillLevel) {
      update(list, id, { level });
    },
    /** Resolves to whether it saved (errors are on `submission` otherwise). */
    async save(): Promise<boolean> {
      const filled = (list: SkillList) => rows[list].value.filter((r) => r.name.trim() !== '');
      sent = { teach: filled('teach'), learn: filled('learn') };
      const payload = (list: SkillList) => sent[list].map((r) => ({ name: r.name.trim(), level: r.level }));
      const updated = await submission.run(() =>
        profileApi.saveSkills({ teach: payload('teach'), learn: payload('learn') }),
      );
      if (!updated) return false;
      session.update(updated);
      // The server trims and merges duplicates; show what it kept.
      rows.teach.value = toRows(updated.teach);
      rows.learn.value = toRows(updated.learn);
      baseline.value = snapshot();
      return true;
    },
  };
});

export type SkillsModel = InstanceType<typeof SkillsModel>;
