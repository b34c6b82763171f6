import 'reflect-metadata';
import { createHttpApp, listen, runMain } from '@spotcheck/common';
import { LabResultsModule } from './app.module';

export const LAB_RESULTS = {
  name: 'lab-results',
  title: 'Spotcheck — lab results (accredited labs)',
  description: 'Receipts, reports, result items, review and bulk upload. Bearer JWT with role=lab.',
  defaultPort: 3002,
};

if (require.main === module) {
  runMain(async () => {
    const app = await createHttpApp(LabResultsModule, LAB_RESULTS);
    await listen(app, LAB_RESULTS);
    return app;
  });
}
