import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Keyboard dragging jumps a whole column per arrow key (left / right) instead
 * of dnd-kit's default 25px steps: each press lands the card on the middle of
 * the next stage column.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const direction = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  const { collisionRect, droppableRects } = context;
  if (!collisionRect) return undefined;
  if (direction === 0) {
    // Up / down would leave the columns: stay put.
    return event.code === 'ArrowUp' || event.code === 'ArrowDown' ? currentCoordinates : undefined;
  }
  event.preventDefault();
  const center = collisionRect.left + collisionRect.width / 2;
  const rects = [...droppableRects.values()].sort((a, b) => a.left - b.left);
  const target =
    direction > 0 ? rects.find((r) => r.left > center) : [...rects].reverse().find((r) => r.left + r.width < center);
  if (!target) return currentCoordinates;
  return { x: currentCoordinates.x + (target.left + target.width / 2 - center), y: currentCoordinates.y };
};
