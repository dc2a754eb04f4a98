const sizes = { sm: 'size-8 text-sm', md: 'size-16 text-xl', lg: 'size-24 text-3xl' } as const;

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

/** A round avatar image, or the user's initials when they have none. */
export function UserAvatar({
  name,
  url,
  size = 'md',
  alt,
}: {
  name: string;
  url: string | null;
  size?: keyof typeof sizes;
  /** Empty when a visible name sits next to it. */
  alt?: string;
}) {
  const box = `${sizes[size]} shrink-0 rounded-full`;
  const label = alt ?? `${name}'s avatar`;
  if (url) return <img src={url} alt={label} class={`${box} bg-slate-200 object-cover`} />;
  const decorative = label === '';
  return (
    <span
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : label}
      aria-hidden={decorative ? true : undefined}
      class={`${box} inline-flex items-center justify-center bg-indigo-100 font-semibold text-indigo-800`}
    >
      {initials(name)}
    </span>
  );
}
