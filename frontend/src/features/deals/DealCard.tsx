import { useDraggable } from '@dnd-kit/core';
import type { KeyboardEventHandler, PointerEventHandler, ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { StaleBadge } from './badges';
import { formatMoney } from './money';
import type { DealView, MemberView } from '../../api/types';
import { MemberName } from '../team/MemberName';

export interface DealCardProps {
  deal: DealView;
  workspaceId: string;
  /** A page of members already loaded; an owner beyond it is fetched by id. */
  members: readonly MemberView[] | undefined;
}

/** What a card shows; also rendered in the drag overlay. */
export function DealCardBody({ deal, workspaceId, members, handle }: DealCardProps & { handle?: ReactNode }) {
  return (
    <>
      <div className="deal-card-top">
        <Link className="deal-card-title" to={`/w/${workspaceId}/deals/${deal.id}`}>
          {deal.title}
        </Link>
        {handle}
      </div>
      {(deal.companyName || deal.contactName) && (
        <div className="small muted">{[deal.companyName, deal.contactName].filter(Boolean).join(' · ')}</div>
      )}
      <div className="deal-card-money">
        <strong>{formatMoney(deal.amount)}</strong>
        <span className="small muted" title="Weighted amount (amount × probability)">
          {formatMoney(deal.weighted)} · {deal.probability}%
        </span>
      </div>
      <div className="deal-card-meta small">
        <span className="muted">
          <MemberName userId={deal.ownerId} members={members} none="No owner" />
        </span>
        {deal.expectedCloseDate && <span className="muted">Closes {formatDate(deal.expectedCloseDate)}</span>}
        <StaleBadge stale={deal.stale} />
        {deal.status === 'lost' && deal.lostReason && <span className="muted">Lost: {deal.lostReason}</span>}
      </div>
    </>
  );
}

/** A board card: drag it by the handle (pointer or keyboard) or anywhere on it with a pointer. */
export function DealCard({ disabled, ...props }: DealCardProps & { disabled: boolean }) {
  const { deal } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({ id: deal.id, disabled });
  return (
    <li
      ref={setNodeRef}
      className={`deal-card${isDragging ? ' deal-card-dragging' : ''}`}
      aria-label={deal.title}
      // Pointer drags start anywhere on the card (a click on the title still opens the deal: drags need 6px).
      onPointerDown={disabled ? undefined : (listeners?.onPointerDown as PointerEventHandler<HTMLLIElement> | undefined)}
    >
      <DealCardBody
        {...props}
        handle={
          !disabled && (
            <button
              type="button"
              ref={setActivatorNodeRef}
              className="drag-handle"
              {...attributes}
              onKeyDown={listeners?.onKeyDown as KeyboardEventHandler<HTMLButtonElement> | undefined}
              aria-label={`Move ${deal.title}`}
            >
              <span aria-hidden="true">⠿</span>
            </button>
          )
        }
      />
    </li>
  );
}
