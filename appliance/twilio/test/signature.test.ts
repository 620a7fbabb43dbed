/**
 * X-Twilio-Signature against the worked examples of Twilio's documentation ("Validating requests",
 * twilio.com/docs/usage/security: https://mycompany.com/myapp.php?foo=1&bar=2, auth token 12345,
 * a <Gather>'s digits): byte-exact, in both versions of the page, then what must not pass.
 */
import t from 'tap';
import { twilioSignature, urlVariants, validTwilioSignature, type FormParams } from '../index.js';

const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const TOKEN = '12345';
const params = (caller: string): FormParams => [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', caller],
  ['Digits', '1234'],
  ['From', caller],
  ['To', '+18005551212'],
];

t.test("Twilio's worked examples, byte for byte", async (t) => {
  t.equal(twilioSignature(TOKEN, URL_, params('+14158675309')), 'RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  t.equal(twilioSignature(TOKEN, URL_, params('+12349013030')), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  // Twilio posts the parameters in any order: they are sorted by name before signing.
  const shuffled = [...params('+12349013030')].reverse();
  t.ok(validTwilioSignature(TOKEN, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL_, shuffled));
});

t.test('a proxy that writes the default port differently still validates', async (t) => {
  t.same(urlVariants(URL_), [URL_, 'https://mycompany.com:443/myapp.php?foo=1&bar=2']);
  t.same(urlVariants('https://mycompany.com:443/x'), [
    'https://mycompany.com:443/x',
    'https://mycompany.com/x',
  ]);
  t.same(urlVariants('https://mycompany.com:8443/x'), ['https://mycompany.com:8443/x']);
  const sig = twilioSignature(
    TOKEN,
    'https://mycompany.com:443/myapp.php?foo=1&bar=2',
    params('+14158675309'),
  );
  t.ok(validTwilioSignature(TOKEN, sig, URL_, params('+14158675309')));
});

t.test('anything changed fails', async (t) => {
  const good = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
  const p = params('+14158675309');
  t.ok(validTwilioSignature(TOKEN, good, URL_, p));
  t.notOk(validTwilioSignature('54321', good, URL_, p), 'another token');
  t.notOk(validTwilioSignature(TOKEN, good, URL_.replace('foo=1', 'foo=2'), p), 'another query');
  t.notOk(validTwilioSignature(TOKEN, good, URL_.replace('https', 'http'), p), 'another scheme');
  t.notOk(validTwilioSignature(TOKEN, good, URL_, [...p, ['Extra', '']]), 'an extra parameter');
  t.notOk(
    validTwilioSignature(
      TOKEN,
      good,
      URL_,
      p.map(([k, v]) => [k, k === 'Digits' ? '1235' : v] as const),
    ),
    'another value',
  );
  t.notOk(validTwilioSignature(TOKEN, undefined, URL_, p), 'no header');
  t.notOk(validTwilioSignature(TOKEN, '', URL_, p), 'empty header');
  t.notOk(validTwilioSignature(TOKEN, good.slice(0, -1), URL_, p), 'truncated');
});
