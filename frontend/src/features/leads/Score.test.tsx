import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatPoints } from './points';
import { ScoreBar, ScoreBreakdown } from './Score';

describe('lead score', () => {
  it('shows the value as a meter with a bar', () => {
    render(<ScoreBar value={42} />);
    const meter = screen.getByRole('meter', { name: 'Score 42 of 100' });
    expect(meter.getAttribute('aria-valuenow')).toBe('42');
    expect((meter.querySelector('.score-fill') as HTMLElement).style.width).toBe('42%');
  });

  it('explains the score item by item, with signed points', async () => {
    render(
      <ScoreBreakdown
        score={{
          value: 37,
          items: [
            { reason: 'Source: referral', points: 20 },
            { reason: 'Has a phone', points: 10 },
            { reason: 'Unqualified', points: -30 },
            { reason: 'No activity for 5 days', points: -6 },
          ],
        }}
      />,
    );
    await userEvent.setup().click(screen.getByText('Why this score?'));
    const items = within(screen.getByRole('list', { name: 'Score breakdown' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['Source: referral+20', 'Has a phone+10', 'Unqualified−30', 'No activity for 5 days−6']);
    expect(items[2]!.querySelector('.points-negative')).not.toBeNull();
  });

  it('says so when nothing contributes', () => {
    render(<ScoreBreakdown score={{ value: 0, items: [] }} />);
    expect(screen.getByText('Nothing adds to or takes from this score yet.')).toBeTruthy();
  });

  it('signs points', () => {
    expect([formatPoints(5), formatPoints(0), formatPoints(-3)]).toEqual(['+5', '0', '−3']);
  });
});
