import { createModel, signal } from '@preact/signals';

/** A short message about something another person did ("Ana accepted your request"). */
export interface Notice {
  id: number;
  text: string;
  link?: { href: string; label: string };
  /** Notices with the same key replace each other ("New message from Ana" once, not five times). */
  key?: string;
}

const SHOWN_MS = 8_000;
const MAX_SHOWN = 3;

/** Unobtrusive notices that fade on their own; the newest few are kept. */
export const NoticesModel = createModel(() => {
  const list = signal<readonly Notice[]>([]);
  let nextId = 1;

  function dismiss(id: number) {
    list.value = list.value.filter((n) => n.id !== id);
  }

  return {
    list,
    dismiss,
    show(text: string, link?: Notice['link'], key?: string) {
      const notice: Notice = { id: nextId++, text, ...(link && { link }), ...(key && { key }) };
      const others = key ? list.value.filter((n) => n.key !== key) : list.value;
      list.value = [...others, notice].slice(-MAX_SHOWN);
      setTimeout(() => dismiss(notice.id), SHOWN_MS);
    },
    clear() {
      list.value = [];
    },
  };
});

export const notices = new NoticesModel();
