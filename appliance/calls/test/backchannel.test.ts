import t from 'tap';
import { isBackchannel, maskNumber } from '../index.js';

t.test('backchannels do not take the turn; real interruptions do', async (t) => {
  for (const s of ['mhm', 'okay', 'yeah', 'right', 'uh huh', 'ok sure', 'on', ''])
    t.ok(isBackchannel(s, 900), `"${s}" is a backchannel`);
  for (const s of [
    'stop',
    'wait',
    'no',
    'I want an agent',
    'what are your opening hours',
    'okay so what time do you close',
  ])
    t.notOk(isBackchannel(s, 900), `"${s}" interrupts`);
  t.notOk(isBackchannel('okay', 3000), 'a long segment is never a backchannel');
});

t.test('caller numbers are masked for viewers', async (t) => {
  t.equal(maskNumber('+15551234567'), '********67');
  t.equal(maskNumber('12'), '**');
  t.equal(maskNumber(null), null);
});
