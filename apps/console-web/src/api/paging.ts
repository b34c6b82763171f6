import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';

/** A page of a list as every list route answers it (libs/common Page). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page with the API's opaque cursors (`nextCursor`, then `cursor=`): the
 * rows loaded so far, and `loadMore` for the next page. Filters belong in the key, so a new
 * filter starts from the first page.
 */
export function useCursorList<T>(
  key: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: { enabled?: boolean } = {},
) {
  const q = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
  });
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  return {
    rows,
    hasMore: q.hasNextPage,
    loadMore: () => (q.hasNextPage && !q.isFetchingNextPage ? q.fetchNextPage() : undefined),
    loading: q.isLoading,
    loadingMore: q.isFetchingNextPage,
    error: q.error,
    refetch: q.refetch,
  };
}

/** Query parameters without the empty ones, for a filter form's values. */
export function cleanQuery<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as Partial<T>;
}
