import { useState } from 'react';
import type { CreatedApiTokenView } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/toastContext';

/** Shows a new token's secret exactly once; closing the dialog drops it from memory. */
export function SecretDialog({ created, onClose }: { created: CreatedApiTokenView; onClose: () => void }) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
      toast.success('Token copied to the clipboard');
    } catch {
      toast.error('Could not copy automatically — select the token and copy it by hand');
    }
  }

  return (
    <Dialog
      title="Your new API token"
      onClose={onClose}
      actions={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          I have copied it
        </button>
      }
    >
      <div className="notice notice-warning" role="note">
        <strong>Copy this token now.</strong> It will not be shown again; only its prefix stays visible.
      </div>
      <div className="field">
        <label htmlFor="api-token-secret">Token secret for “{created.token.name}”</label>
        <div className="secret-row">
          <input
            id="api-token-secret"
            className="secret"
            readOnly
            value={created.secret}
            onFocus={(e) => e.currentTarget.select()}
            data-autofocus
          />
          <button type="button" className="btn" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
