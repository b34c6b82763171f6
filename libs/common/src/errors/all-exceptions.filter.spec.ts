import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseUnavailable } from './all-exceptions.filter';

/** A node-postgres DatabaseError as the server sends it: SQLSTATE and severity. */
const pgError = (code: string, message = 'x') =>
  Object.assign(new Error(message), { code, severity: 'FATAL' });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'refused (pool cannot connect)',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    [
      'refused on every address of a host name',
      new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]),
    ],
    [
      'a session ended by a fast shutdown',
      wrapped(pgError('57P01', 'terminating connection due to administrator command')),
    ],
    ['a server crash', wrapped(pgError('57P02'))],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300')],
    ['a connection failure', wrapped(pgError('08006'))],
    ['a socket closed under a query', wrapped(new Error('Connection terminated unexpectedly'))],
    [
      'a transaction whose connection failed between statements',
      new QueryRunnerProviderAlreadyReleasedError(),
    ],
    [
      'a query builder in a transaction whose connection failed between statements',
      new QueryRunnerAlreadyReleasedError(),
    ],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    [
      'a connection closed because the server stopped answering',
      wrapped(Object.assign(new Error('PostgreSQL did not answer'), { code: 'ETIMEDOUT' })),
    ],
    [
      'a connect timeout behind a cause',
      new Error('wrapped', { cause: new Error('Connection terminated due to connection timeout') }),
    ],
  ])('is true for %s', (_, e) => expect(isDatabaseUnavailable(e)).toBe(true));

  it.each([
    ['a unique violation', wrapped(pgError('23505'))],
    ['a protocol violation', pgError('08P01')],
    ['invalid text', wrapped(pgError('22P02'))],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('is false for %s', (_, e) => expect(isDatabaseUnavailable(e)).toBe(false));
});
