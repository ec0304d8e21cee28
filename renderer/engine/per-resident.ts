// Spend per resident for a ward, when its boundaries file gave a population.

/** A ward's population and spend per resident (pence), as the map's ward properties carry them; 0 when unknown. */
export function perResident(totalPence: number, population: number | null): { population: number | null; perResident: number } {
  return { population, perResident: population && population > 0 ? totalPence / population : 0 };
}
