import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REGULATOR_HOHHOT, bootHttp, token } from './support/app';

const NEW_KEY = 'n'.repeat(48);
const OLD_KEY = 'o'.repeat(48);

/**
 * A key rotation as SECURITY.md describes it, through the HTTP app: with JWT_SECRET the new
 * key and JWT_SECRET_PREVIOUS the old one, tokens of both are accepted; other keys are not.
 */
describe('JWT key rotation', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    // The configuration is read when the app module is loaded, so the keys are set first; Jest
    // gives each spec file its own process.env.
    process.env.JWT_SECRET = NEW_KEY;
    process.env.JWT_SECRET_PREVIOUS = OLD_KEY;
    const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
    app = await bootHttp(InspectionTasksModule);
  });
  afterAll(() => app?.close());

  const status = async (secret: string) =>
    (
      await app.inject({
        url: '/api/v1/enterprises?limit=1',
        headers: { authorization: `Bearer ${token(REGULATOR_HOHHOT, { secret })}` },
      })
    ).statusCode;

  it('accepts tokens signed with the new key and with the previous one', async () => {
    expect(await status(NEW_KEY)).toBe(200);
    expect(await status(OLD_KEY)).toBe(200);
  });

  it('refuses tokens signed with any other key', async () => {
    expect(await status('x'.repeat(48))).toBe(401);
  });
});
