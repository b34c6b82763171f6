import 'reflect-metadata';
import { createHttpApp, listen, runMain } from '@spotcheck/common';
import { PublicPortalModule } from './app.module';
import { SiteNotFoundFilter } from './site/site-not-found.filter';

export const PUBLIC_PORTAL = {
  name: 'public-portal',
  title: 'Spotcheck — public portal',
  description:
    'Published failed-product lists, qualification rates and draw verification. No sign-in.',
  defaultPort: 3000,
  rateLimited: true,
  publicAnswers: true,
  filters: () => [new SiteNotFoundFilter()],
};

if (require.main === module) {
  runMain(async () => {
    const app = await createHttpApp(PublicPortalModule, PUBLIC_PORTAL);
    await listen(app, PUBLIC_PORTAL);
    return app;
  });
}
