/**
 * The tenant every call bench talks to: a business registered through the REST API (as a new
 * customer would), subscribed to the enterprise plan (no call cap), with one agent on `number`.
 * Fails loudly when a step is refused, so a bench never measures calls to nobody.
 */
export async function createBenchAgent(
  httpPort: number,
  agent: Record<string, unknown>,
  /** The appliance's HTTP address (cluster benches run nodes on 127.0.0.2, .3, ...). */
  host = '127.0.0.1',
): Promise<void> {
  const base = `http://${host}:${httpPort}/api/v1`;
  const post = async (p: string, body: unknown, token?: string): Promise<Response> => {
    const res = await fetch(`${base}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`bench set-up: POST ${p} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  const reg = (await (
    await post('/auth/register', {
      businessName: 'Bench',
      email: 'bench@bench.test',
      password: 'correct horse battery staple',
    })
  ).json()) as { accessToken: string };
  await post('/business/subscribe', { planId: 'enterprise' }, reg.accessToken);
  await post('/agents', { name: 'Bench', ...agent }, reg.accessToken);
}
