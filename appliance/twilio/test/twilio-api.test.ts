/**
 * Twilio's HTTP side over both dialects: the account (admin only, token write-only and sealed at
 * rest, one business per Account SID), the signed webhook (bad or missing signature: 403 and
 * nothing stored; the public base URL behind a proxy is what is signed; telephony off: TwiML
 * rejects the call busy), the JSON status callback of the calls module still served on the same
 * path, and signed status callbacks for a call the appliance never started.
 */
import t from 'tap';
import { startTestApi } from '../../test/helpers/app.js';
import { dialects } from '../../test/helpers/dialects.js';
import { twilioSignature } from '../index.js';

const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'an-auth-token-from-the-twilio-console';
const PUBLIC = 'https://voice.example.com';
const CALL_SID = 'CA' + 'ab'.repeat(16);

function form(url: string, params: Record<string, string>, token = TOKEN) {
  const pairs = Object.entries(params);
  return {
    raw: new URLSearchParams(pairs).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(token, url, pairs),
    },
  };
}

for (const dialect of dialects) {
  t.test(`Twilio account and webhooks [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect, { twilio: { publicBaseUrl: `${PUBLIC}/` } });
    const db = api.app.ctx.db.kysely;
    const a = await api.register('Alpha Twilio');
    const b = await api.register('Bravo Twilio');
    const agent = await api.call<{ id: string }>('POST', '/agents', {
      token: a.token,
      body: { name: 'Alpha desk', greeting: 'Hello.', numbers: ['+15550102000'] },
    });
    t.equal(agent.status, 201);

    // The account.
    t.equal((await api.call('GET', '/twilio/account', { token: a.token })).status, 404, 'none yet');
    const bad = await api.call('PUT', '/twilio/account', {
      token: a.token,
      body: { accountSid: 'AC123', authToken: TOKEN },
    });
    t.equal(bad.status, 400, 'an Account SID is AC + 32 hex digits');
    const put = await api.call<Record<string, string>>('PUT', '/twilio/account', {
      token: a.token,
      body: { accountSid: ACCOUNT, authToken: TOKEN },
    });
    t.equal(put.status, 200);
    t.equal(put.body.webhookUrl, `${PUBLIC}/api/v1/voice/webhook`, 'URLs from the public base URL');
    t.equal(put.body.statusCallbackUrl, `${PUBLIC}/api/v1/voice/status`);
    const got = await api.call<Record<string, string>>('GET', '/twilio/account', { token: a.token });
    t.equal(got.body.accountSid, ACCOUNT);
    t.notOk(JSON.stringify(got.body).includes(TOKEN), 'the token is never returned');
    const row = await db.selectFrom('twilio_accounts').selectAll().executeTakeFirst();
    t.notOk(row?.auth_token_enc.includes(TOKEN), 'the token is not stored in clear');
    t.match(row?.auth_token_enc ?? '', /^v1\./, 'sealed');
    const taken = await api.call('PUT', '/twilio/account', {
      token: b.token,
      body: { accountSid: ACCOUNT, authToken: TOKEN },
    });
    t.equal(taken.status, 409, 'another business cannot claim the same account');

    const url = `${PUBLIC}/api/v1/voice/webhook`;
    const params = {
      AccountSid: ACCOUNT,
      CallSid: CALL_SID,
      CallStatus: 'ringing',
      From: '+15557654321',
      To: '+15550102000',
      Direction: 'inbound',
    };
    const counts = async (): Promise<[number, number]> => [
      Number((await db.selectFrom('calls').select(db.fn.countAll().as('n')).executeTakeFirst())?.n),
      Number((await db.selectFrom('call_events').select(db.fn.countAll().as('n')).executeTakeFirst())?.n),
    ];
    const before = await counts();

    // Bad signatures: 403, nothing stored.
    const attempts: Array<[string, { raw: string; headers: Record<string, string> }]> = [
      ['wrong token', form(url, params, 'not-the-token-at-all')],
      ['signed over another URL', form('http://127.0.0.1/api/v1/voice/webhook', params)],
      [
        'a changed parameter',
        { ...form(url, params), raw: new URLSearchParams({ ...params, To: '+15550109999' }).toString() },
      ],
      [
        'no signature',
        {
          raw: new URLSearchParams(params).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      ],
      ['unknown account', form(url, { ...params, AccountSid: 'AC' + 'f'.repeat(32) })],
    ];
    for (const [name, req] of attempts) {
      const r = await api.call<{ error?: { code: string } }>('POST', '/api/v1/voice/webhook', req);
      t.equal(r.status, 403, `${name}: 403`);
      t.equal(r.body.error?.code, 'forbidden');
      const s = await api.call('POST', '/api/v1/voice/status', {
        ...req,
        raw: req.raw,
      });
      t.equal(s.status, 403, `${name}: status callback 403`);
    }
    t.same(await counts(), before, 'nothing stored for a bad signature');

    // A good one: telephony is off in this test, so Twilio is told busy (no stream token minted).
    const ok = await api.call<string>('POST', '/api/v1/voice/webhook', form(url, params));
    t.equal(ok.status, 200);
    t.match(ok.headers.get('content-type') ?? '', /text\/xml/);
    t.match(String(ok.body), /<Response><Reject reason="busy"\/><\/Response>/);
    // A number of no agent: rejected.
    const none = await api.call<string>(
      'POST',
      '/api/v1/voice/webhook',
      form(url, { ...params, To: '+15550100000' }),
    );
    t.match(String(none.body), /<Reject reason="rejected"\/>/);

    // The calls module's JSON status callback on the same path still works (API key / token auth).
    const json = await api.call('POST', '/voice/webhook', {
      token: a.token,
      body: {
        callId: '00000000-0000-4000-8000-000000000000',
        event: 'completed',
        timestamp: new Date().toISOString(),
      },
    });
    t.equal(json.status, 404, 'JSON callbacks still reach the calls module (unknown call: 404)');
    t.equal((await api.call('POST', '/voice/webhook', { body: { event: 'completed' } })).status, 401);

    // A signed status callback for a call the appliance never started: kept, with no call id.
    const statusUrl = `${PUBLIC}/api/v1/voice/status`;
    const st = await api.call(
      'POST',
      '/api/v1/voice/status',
      form(statusUrl, { ...params, CallStatus: 'no-answer' }),
    );
    t.equal(st.status, 204);
    const ev = await db
      .selectFrom('call_events')
      .selectAll()
      .where('business_id', '=', a.businessId)
      .executeTakeFirst();
    t.equal(ev?.event, 'no-answer');
    t.equal(ev?.call_id, null);
    t.match(JSON.parse(ev?.payload ?? '{}'), { provider: 'twilio', CallSid: CALL_SID });

    // The OpenAPI document shows both bodies of /voice/webhook.
    const doc = await api.call<{ paths: Record<string, { post?: { requestBody?: { content: object } } }> }>(
      'GET',
      '/api/v1/openapi.json',
    );
    t.same(Object.keys(doc.body.paths['/voice/webhook']?.post?.requestBody?.content ?? {}).sort(), [
      'application/json',
      'application/x-www-form-urlencoded',
    ]);

    // Roles and clearing.
    t.equal((await api.call('DELETE', '/twilio/account', { token: a.token })).status, 204);
    t.equal((await api.call('GET', '/twilio/account', { token: a.token })).status, 404);
    const after = await api.call('POST', '/api/v1/voice/webhook', form(url, params));
    t.equal(after.status, 403, 'a cleared account signs nothing');
  });
}
