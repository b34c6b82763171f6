import { checkChain } from './public-publications.service';

const d = (c: string) => c.repeat(64);
const link = (chainSeq: number, id: string, digest: string, previousId: string | null, previousDigest: string | null, fileSha256: string | null = digest) => ({
  chainSeq, id, noticeNo: `N${chainSeq}`, publishedOn: '2026-12-01', kind: 'list', previousId, previousDigest, digest, fileSha256,
}); // prettier-ignore

describe('checkChain', () => {
  it('answers MATCH for an unbroken chain, with its head', () => {
    const rows = [link(1, 'a', d('a'), null, null), link(2, 'b', d('b'), 'a', d('a'), null)];
    expect(checkChain('150100', rows)).toMatchObject({
      verdict: 'MATCH',
      head: d('b'),
      problems: [],
    });
  });

  it('names each broken link: a wrong previous digest, a gap, a file that does not hash', () => {
    const rows = [
      link(1, 'a', d('a'), null, null),
      link(2, 'b', d('b'), 'a', d('f')),
      link(4, 'c', d('c'), 'b', d('b'), d('e')),
    ];
    const r = checkChain('150100', rows);
    expect(r.verdict).toBe('MISMATCH');
    expect(r.problems.map((p) => [p.chainSeq, p.check])).toEqual([
      [2, 'previous'],
      [4, 'sequence'],
      [4, 'file'],
    ]);
    expect(r.items.map((i) => i.ok)).toEqual([true, false, false]);
  });
});
