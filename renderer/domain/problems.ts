// Input problems as values: where in which file, and what was expected. Never thrown for bad data.

export type Severity = 'error' | 'warning';

export interface InputProblem {
  file: string;
  /** 1-based line in the file as a person would count it in a text editor, when the input is tabular. */
  row?: number;
  column?: string;
  /** 1-based feature number, for GeoJSON. */
  feature?: number;
  reason: string;
  severity: Severity;
}

export function describeProblem(p: InputProblem): string {
  const where = [p.file];
  if (p.row !== undefined) where.push(`row ${p.row}`);
  if (p.feature !== undefined) where.push(`feature ${p.feature}`);
  if (p.column !== undefined) where.push(`column "${p.column}"`);
  return `${where.join(', ')}: ${p.reason}`;
}
