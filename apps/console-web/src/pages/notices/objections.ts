import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';

/** The enterprise's objections by notice: which notices it objected on, and how far they are. */
export function useObjectionsByNotice() {
  const q = useQuery({
    queryKey: ['objections', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/objections', { params: { query: {} } })),
  });
  return { ...q, byNotice: new Map((q.data?.items ?? []).map((o) => [o.noticeId, o])) };
}

/** The objection on one notice, if any: the list filtered by the API, not the whole list. */
export function useObjectionOfNotice(noticeId: string) {
  const q = useQuery({
    queryKey: ['objections', 'notice', noticeId],
    queryFn: () => ok(api.GET('/api/v1/objections', { params: { query: { noticeId } } })),
  });
  return { ...q, objection: q.data?.items[0] };
}
