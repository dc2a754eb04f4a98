import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { auditApi, type StreamSummary } from './api.ts';

/** The stream browser: streams whose name starts with a prefix (a category is `user-`), a page at a time. */
export const StreamsModel = createModel(() => {
  const prefix = signal('user-');
  const streams = signal<StreamSummary[] | null>(null);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);

  async function load(more: boolean) {
    loading.value = true;
    try {
      const page = await auditApi.streams(
        prefix.value.trim(),
        more ? (nextCursor.value ?? undefined) : undefined,
      );
      streams.value = more ? [...(streams.value ?? []), ...page.streams] : page.streams;
      nextCursor.value = page.nextCursor;
      error.value = null;
    } catch (err) {
      error.value = errorText(err, 'Could not load the streams.');
    } finally {
      loading.value = false;
    }
  }

  return {
    prefix,
    streams,
    nextCursor,
    loading,
    error,
    search: () => load(false),
    more: () => load(true),
    /** Lists one category at once. */
    pick(category: string) {
      prefix.value = category;
      return load(false);
    },
  };
});
