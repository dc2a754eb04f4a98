/** Help: the person's support requests (filled in with the support API). */
export function HelpPage() {
  return <h1 class="text-2xl font-semibold">Help</h1>;
}
