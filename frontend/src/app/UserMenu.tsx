import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { problemMessage } from '../api/problem';
import type { UserView } from '../api/types';
import { useToast } from '../components/toastContext';
import { useSignOut } from '../features/auth/queries';

export function UserMenu({ user }: { user: UserView }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const container = useRef<HTMLDivElement>(null);
  const signOut = useSignOut();
  const navigate = useNavigate();
  const toast = useToast();

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

  return (
    <div className="user-menu" ref={container}>
      <button
        type="button"
        className="user-menu-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="avatar" aria-hidden="true">
          {(user.name || user.email).charAt(0).toUpperCase()}
        </span>
        <span className="user-menu-text">
          <span className="user-name">{user.name}</span>
          <span className="user-email">{user.email}</span>
        </span>
        <span className="visually-hidden">User menu</span>
      </button>
      {open && (
        <div id={menuId} className="user-menu-panel">
          <Link to="/account" onClick={() => setOpen(false)}>
            Account settings
          </Link>
          <button
            type="button"
            onClick={() =>
              signOut.mutate(undefined, {
                onSuccess: () => {
                  toast.success('Signed out');
                  navigate('/sign-in', { replace: true });
                },
                onError: (error) => toast.error(`Sign-out failed: ${problemMessage(error)}`),
              })
            }
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
