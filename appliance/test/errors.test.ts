import t from 'tap';
import { AppError, sipRejection } from '../errors.js';

t.test('call admission answers from the error taxonomy', async (t) => {
  t.same(sipRejection(new AppError('not_found', 'Not Found')), { status: 404, reason: 'Not Found' });
  t.same(sipRejection(new AppError('unavailable', 'Overloaded', { retryAfterS: 7 })), {
    status: 503,
    reason: 'Overloaded',
    retryAfterS: 7,
  });
  t.same(sipRejection(new AppError('plan_limit_reached', 'Plan Limit')), {
    status: 403,
    reason: 'Plan Limit',
  });
  // No SIP status of its own: a server error; not retryable: no Retry-After even when given.
  t.same(sipRejection(new AppError('conflict', 'Busy', { retryAfterS: 3 })), { status: 500, reason: 'Busy' });
});
