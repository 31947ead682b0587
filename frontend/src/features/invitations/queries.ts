import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** An invitation by its mailed link id (readable before signing in). */
export function useInvitationPreview(invitationId: string) {
  return useQuery({
    queryKey: ['invitations', invitationId],
    queryFn: () => unwrap(api.GET('/api/invitations/{invitationId}', { params: { path: { invitationId } } })),
  });
}

export function acceptInvitation(invitationId: string) {
  return unwrap(api.POST('/api/invitations/{invitationId}/acceptance', { params: { path: { invitationId } } }));
}
