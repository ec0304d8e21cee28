// The tooltip over a ward: its name and £ by service area.

import { useApp } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { formatPounds } from '../../domain/money';

export function HoverCard() {
  const hovered = useApp((s) => s.hovered);
  const ward = useApp((s) => (s.hovered ? s.mapData?.wards.features.find((f) => f.properties.code === s.hovered!.code)?.properties : undefined));
  if (!hovered || !ward) return null;
  return (
    <div className="hover-card" style={{ left: hovered.x + 16, top: hovered.y + 16 }} role="tooltip" data-testid="hover-card">
      <strong>{ward.name}</strong>
      <div className="hover-total">{formatPounds(ward.total)}</div>
      <table>
        <tbody>
          {SERVICE_AREAS.map((a) => (
            <tr key={a}>
              <td>
                <span className="swatch" style={{ background: SERVICE_AREA_COLOUR[a] }} aria-hidden />
                {SERVICE_AREA_LABEL[a]}
              </td>
              <td className="num">{formatPounds(ward[a])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
