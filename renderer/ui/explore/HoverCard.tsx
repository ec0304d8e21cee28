// The tooltip over a ward or a hex: its name (or cell) and £ by service area, under the filters.

import { useApp } from '../../store/context';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { formatPounds } from '../../domain/money';
import type { HexProperties } from '../../engine/contract';

export function HoverCard() {
  const hovered = useApp((s) => s.hovered);
  const hex = useApp((s) => s.hoveredHex);
  const ward = useApp((s) => (s.hovered ? (s.filteredWards ?? s.mapData?.wards)?.features.find((f) => f.properties.code === s.hovered!.code)?.properties : undefined));
  if (hex) return <HexCard hex={hex.hex} x={hex.x} y={hex.y} />;
  if (!hovered || !ward) return null;
  return (
    <div className="hover-card" style={{ left: hovered.x + 16, top: hovered.y + 16 }} role="tooltip" data-testid="hover-card">
      <strong>{ward.name}</strong>
      <div className="hover-total">{formatPounds(ward.total)}</div>
      <AreaTable byArea={ward} />
    </div>
  );
}

function HexCard({ hex, x, y }: { hex: HexProperties; x: number; y: number }) {
  return (
    <div className="hover-card" style={{ left: x + 16, top: y + 16 }} role="tooltip" data-testid="hex-card">
      <strong>
        {hex.areas} service area{hex.areas === 1 ? '' : 's'} meet{hex.areas === 1 ? 's' : ''} here
      </strong>
      <div className="hover-total">
        {formatPounds(hex.total)} · {hex.lines.toLocaleString('en-GB')} line{hex.lines === 1 ? '' : 's'}
      </div>
      <AreaTable byArea={hex} />
      {hex.approximate === 1 && <p className="small muted">Mostly placed approximately ({Math.round(hex.approximateShare * 100)}% by postcode centre or named place).</p>}
      <p className="small muted">H3 cell {hex.cell}</p>
    </div>
  );
}

function AreaTable({ byArea }: { byArea: Readonly<Record<(typeof SERVICE_AREAS)[number], number>> }) {
  return (
    <table>
      <tbody>
        {SERVICE_AREAS.map((a) => (
          <tr key={a}>
            <td>
              <span className="swatch" style={{ background: SERVICE_AREA_COLOUR[a] }} aria-hidden />
              {SERVICE_AREA_LABEL[a]}
            </td>
            <td className="num">{formatPounds(byArea[a])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
