const rules = new Intl.PluralRules('en');

/**
 * "1 matching message", "3 matching messages": a count with its noun in the right number. `many`
 * defaults to `one` + "s"; pass it for irregular plurals ("1 person", "2 people").
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${rules.select(count) === 'one' ? one : many}`;
}
