import { AppException } from '@spotcheck/common';
import { OriginPolicy } from './origin';

const req = (method: string, headers: Record<string, string>, host = 'tasks.example.cn') =>
  ({ method, headers, protocol: 'https', host }) as never;

const outcome = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as AppException).getResponse() as { code: string };
  }
};

describe('OriginPolicy', () => {
  const policy = new OriginPolicy('https://console.example.cn, http://127.0.0.1:5173');

  it("lets writes through from the app's own origin and the allowed ones", () => {
    for (const origin of [
      'https://tasks.example.cn',
      'https://console.example.cn',
      'http://127.0.0.1:5173',
      'HTTPS://TASKS.EXAMPLE.CN',
    ])
      expect(outcome(() => policy.check(req('POST', { origin }), true))).toBe('ok');
    expect(
      outcome(() =>
        policy.check(req('DELETE', { referer: 'https://tasks.example.cn/console/x' }), true),
      ),
    ).toBe('ok');
  });

  it('refuses another origin, another port or scheme of the same host, and the opaque origin', () => {
    for (const origin of [
      'https://evil.example',
      'http://tasks.example.cn',
      'https://tasks.example.cn:8443',
      'null',
    ])
      expect(outcome(() => policy.check(req('PATCH', { origin }), false))).toMatchObject({
        code: 'ORIGIN_REFUSED',
      });
  });

  it('asks a cookie write to name its origin, and nothing of reads', () => {
    expect(outcome(() => policy.check(req('POST', {}), true))).toMatchObject({
      code: 'ORIGIN_REQUIRED',
    });
    expect(outcome(() => policy.check(req('POST', {}), false))).toBe('ok');
    expect(outcome(() => policy.check(req('GET', { origin: 'https://evil.example' }), true))).toBe(
      'ok',
    );
  });
});
