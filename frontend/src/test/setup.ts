import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resetWorkspaceAccess } from '../features/workspaces/access';

afterEach(() => {
  cleanup();
  document.cookie.split(';').forEach((c) => {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
  localStorage.clear();
  resetWorkspaceAccess();
});
