import type { StageInput } from '../../api/types';
import type { PipelineView, DealStatus } from '../../api/types';
import { boardStages } from './board';

/** A row of the stages editor: a saved stage (with id) or a new open one. */
export interface DraftStage {
  key: string;
  id?: string;
  name: string;
  probability: string;
  kind: DealStatus;
}

export function toDraft(pipeline: PipelineView): DraftStage[] {
  return boardStages(pipeline).map((s) => ({ key: s.id, id: s.id, name: s.name, probability: String(s.probability), kind: s.kind }));
}

/** Moves open row `index` one place up (-1) or down (+1); won and lost stay the last two. */
export function moveRow(rows: DraftStage[], index: number, delta: -1 | 1): DraftStage[] {
  const target = index + delta;
  if (rows[index]?.kind !== 'open' || rows[target]?.kind !== 'open') return rows;
  const next = [...rows];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** A new open stage goes after the last open one. */
export function addOpenRow(rows: DraftStage[], key: string): DraftStage[] {
  const lastOpen = rows.reduce((at, row, i) => (row.kind === 'open' ? i : at), -1);
  const next = [...rows];
  next.splice(lastOpen + 1, 0, { key, name: '', probability: '50', kind: 'open' });
  return next;
}

export type RowProblem = { key: string; field: 'name' | 'probability'; message: string };

export function validateRows(rows: DraftStage[]): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const row of rows) {
    if (!row.name.trim()) problems.push({ key: row.key, field: 'name', message: 'Enter a stage name' });
    const p = row.probability.trim();
    if (!/^\d{1,3}$/.test(p) || Number(p) > 100) problems.push({ key: row.key, field: 'probability', message: 'Use 0 to 100' });
  }
  return problems;
}

/** The `PUT /pipelines/{id}/stages` list: every row in order, new ones without id. */
export function toStagesRequest(rows: DraftStage[]): StageInput[] {
  return rows.map((row) => ({ ...(row.id ? { id: row.id } : {}), name: row.name.trim(), probability: Number(row.probability.trim()) }));
}
