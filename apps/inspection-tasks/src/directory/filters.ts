/** A LIKE pattern for a region's subtree: 150100 matches every code starting 1501. */
export const regionSubtree = (region: string): string => `${region.replace(/(00)+$/, '')}%`;

/** A LIKE pattern (with `ESCAPE '\'`) matching `s` anywhere, its wildcards taken literally. */
export const likeSubstring = (s: string): string => `%${s.replace(/[\\%_]/g, '\\$&')}%`;
