import type { ComponentType } from 'react';
import type { Role } from '../app/session';
import type { MessageKey } from '../i18n/messages';

/** Which app serves the console: inspection-tasks ('tasks') or lab-results ('labs'). */
export type ConsoleApp = 'tasks' | 'labs';

/**
 * One page of a console. Adding a page is: a folder under src/pages/ whose index.tsx default-
 * exports the component, and one entry here. The shell builds the routes (each page its own
 * chunk, loaded when first opened) and the navigation (by role) from this list. A path may have
 * one page per role (the start page: the regulators' and an enterprise's).
 */
export interface PageDef {
  /** Under /console/: 'plans', 'plans/:id'. '' is the start page. */
  path: string;
  console: ConsoleApp;
  /** Who may open it; the navigation shows it to them only. */
  roles: Role[];
  /** In the navigation, under `group` if given; pages without `nav` are reached by links. */
  nav?: { label: MessageKey; group?: MessageKey };
  load: () => Promise<{ default: ComponentType }>;
}

const REGULATORS: Role[] = ['regulator', 'admin'];
/** Lab staff act; an admin reads every lab's samples and reports. */
const LABS: Role[] = ['lab', 'admin'];
/** The enterprises' own pages: what they were served, object to and report (admins read the API). */
const ENTERPRISES: Role[] = ['enterprise'];

export const PAGES: PageDef[] = [
  // The labs' console, served by lab-results: its pages in this block.
  {
    path: '',
    console: 'labs',
    roles: LABS,
    nav: { label: 'nav.labInbox' },
    load: () => import('./lab-inbox'),
  },
  {
    path: 'reports/:sampleNo',
    console: 'labs',
    roles: LABS,
    load: () => import('./lab-report'),
  },
  {
    path: 'upload',
    console: 'labs',
    roles: ['lab'],
    nav: { label: 'nav.labUpload' },
    load: () => import('./lab-upload'),
  },
  {
    path: 'review',
    console: 'labs',
    roles: LABS,
    nav: { label: 'nav.labReview' },
    load: () => import('./lab-review'),
  },
  {
    path: 'staff',
    console: 'labs',
    roles: ['lab'],
    nav: { label: 'nav.labStaff' },
    load: () => import('./lab-staff'),
  },
  // End of the labs' console.
  {
    path: '',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.home' },
    load: () => import('./home'),
  },
  {
    // An enterprise's start page is its own (a page of one path per role).
    path: '',
    console: 'tasks',
    roles: ENTERPRISES,
    nav: { label: 'nav.home' },
    load: () => import('./home/enterprise'),
  },
  {
    path: 'enterprises',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.enterprises', group: 'nav.directories' },
    load: () => import('./directories/enterprises'),
  },
  {
    path: 'labs',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.labs', group: 'nav.directories' },
    load: () => import('./directories/labs'),
  },
  {
    path: 'inspectors',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.inspectors', group: 'nav.directories' },
    load: () => import('./directories/inspectors'),
  },
  {
    path: 'catalog',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.catalog', group: 'nav.directories' },
    load: () => import('./directories/catalog'),
  },
  {
    path: 'plans',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.plans' },
    load: () => import('./plans'),
  },
  {
    path: 'plans/:id',
    console: 'tasks',
    roles: REGULATORS,
    load: () => import('./plans/detail'),
  },
  // Tasks, sampling record, custody and trace (console-tasks): one block, kept together.
  {
    path: 'tasks',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.tasks', group: 'nav.fieldwork' },
    load: () => import('./tasks'),
  },
  {
    path: 'tasks/mine',
    console: 'tasks',
    roles: ['regulator'],
    nav: { label: 'nav.myTasks', group: 'nav.fieldwork' },
    load: () => import('./tasks/mine'),
  },
  {
    path: 'tasks/:id',
    console: 'tasks',
    roles: REGULATORS,
    load: () => import('./tasks/detail'),
  },
  {
    path: 'tasks/:id/sample',
    console: 'tasks',
    // The sampling record is the task's inspectors' act (ADR 0026: not an admin's).
    roles: ['regulator'],
    load: () => import('./samples/record'),
  },
  {
    path: 'samples/:sampleNo',
    console: 'tasks',
    roles: REGULATORS,
    load: () => import('./samples'),
  },
  {
    path: 'trace',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.trace', group: 'nav.fieldwork' },
    load: () => import('./trace'),
  },
  // Publications, objections, rates and the admin pages (console-admin).
  {
    path: 'publications',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.publications' },
    load: () => import('./publications'),
  },
  {
    path: 'publications/:id',
    console: 'tasks',
    roles: REGULATORS,
    load: () => import('./publications/detail'),
  },
  {
    path: 'objections',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.objections' },
    load: () => import('./objections'),
  },
  {
    path: 'objections/:id',
    console: 'tasks',
    roles: REGULATORS,
    load: () => import('./objections/detail'),
  },
  // The enterprises' pages: one block, kept together.
  {
    path: 'notices',
    console: 'tasks',
    roles: ENTERPRISES,
    nav: { label: 'nav.notices' },
    load: () => import('./notices'),
  },
  {
    path: 'notices/:id',
    console: 'tasks',
    roles: ENTERPRISES,
    load: () => import('./notices/detail'),
  },
  {
    path: 'corrections',
    console: 'tasks',
    roles: ENTERPRISES,
    nav: { label: 'nav.corrections' },
    load: () => import('./corrections'),
  },
  {
    path: 'corrections/:id',
    console: 'tasks',
    roles: ENTERPRISES,
    load: () => import('./corrections/detail'),
  },
  {
    // A holder of a failed batch, from its notification: not in the navigation.
    path: 'withdrawals/:id',
    console: 'tasks',
    roles: ENTERPRISES,
    load: () => import('./withdrawals/detail'),
  },
  {
    path: 'epcis',
    console: 'tasks',
    roles: ENTERPRISES,
    nav: { label: 'nav.epcis' },
    load: () => import('./epcis'),
  },
  // End of the enterprises' pages.
  {
    path: 'cases',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.cases' },
    load: () => import('./cases'),
  },
  {
    path: 'cases/:id',
    console: 'tasks',
    roles: REGULATORS,
    load: () => import('./cases/detail'),
  },
  {
    path: 'rates',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.rates' },
    load: () => import('./rates'),
  },
  {
    path: 'calendar',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.calendar', group: 'nav.admin' },
    load: () => import('./admin/calendar'),
  },
  {
    path: 'sector-rules',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.sectorRules', group: 'nav.admin' },
    load: () => import('./admin/sector-rules'),
  },
  {
    path: 'targets',
    console: 'tasks',
    roles: REGULATORS,
    nav: { label: 'nav.targets', group: 'nav.admin' },
    load: () => import('./admin/targets'),
  },
  {
    path: 'accounts',
    console: 'tasks',
    roles: ['admin'],
    nav: { label: 'nav.accounts', group: 'nav.admin' },
    load: () => import('./admin/accounts'),
  },
];

/**
 * The pages of this console at `path` (under /console/, no leading slash), as the router
 * matches them: a static segment before a parameter ('tasks/mine' before 'tasks/:id'). Several
 * when a path has one page per role.
 */
export function pagesAt(path: string): PageDef[] {
  const parts = path.split('/').filter(Boolean);
  const matching = PAGES.filter((p) => {
    if (p.console !== currentConsole()) return false;
    const pattern = p.path.split('/').filter(Boolean);
    return (
      pattern.length === parts.length &&
      pattern.every((s, i) => s.startsWith(':') || s === parts[i])
    );
  });
  const dynamic = (p: PageDef) => p.path.split('/').filter((s) => s.startsWith(':')).length;
  const fewest = Math.min(...matching.map(dynamic));
  return matching.filter((p) => dynamic(p) === fewest);
}

/** The console this bundle was opened in: the serving app marks <html data-console>. */
export function currentConsole(): ConsoleApp {
  return document.documentElement.dataset.console === 'labs' ? 'labs' : 'tasks';
}
