import type { Level } from '../../src/features/identity/events.ts';
import { levels } from '../../src/features/identity/events.ts';

/**
 * Synthetic members for the matching benchmark: 3 skills to teach and 3 to learn each, drawn with a
 * Zipf-like popularity from a vocabulary of real skill names and written the way people write them:
 * mostly as is, sometimes in another case, with a typo (any position, first letter included), with a
 * filler word, in another word order, or as a common abbreviation. Deterministic for a seed.
 */
export const vocabulary = [
  'Python',
  'JavaScript',
  'Guitar',
  'Spanish',
  'English',
  'Cooking',
  'Photography',
  'Yoga',
  'Piano',
  'French',
  'Drawing',
  'Machine learning',
  'Excel',
  'Public speaking',
  'German',
  'Japanese',
  'Chess',
  'Writing',
  'Singing',
  'Data analysis',
  'Java',
  'TypeScript',
  'React',
  'SQL',
  'Go',
  'Rust',
  'C++',
  'C#',
  'Painting',
  'Knitting',
  'Baking',
  'Gardening',
  'Running',
  'Swimming',
  'Tennis',
  'Italian',
  'Mandarin',
  'Portuguese',
  'Korean',
  'Arabic',
  'Russian',
  'Hindi',
  'Violin',
  'Drums',
  'Bass guitar',
  'Ukulele',
  'Saxophone',
  'Trumpet',
  'Cello',
  'Flute',
  'Dancing',
  'Salsa',
  'Tango',
  'Ballet',
  'Meditation',
  'Pilates',
  'Boxing',
  'Climbing',
  'Surfing',
  'Skiing',
  'Cycling',
  'Woodworking',
  'Pottery',
  'Sewing',
  'Embroidery',
  'Calligraphy',
  'Origami',
  'Magic tricks',
  'Juggling',
  'Video editing',
  'Animation',
  'Graphic design',
  'Web design',
  'User experience design',
  'Photoshop',
  'Illustrator',
  'Blender',
  'Unity',
  'Game development',
  'Kubernetes',
  'Docker',
  'Linux',
  'Networking',
  'Cybersecurity',
  'Statistics',
  'Mathematics',
  'Physics',
  'Chemistry',
  'Biology',
  'Astronomy',
  'History',
  'Philosophy',
  'Economics',
  'Accounting',
  'Investing',
  'Marketing',
  'Sales',
  'Negotiation',
  'Leadership',
  'Project management',
  'Copywriting',
  'Poetry',
  'Storytelling',
  'Acting',
  'Improv',
  'Stand-up comedy',
  'Podcasting',
  'Music production',
  'Sound engineering',
  'DJing',
  'Songwriting',
  'Music theory',
  'Sign language',
  'Swedish',
  'Dutch',
  'Turkish',
  'Greek',
  'Hebrew',
  'Polish',
  'Vietnamese',
  'Thai',
  'Indonesian',
  'Swahili',
  'Bread making',
  'Thai cooking',
  'Italian cooking',
  'Indian cooking',
  'Vegan cooking',
  'Wine tasting',
  'Coffee brewing',
  'Cocktails',
  'Beekeeping',
  'Birdwatching',
  'First aid',
  'Self defense',
  'Martial arts',
  'Karate',
  'Judo',
  'Archery',
  'Fishing',
  'Sailing',
  'Horse riding',
  'Car repair',
  'Electronics',
  'Arduino',
  'Raspberry Pi',
  '3D printing',
  'Robotics',
  'Node.js',
  'PostgreSQL',
  'Artificial intelligence',
  'Deep learning',
  'Data visualization',
  'R',
  'Scala',
  'Kotlin',
  'Swift',
  'PHP',
  'Ruby',
  'Elixir',
  'Haskell',
  'Crochet',
  'Interior design',
] as const;

const aliasesOf: Partial<Record<(typeof vocabulary)[number], string[]>> = {
  JavaScript: ['JS'],
  'Machine learning': ['ML'],
  TypeScript: ['TS'],
  Go: ['Golang'],
  Kubernetes: ['K8s'],
  PostgreSQL: ['Postgres'],
  'Node.js': ['NodeJS'],
  Mathematics: ['Maths', 'Math'],
  Spanish: ['Español'],
  French: ['Français'],
  German: ['Deutsch'],
  'Artificial intelligence': ['AI'],
};
const fillers = ['lessons', 'basics', 'course'];
const programming = new Set([
  'Python',
  'JavaScript',
  'Java',
  'TypeScript',
  'Go',
  'Rust',
  'Kotlin',
  'Swift',
  'Ruby',
]);
const languages = [
  'English',
  'Spanish',
  'French',
  'German',
  'Portuguese',
  'Japanese',
  'Hindi',
  'Arabic',
  'Italian',
];
const timeZones = [
  'Europe/London',
  'Europe/Madrid',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
  'Africa/Lagos',
];

export interface SyntheticSkill {
  name: string;
  level: Level;
  /** The vocabulary entry it was written from: the ground truth of resolution. */
  base: string;
}

export interface SyntheticUser {
  id: string;
  displayName: string;
  languages: string[];
  timezone: string;
  lastActiveAt: string;
  teach: SyntheticSkill[];
  learn: SyntheticSkill[];
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYBOARD = 'qwertyuiopasdfghjklzxcvbnm';

/** One typing slip in the longest word: swap, drop, double or mistype a letter, at any position. */
export function typo(name: string, random: () => number): string {
  const words = name.split(' ');
  let at = 0;
  words.forEach((w, i) => {
    if (w.length > words[at]!.length) at = i;
  });
  const word = words[at]!;
  if (word.length < 5) return name;
  const i = Math.floor(random() * (word.length - 1));
  const kind = Math.floor(random() * 4);
  const chars = [...word];
  if (kind === 0) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  else if (kind === 1) chars.splice(i, 1);
  else if (kind === 2) chars.splice(i, 0, chars[i]!);
  else chars[i] = KEYBOARD[Math.floor(random() * KEYBOARD.length)]!;
  words[at] = chars.join('');
  return words.join(' ');
}

function written(base: string, random: () => number): string {
  const roll = random();
  if (roll < 0.6) return base;
  if (roll < 0.7) return random() < 0.5 ? base.toLowerCase() : base.toUpperCase();
  if (roll < 0.85) return typo(base, random);
  if (roll < 0.9)
    return `${base} ${programming.has(base) ? 'programming' : fillers[Math.floor(random() * 3)]}`;
  if (roll < 0.95 && base.includes(' ')) return base.split(' ').reverse().join(', ');
  const aliases = aliasesOf[base as keyof typeof aliasesOf];
  return aliases ? aliases[Math.floor(random() * aliases.length)]! : base;
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Cumulative Zipf-like weights (exponent 0.9) over the vocabulary. */
const cumulative = (() => {
  let sum = 0;
  const list = vocabulary.map((_, rank) => (sum += 1 / (rank + 1) ** 0.9));
  return list.map((c) => c / sum);
})();

function pickSkill(random: () => number): string {
  const r = random();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo]!;
}

export function* syntheticUsers(count: number, seed: number, now = Date.now()): Generator<SyntheticUser> {
  const random = prng(seed);
  for (let n = 0; n < count; n++) {
    // Alternate draws between the lists, so popular skills are as often taught as learned.
    const chosen = new Set<string>();
    const order: string[][] = [[], []];
    while (chosen.size < 6) {
      const base = pickSkill(random);
      if (chosen.has(base)) continue;
      chosen.add(base);
      order[chosen.size % 2]!.push(base);
    }
    const [[t1, t2, t3], [l1, l2, l3]] = order as [string[], string[]];
    const skill = (base: string): SyntheticSkill => ({
      name: written(base, random),
      level: levels[Math.floor(random() * levels.length)]!,
      base,
    });
    const spoken = new Set([
      random() < 0.6 ? 'English' : languages[Math.floor(random() * languages.length)]!,
    ]);
    if (random() < 0.4) spoken.add(languages[Math.floor(random() * languages.length)]!);
    yield {
      id: uuid(random),
      displayName: `Member ${n}`,
      languages: [...spoken],
      timezone: timeZones[Math.floor(random() * timeZones.length)]!,
      lastActiveAt: new Date(now - Math.floor(random() * 90 * 86_400_000)).toISOString(),
      teach: [t1!, t2!, t3!].map(skill),
      learn: [l1!, l2!, l3!].map(skill),
    };
  }
}
