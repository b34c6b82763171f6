import createClient from 'openapi-fetch';
import { apiFetch, auth } from './client';
import type { components, paths } from './labs.schema';

/**
 * The labs' console's client: lab-results' API, typed from its OpenAPI document
 * (labs.schema.d.ts). Same origin, cookies and a developer's token as `api`; use `ok` for
 * answers.
 */
export const labsApi = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  fetch: apiFetch,
});
labsApi.use(auth);

type S = components['schemas'];
export type LabSample = S['LabSampleDto'];
export type LabSampleDetail = S['LabSampleDetailDto'];
export type Report = S['ReportDetailDto'];
export type ReportVersion = S['ReportVersionDto'];
export type ReportChain = S['ReportChainDto'];
export type StoredItem = S['StoredItemDto'];
export type StaffMember = S['StaffMemberDto'];
export type ReportEvent = Report['allowedEvents'][number];

/** The signed-in person's staff record in their lab (404 when not on the staff list). */
export const STAFF_ME_KEY = ['lab', 'staff', 'me'] as const;
