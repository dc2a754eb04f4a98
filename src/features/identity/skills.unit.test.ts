import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanSkillName, defaultLevel, skillKey } from './events.ts';
import { mergeLanguages, mergeSkills } from './skills.ts';
import { levels, type Level } from './events.ts';

describe('skillKey', () => {
  it('ignores case, accents and surrounding or repeated whitespace', () => {
    expect(skillKey('  Café   au\tLAIT \n')).toBe('cafe au lait');
    expect(skillKey('ÉCRITURE')).toBe(skillKey('ecriture'));
    expect(skillKey('Español')).toBe('espanol');
    expect(skillKey('Zürich German')).toBe('zurich german');
  });

  it('gives precomposed and decomposed accents the same key', () => {
    expect(skillKey('caf\u00e9')).toBe(skillKey('cafe\u0301'));
  });

  it('keeps different skills apart', () => {
    expect(skillKey('C')).not.toBe(skillKey('C++'));
    expect(skillKey('Go')).not.toBe(skillKey('Golf'));
  });
});

describe('cleanSkillName', () => {
  it("trims and collapses whitespace but keeps the person's spelling", () => {
    expect(cleanSkillName('  Rock \t  Climbing  ')).toBe('Rock Climbing');
    expect(cleanSkillName('Crème brûlée')).toBe('Crème brûlée');
  });
});

describe('mergeSkills', () => {
  it('keeps the first spelling and the highest level of duplicates, in first-seen order', () => {
    expect(
      mergeSkills(
        [
          { name: ' guitar ', level: 'beginner' },
          { name: 'Cooking' },
          { name: 'GUITAR', level: 'expert' },
          { name: 'Guitar', level: 'intermediate' },
          { name: 'cooking', level: 'beginner' },
        ],
        defaultLevel.teach,
      ),
    ).toEqual([
      { name: 'guitar', level: 'expert' },
      { name: 'Cooking', level: 'intermediate' },
    ]);
  });

  it('merges accent and whitespace variants', () => {
    expect(
      mergeSkills([{ name: 'Crème  brûlée' }, { name: 'creme brulee', level: 'advanced' }], 'beginner'),
    ).toEqual([{ name: 'Crème brûlée', level: 'advanced' }]);
  });

  it('fills a missing level with the fallback (teachers intermediate, learners beginner)', () => {
    expect(defaultLevel).toEqual({ teach: 'intermediate', learn: 'beginner' });
    expect(mergeSkills([{ name: 'Chess' }], defaultLevel.learn)).toEqual([
      { name: 'Chess', level: 'beginner' },
    ]);
    expect(mergeSkills([{ name: 'Chess' }], defaultLevel.teach)).toEqual([
      { name: 'Chess', level: 'intermediate' },
    ]);
  });

  it('does not change its input', () => {
    const input = Object.freeze([
      Object.freeze({ name: 'Go', level: 'beginner' as const }),
      Object.freeze({ name: 'go', level: 'expert' as const }),
    ]);
    expect(mergeSkills(input, 'beginner')).toEqual([{ name: 'Go', level: 'expert' }]);
    expect(input[0]).toEqual({ name: 'Go', level: 'beginner' });
  });

  it('returns an empty list for an empty list', () => {
    expect(mergeSkills([], 'beginner')).toEqual([]);
  });
});

describe('mergeLanguages', () => {
  it('deduplicates ignoring case, accents and whitespace, keeping the first spelling', () => {
    expect(
      mergeLanguages(['English', ' english', 'ENGLISH  ', 'Español', 'espanol', 'Brazilian  Portuguese']),
    ).toEqual(['English', 'Español', 'Brazilian Portuguese']);
  });
});

// Names built from characters that stress the comparison: case pairs, accents (pre- and decomposed),
// several kinds of whitespace, and letters whose case mapping is special.
const nameChar = fc.constantFrom(
  'a',
  'A',
  'e',
  'E',
  'é',
  'É',
  '\u0301',
  'o',
  'ö',
  'Ö',
  'ß',
  'İ',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '+',
);
const name = fc.string({ unit: nameChar, minLength: 1, maxLength: 10 });
const level = fc.constantFrom(...levels);
const skillInput = fc.record({ name, level: fc.option(level, { nil: undefined }) });
const skillList = fc.array(skillInput, { maxLength: 12 });

describe('properties', () => {
  it('merging is idempotent: merging the output again yields the same list', () => {
    fc.assert(
      fc.property(skillList, level, (input, fallback) => {
        const once = mergeSkills(input, fallback);
        expect(mergeSkills(once, fallback)).toEqual(once);
      }),
    );
  });

  it('the output has one entry per distinct key, in first-seen order, with the highest level given', () => {
    fc.assert(
      fc.property(skillList, level, (input, fallback) => {
        const out = mergeSkills(input, fallback);
        const keys = [...new Set(input.map((s) => skillKey(s.name)))];
        expect(out.map((s) => skillKey(s.name))).toEqual(keys);
        for (const skill of out) {
          const same = input.filter((s) => skillKey(s.name) === skillKey(skill.name));
          expect(skill.name).toBe(cleanSkillName(same[0]!.name));
          const highest = Math.max(...same.map((s) => levels.indexOf(s.level ?? fallback)));
          expect(skill.level).toBe(levels[highest] as Level);
        }
      }),
    );
  });

  it('the key does not care about letter case or surrounding whitespace (ASCII and common accents)', () => {
    const plain = fc.string({
      unit: fc.constantFrom('a', 'b', 'Z', 'é', 'ü', 'Ñ', ' ', '+', '#'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(plain, fc.constantFrom(' ', '\t', '\n', '  '), (s, pad) => {
        expect(skillKey(pad + s.toUpperCase() + pad)).toBe(skillKey(s.toLowerCase()));
      }),
    );
  });

  it('mergeLanguages is idempotent and never keeps two spellings of one key', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 12 }), (input) => {
        const once = mergeLanguages(input);
        expect(mergeLanguages(once)).toEqual(once);
        expect(new Set(once.map(skillKey)).size).toBe(once.length);
      }),
    );
  });
});
