// The service areas PlaceLens sorts spend into, with their labels and colour-blind-safe colours.

export const SERVICE_AREAS = ['social-care', 'youth', 'estates', 'green-spaces', 'other'] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

export const SERVICE_AREA_LABEL: Record<ServiceArea, string> = {
  'social-care': 'Social care',
  youth: 'Youth services',
  estates: 'Estate management',
  'green-spaces': 'Green spaces',
  other: 'Other',
};

// Okabe–Ito: distinguishable with the common colour-vision deficiencies and in greyscale by lightness.
export const SERVICE_AREA_COLOUR: Record<ServiceArea, string> = {
  'social-care': '#0072B2',
  youth: '#E69F00',
  estates: '#CC79A7',
  'green-spaces': '#009E73',
  other: '#7f7f7f',
};

export function isServiceArea(value: unknown): value is ServiceArea {
  return typeof value === 'string' && (SERVICE_AREAS as readonly string[]).includes(value);
}

export type ByArea<T> = Record<ServiceArea, T>;

export function emptyByArea(): ByArea<number> {
  return { 'social-care': 0, youth: 0, estates: 0, 'green-spaces': 0, other: 0 };
}
