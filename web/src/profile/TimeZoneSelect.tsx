import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { inputClass, labelClass } from '../ui/styles.ts';
import { browserTimeZone, timeZoneOptions, zoneMatches } from './time-zones.ts';

/**
 * The time zone as a list of ~400 IANA zones with a search box above it: typing "tok" or "new york"
 * narrows the list. The zone this browser is in comes first, marked "detected".
 */
export function TimeZoneSelect({
  value,
  onValue,
  error,
}: {
  value: string;
  onValue: (zone: string) => void;
  error: string | undefined;
}) {
  const query = useSignal('');
  const detected = useMemo(() => browserTimeZone(), []);
  const zones = useMemo(() => timeZoneOptions(value, detected), [value, detected]);
  const q = query.value;
  const shown = zones.filter((zone) => zone === value || zoneMatches(zone, q));
  const rest = shown.filter((zone) => zone !== detected);
  const label = (zone: string) => zone.replaceAll('_', ' ');

  return (
    <div>
      <label for="timezone" class={labelClass}>
        Time zone
      </label>
      <input
        type="search"
        id="timezone-search"
        class={`${inputClass} mb-2`}
        placeholder="Search: city or region, e.g. Tokyo"
        aria-label="Search time zones"
        aria-controls="timezone"
        value={q}
        onInput={(e) => (query.value = e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter picks the first zone found instead of submitting the page.
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const first = shown.find((zone) => zone !== value) ?? shown[0];
          if (first) onValue(first);
        }}
      />
      <select
        id="timezone"
        class={inputClass}
        value={value}
        onChange={(e) => onValue(e.currentTarget.value)}
        {...errorProps('timezone', error)}
      >
        {shown.includes(detected) && <option value={detected}>{label(detected)} (detected)</option>}
        {rest.map((zone) => (
          <option key={zone} value={zone}>
            {label(zone)}
          </option>
        ))}
      </select>
      <p class="mt-1 text-xs text-slate-600" aria-live="polite">
        {q.trim() ? `${shown.length} of ${zones.length} zones match “${q.trim()}”.` : ''}
      </p>
      <FieldError fieldId="timezone" message={error} />
    </div>
  );
}
