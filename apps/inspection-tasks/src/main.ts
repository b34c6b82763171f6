import 'reflect-metadata';
import { createHttpApp, listen, runMain } from '@spotcheck/common';
import { InspectionTasksModule } from './app.module';

export const INSPECTION_TASKS = {
  name: 'inspection-tasks',
  title: 'Spotcheck — inspection tasks (regulators)',
  description:
    'Directories (一单两库), plans, draws, tasks, sampling and traceability. Bearer JWT required.',
  defaultPort: 3001,
};

if (require.main === module) {
  runMain(async () => {
    const app = await createHttpApp(InspectionTasksModule, INSPECTION_TASKS);
    await listen(app, INSPECTION_TASKS);
    return app;
  });
}
