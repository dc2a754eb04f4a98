/** Everything SkillSwap holds about the person, as one JSON file (`GET /api/me/export`). */
export function DownloadMyData() {
  return (
    <section
      aria-labelledby="your-data"
      class="space-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="your-data" class="text-lg font-semibold">
        Your data
      </h2>
      <p class="text-sm text-slate-600">
        One file with everything SkillSwap holds about you: profile, skills, connections, messages, sessions,
        reviews, support requests and the history of your account.
      </p>
      {/* A plain link: the browser saves the answer under the name the server gives it. */}
      <a href="/api/me/export" download class="inline-block text-sm font-medium text-indigo-700 underline">
        Download my data (JSON)
      </a>
    </section>
  );
}
