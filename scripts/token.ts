import { parseArgs } from 'node:util';
import { loadEnv } from '@spotcheck/common';
import { principalFromClaims, signToken } from '@spotcheck/auth';

const USAGE = `usage: npm run token -- --role regulator|lab|enterprise|admin [--jurisdiction 150100] [--org ID] [--staff-no NO] [--sub NAME] [--hours 8]

  regulator   needs --jurisdiction (GB/T 2260 code, e.g. 150100 Hohhot); --staff-no (optional)
              links the token to an inspector, for GET /api/v1/tasks/mine
  lab         needs --org (the lab id)
  enterprise  needs --org (the enterprise USCC)`;

/** `npm run token`: prints a development JWT signed with JWT_SECRET. */
function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      jurisdiction: { type: 'string' },
      org: { type: 'string' },
      'staff-no': { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.role) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const claims = {
    sub: values.sub ?? `dev-${values.role}`,
    role: values.role,
    jurisdiction: values.jurisdiction,
    org: values.org,
    staffNo: values['staff-no'],
  };
  const principal = principalFromClaims(claims);
  if (typeof principal === 'string') {
    console.error(`${principal}\n\n${USAGE}`);
    process.exit(2);
  }
  const hours = Number(values.hours);
  if (!(hours > 0)) {
    console.error('--hours must be a positive number');
    process.exit(2);
  }
  const env = loadEnv();
  console.log(
    signToken(principal, {
      secret: env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      expiresInSeconds: Math.round(hours * 3600),
    }),
  );
}

main();
