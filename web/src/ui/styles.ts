// Shared Tailwind class lists, so fields and buttons look the same on every page.
export const inputClass =
  'block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm ' +
  'focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 ' +
  'aria-[invalid=true]:border-red-600 disabled:bg-slate-100';

export const labelClass = 'mb-1 block text-sm font-medium text-slate-700';

export const primaryButtonClass =
  'inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold ' +
  'text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 ' +
  'focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60';

export const secondaryButtonClass =
  'inline-flex items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 ' +
  'text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60';

export const cardClass = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6';

export const dangerButtonClass =
  'inline-flex items-center justify-center gap-2 rounded-md bg-red-600 px-3 py-2 text-sm font-semibold ' +
  'text-white shadow-sm hover:bg-red-500 focus-visible:outline-2 focus-visible:outline-offset-2 ' +
  'focus-visible:outline-red-600 disabled:cursor-not-allowed disabled:opacity-60';
