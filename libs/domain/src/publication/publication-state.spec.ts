import {
  SCHEDULER_COMPILER,
  allowedPublicationEvents,
  checkPublicationFourEyes,
  transitionPublication,
} from './publication-state';

describe('publication states and four eyes', () => {
  const draft = { state: 'draft' as const, compiledBy: 'alice', approvedBy: null };
  const approved = { ...draft, state: 'approved' as const, approvedBy: 'bob' };

  it('goes draft → approved → published, and drafts or approved lists may be discarded', () => {
    expect(transitionPublication(draft, 'approve', 'bob')).toEqual({ ok: true, state: 'approved' });
    expect(transitionPublication(approved, 'publish', 'alice')).toEqual({
      ok: true,
      state: 'published',
    });
    expect(transitionPublication(approved, 'publish', 'bob')).toEqual({
      ok: true,
      state: 'published',
    });
    expect(transitionPublication(draft, 'discard', 'alice')).toEqual({
      ok: true,
      state: 'discarded',
    });
    expect(allowedPublicationEvents('approved')).toEqual(['publish', 'discard']);
  });

  it('never lets the compiler approve its own draft', () => {
    const r = transitionPublication(draft, 'approve', 'alice');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FOUR_EYES_VIOLATION', rule: 'four_eyes', reason: 'approver_is_compiler' },
    });
    expect(!r.ok && r.error.message).toMatch(/four-eyes rule/);
  });

  it("asks a second person to publish the scheduler's draft", () => {
    const scheduled = {
      state: 'approved' as const,
      compiledBy: SCHEDULER_COMPILER,
      approvedBy: 'bob',
    };
    expect(transitionPublication(scheduled, 'publish', 'bob')).toMatchObject({
      ok: false,
      error: { code: 'FOUR_EYES_VIOLATION', reason: 'publisher_is_sole_approver' },
    });
    expect(transitionPublication(scheduled, 'publish', 'carol')).toEqual({
      ok: true,
      state: 'published',
    });
    // Anyone may approve the scheduler's draft: it has no person as compiler.
    expect(checkPublicationFourEyes({ ...scheduled, state: 'draft' }, 'approve', 'bob')).toBeNull();
  });

  it('names the state when the event does not fit, before any four-eyes check', () => {
    const published = { ...approved, state: 'published' as const };
    expect(transitionPublication(published, 'discard', 'carol')).toMatchObject({
      ok: false,
      error: {
        code: 'ILLEGAL_PUBLICATION_STATE',
        currentState: 'published',
        allowedEvents: [],
        message: expect.stringMatching(/correction or withdrawal is a new version/),
      },
    });
    expect(transitionPublication(draft, 'publish', 'alice')).toMatchObject({
      ok: false,
      error: {
        code: 'ILLEGAL_PUBLICATION_STATE',
        currentState: 'draft',
        allowedEvents: ['approve', 'discard'],
      },
    });
    expect(
      transitionPublication({ ...draft, state: 'nope' as never }, 'approve', 'x'),
    ).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_PUBLICATION_STATE', allowedEvents: [] },
    });
  });
});
