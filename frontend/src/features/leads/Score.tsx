import type { ScoreView } from '../../api/types';
import { formatPoints } from './points';

function clamp(value: number): number {
  return Math.max(0, Math.min(100, Math.round(value)));
}

/** The score as a number with a small bar (a meter for assistive tech). */
export function ScoreBar({ value }: { value: number }) {
  const v = clamp(value);
  const tone = v >= 60 ? 'high' : v >= 30 ? 'mid' : 'low';
  return (
    <span className="score" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={v} aria-label={`Score ${v} of 100`}>
      <span className="score-value" aria-hidden="true">
        {v}
      </span>
      <span className="score-track" aria-hidden="true">
        <span className={`score-fill score-${tone}`} style={{ width: `${v}%` }} />
      </span>
    </span>
  );
}

/** The score with an expandable "why this score" list built from `score.items`. */
export function ScoreBreakdown({ score }: { score: ScoreView }) {
  return (
    <div className="score-breakdown">
      <ScoreBar value={score.value} />
      <details>
        <summary>Why this score?</summary>
        {score.items.length === 0 ? (
          <p className="muted small">Nothing adds to or takes from this score yet.</p>
        ) : (
          <ul className="score-items" aria-label="Score breakdown">
            {score.items.map((item, index) => (
              <li key={`${item.reason}-${index}`}>
                <span>{item.reason}</span>
                <span className={item.points < 0 ? 'points points-negative' : 'points'}>{formatPoints(item.points)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">Scores run from 0 to 100 and drop a little every day a lead sees no activity.</p>
      </details>
    </div>
  );
}
