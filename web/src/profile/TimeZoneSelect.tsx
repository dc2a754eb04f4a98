import { useMemo } from 'preact/hooks';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { inputClass, labelClass } from '../ui/styles.ts';
import { timeZoneOptions } from './time-zones.ts';

export function TimeZoneSelect({
  value,
  onValue,
  error,
}: {
  value: string;
  onValue: (zone: string) => void;
  error: string | undefined;
}) {
  const zones = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <div>
      <label for="timezone" class={labelClass}>
        Time zone
      </label>
      <select
        id="timezone"
        class={inputClass}
        value={value}
        onChange={(e) => onValue(e.currentTarget.value)}
        {...errorProps('timezone', error)}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
      <FieldError fieldId="timezone" message={error} />
    </div>
  );
}
