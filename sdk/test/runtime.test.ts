/**
 * The TypeScript SDK's hand-written runtime without a server: URL, query and header building, and
 * error bodies (the appliance's and anyone else's) turned into ApiError.
 */
import t from 'tap';
import { ApiError, VoiceApplianceClient } from '../typescript/index.js';

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(seen: Seen[], respond: () => Response): typeof fetch {
  return (input, init) => {
    seen.push({ url: String(input), init: init ?? {} });
    return Promise.resolve(respond());
  };
}

t.test('requests: prefix, encoded path, query, bearer token, JSON body', async (t) => {
  const seen: Seen[] = [];
  const client = new VoiceApplianceClient({
    baseUrl: 'http://box:8080/',
    token: 'vak_x_y',
    fetch: fakeFetch(seen, () => Response.json({ items: [], total: 0 })),
  });
  await client.getConversations({ agentId: 'a b', limit: 5, offset: undefined });
  t.equal(seen[0]?.url, 'http://box:8080/api/v1/conversations?agentId=a+b&limit=5');
  t.match(seen[0]?.init.headers, { authorization: 'Bearer vak_x_y' });
  await client.putAgentsId('x/y', { name: 'n' });
  t.equal(seen[1]?.url, 'http://box:8080/api/v1/agents/x%2Fy', 'path parameters are one segment');
  t.equal(seen[1]?.init.method, 'PUT');
  t.equal(seen[1]?.init.body, '{"name":"n"}');
  client.setToken(undefined);
  await client.getAgents();
  t.notMatch(seen[2]?.init.headers, { authorization: String }, 'no token, no header');
});

t.test('errors: the appliance body, a foreign body', async (t) => {
  const own = new VoiceApplianceClient({
    baseUrl: 'http://box',
    fetch: fakeFetch([], () =>
      Response.json(
        { error: { code: 'forbidden', message: 'needs admin', details: { role: 'admin' } } },
        { status: 403 },
      ),
    ),
  });
  const e1 = await own.getUsers().catch((e: unknown) => e);
  t.ok(e1 instanceof ApiError);
  t.match(e1, { status: 403, code: 'forbidden', message: 'needs admin', details: { role: 'admin' } });
  const proxy = new VoiceApplianceClient({
    baseUrl: 'http://box',
    fetch: fakeFetch([], () => new Response('<html>Bad gateway</html>', { status: 502 })),
  });
  t.match(await proxy.getUsers().catch((e: unknown) => e), {
    status: 502,
    code: 'http_502',
    message: /Bad gateway/,
  });
});
