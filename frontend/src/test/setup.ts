import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resetWorkspaceAccess } from '../features/workspaces/access';

// Pages wait on a few chained queries (me → workspace → data); on a busy two-core CI
// machine 1 s (the default) is not always enough for the first `findBy`.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  cleanup();
  document.cookie.split(';').forEach((c) => {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
  localStorage.clear();
  resetWorkspaceAccess();
});
