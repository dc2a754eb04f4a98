import type { ComponentChildren } from 'preact';
import { navigate } from './router.ts';

interface LinkProps {
  href: string;
  class?: string;
  title?: string;
  children: ComponentChildren;
}

/** An ordinary anchor that navigates client-side unless the user asked for a new tab or window. */
export function Link({ href, children, ...rest }: LinkProps) {
  function onClick(event: MouseEvent) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  }
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
