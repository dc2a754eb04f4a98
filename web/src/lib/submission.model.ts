import { createModel, signal } from '@preact/signals';
import { ApiError } from './http.ts';

/** Maps an API error path ("teach.0.name") to the key of the field that shows it, or null for none. */
export type PathMapper = (path: string) => string | null;

const samePath: PathMapper = (path) => path;

/**
 * The state of one form submission: pending flag, errors per field and one form-level error.
 * `run` clears old errors, awaits the work and sorts any failure into the right place.
 */
export const SubmissionModel = createModel((mapPath: PathMapper = samePath) => {
  const pending = signal(false);
  const fieldErrors = signal<Readonly<Record<string, string>>>({});
  const formError = signal<string | null>(null);

  function fail(err: unknown): void {
    if (!(err instanceof ApiError)) {
      formError.value = 'Something went wrong. Please try again.';
      console.error(err);
      return;
    }
    const byField: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const { path, message } of err.errors) {
      const key = mapPath(path);
      if (key === null) unplaced.push(path ? `${path}: ${message}` : message);
      else byField[key] ??= message;
    }
    fieldErrors.value = byField;
    if (unplaced.length > 0) formError.value = [err.detail, ...unplaced].join(' ');
    else if (err.errors.length === 0) formError.value = err.detail;
  }

  return {
    pending,
    fieldErrors,
    formError,
    clear() {
      fieldErrors.value = {};
      formError.value = null;
    },
    /** Client-side validation uses the same slots as server errors. */
    reject(errors: Readonly<Record<string, string>>) {
      fieldErrors.value = errors;
      formError.value = null;
    },
    /** Resolves to the work's result, or undefined when it failed (the errors are then set). */
    async run<T>(work: () => Promise<T>): Promise<T | undefined> {
      if (pending.value) return undefined;
      pending.value = true;
      fieldErrors.value = {};
      formError.value = null;
      try {
        return await work();
      } catch (err) {
        fail(err);
        return undefined;
      } finally {
        pending.value = false;
      }
    },
  };
});

export type SubmissionModel = InstanceType<typeof SubmissionModel>;
