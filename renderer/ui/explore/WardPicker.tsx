// A keyboard and screen-reader path to every ward: pick one by name and the map goes there with its panel open.

import { useMemo } from 'react';
import { useApp } from '../../store/context';

export function WardPicker() {
  const wards = useApp((s) => s.mapData?.wards.features);
  const selected = useApp((s) => s.selectedWard);
  const goToWard = useApp((s) => s.goToWard);
  const options = useMemo(
    () => (wards ?? []).map((f) => ({ code: f.properties.code, name: f.properties.name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    [wards],
  );
  if (options.length === 0) return null;
  return (
    <label className="ward-picker">
      <span>Ward</span>
      <select value={selected ?? ''} onChange={(e) => e.target.value && void goToWard(e.target.value)} data-testid="ward-picker">
        <option value="">Choose a ward…</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
