import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { NotificationView } from '../../api/types';
import { useToast } from '../../components/toastContext';
import { formatDateTime } from '../../lib/format';
import { kindLabel, notificationPath } from './links';
import { useLatestNotifications, useMarkAllRead, useMarkRead, useUnreadCount } from './queries';

function badgeText(count: number, capped: boolean): string {
  return capped || count > 99 ? '99+' : String(count);
}

/**
 * The sidebar bell: an unread badge polled on its own (the page never waits
 * for it) and a popover with the latest notifications. Clicking one opens
 * its record and marks it read.
 */
export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const toast = useToast();
  const unread = useUnreadCount(workspaceId);
  const count = unread.data?.count ?? 0;
  const latest = useLatestNotifications(workspaceId, open);
  const markRead = useMarkRead(workspaceId);
  const markAll = useMarkAllRead(workspaceId);
  const { refetch: refetchLatest } = latest;

  // New notifications arrive through the polled count: refresh the open list.
  useEffect(() => {
    if (open) void refetchLatest();
  }, [open, unread.dataUpdatedAt, refetchLatest]);

  useEffect(() => {
    if (!open) return undefined;
    function onPointer(event: MouseEvent) {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') setOpen(false);
    }
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  function openNotification(n: NotificationView) {
    setOpen(false);
    if (!n.readAt) {
      markRead.mutate(n.id, { onError: (error) => toast.error(`Could not mark it read: ${problemMessage(error)}`) });
    }
    navigate(notificationPath(workspaceId, n));
  }

  const label = count > 0 ? `Notifications, ${badgeText(count, unread.data?.capped ?? false)} unread` : 'Notifications';
  const items = latest.data?.data ?? [];

  return (
    <div className="bell" ref={container}>
      <button
        type="button"
        className="bell-button"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="bell-text">Notifications</span>
        {count > 0 && (
          <span className="bell-badge" data-testid="bell-badge" aria-hidden="true">
            {badgeText(count, unread.data?.capped ?? false)}
          </span>
        )}
      </button>
      {unread.isError && (
        <p className="muted small" role="status">
          Notifications are unavailable; retrying.
        </p>
      )}
      {open && (
        <div id={panelId} className="bell-panel" role="dialog" aria-label="Notifications">
          <div className="bell-panel-header">
            <strong>Notifications</strong>
            <button
              type="button"
              className="btn btn-small"
              disabled={count === 0 || markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, {
                  onSuccess: () => toast.success('All notifications marked read'),
                  onError: (error) => toast.error(`Could not mark them read: ${problemMessage(error)}`),
                })
              }
            >
              Mark all read
            </button>
          </div>
          {latest.isPending ? (
            <p className="muted small">Loading notifications…</p>
          ) : latest.isError ? (
            <div className="small">
              <p>Could not load notifications: {problemMessage(latest.error)}</p>
              <button type="button" className="btn btn-small" onClick={() => void refetchLatest()}>
                Try again
              </button>
            </div>
          ) : items.length === 0 ? (
            <p className="muted small">Nothing yet. You will be told here when someone assigns you a record.</p>
          ) : (
            <ul className="bell-list" aria-label="Latest notifications">
              {items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className={n.readAt ? 'bell-item' : 'bell-item bell-item-unread'}
                    onClick={() => openNotification(n)}
                  >
                    <span className="bell-item-title">{n.title}</span>
                    <span className="muted small">
                      {kindLabel(n.kind)} · {formatDateTime(n.createdAt)}
                      {n.readAt ? '' : ' · unread'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
