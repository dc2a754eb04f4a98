/** One support request (filled in with the support API). */
export function TicketPage({ ticketId }: { ticketId: string }) {
  return <h1 class="text-2xl font-semibold">Support request {ticketId}</h1>;
}
