import type { MiddlewareHandler } from 'hono';
import { invalid, type FieldError } from '../errors.ts';
import type { AppEnv } from './context.ts';
import { printable, textFault } from './text.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json$/i;
const MAX_ERRORS = 20;

/**
 * The text policy of `text()` for strings that no schema declares: every query parameter (name and value)
 * and every string and field name of a JSON body must be well-formed Unicode without NUL, so a new field
 * cannot reach Postgres with either. Refusals are 422 with `errors[].path` naming the field, before any
 * route code runs. A body that is not JSON is left to the route (400 or 415 there).
 */
export function wellFormedInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const query: FieldError[] = [];
    for (const [name, values] of Object.entries(c.req.queries())) {
      const nameFault = textFault(name);
      if (nameFault) query.push({ path: printable(name), message: `Parameter names ${nameFault}.` });
      for (const value of values) {
        const fault = textFault(value);
        if (fault) query.push({ path: printable(name), message: `${printable(name)} ${fault}.` });
      }
    }
    if (query.length > 0) refuse('query', query);

    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    if (JSON_MEDIA_TYPE.test(mediaType)) {
      // Parsed once: the route's validator reads the same cached body.
      const body: unknown = await c.req.json().catch(() => undefined);
      const errors = faultsIn(body);
      if (errors.length > 0) refuse('body', errors);
    }
    await next();
  };
}

function refuse(where: string, errors: FieldError[]): never {
  const first = errors[0]!;
  throw invalid(`Invalid ${where}: ${first.path ? `${first.path}: ` : ''}${first.message}`, errors);
}

/** Where a value sits in the body: a linked path, so deep nesting costs no copying. */
interface At {
  parent: At | undefined;
  key: string;
}
const pathOf = (at: At | undefined): string => {
  const keys: string[] = [];
  for (let a = at; a; a = a.parent) keys.push(a.key);
  return printable(keys.reverse().join('.'));
};

/** Walks a parsed JSON value without recursion (a 256 KB body may nest 100,000 levels deep). */
function faultsIn(root: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; at: At | undefined }> = [{ value: root, at: undefined }];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const { value, at } = stack.pop()!;
    if (typeof value === 'string') {
      const fault = textFault(value);
      if (fault) {
        const path = pathOf(at);
        errors.push({ path, message: `${path || 'The body'} ${fault}.` });
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], at: { parent: at, key: String(i) } });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const fault = textFault(key);
        if (fault) errors.push({ path: pathOf({ parent: at, key }), message: `Field names ${fault}.` });
        else stack.push({ value: child, at: { parent: at, key } });
      }
    }
  }
  return errors;
}
