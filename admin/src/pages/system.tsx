import { TlsCard } from './security';
import { Fragment, type JSX } from 'preact';
import type { Agent, LiveCall, Page as ListPage, Plan, ResponseOf, Subscription } from '../api/types';
import { Link } from '../router';
import { ErrorNotice } from '../ui/errors';
import { useGet } from '../ui/hooks';
import { show } from '../ui/format';
import { field, Table } from '../ui/table';
import { Async, Badge, Page } from '../ui/page';

/** Renders a module's JSON status (each module chooses its own shape) as nested definition lists. */
function StatusTree({ value, depth = 0 }: { value: unknown; depth?: number }): JSX.Element {
  if (value === null || typeof value !== 'object' || depth > 3) return <>{show(value)}</>;
  if (Array.isArray(value)) {
    return (
      <ul>
        {value.map((v, i) => (
          <li key={i}>
            <StatusTree value={v} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl class="facts">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>
            {k === 'status' || k === 'state' ? (
              <Badge value={show(v)} />
            ) : k.endsWith('Bytes') && typeof v === 'number' ? (
              `${(v / 1024 / 1024).toFixed(1)} MiB`
            ) : (
              <StatusTree value={v} depth={depth + 1} />
            )}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

type ModelsStatus = ResponseOf<'getModelsStatus'>;
type InstalledModel = ModelsStatus['installed'][number];
type SystemStatus = ResponseOf<'getSystemStatus'>;
/** GET /healthz (outside /api/v1, so not in the OpenAPI document): the same status and reasons. */
type Healthz = Pick<SystemStatus, 'status'> & { reasons?: SystemStatus['reasons'] };

/** Which engine serves each interface (VAD, STT, TTS, embeddings, LLM) and which model files are installed. */
export function ModelsPage(): JSX.Element {
  const st = useGet<ModelsStatus>('/models/status', 5000);
  return (
    <Page title="Model status">
      <Async state={st}>
        {(d) => (
          <>
            <p>
              Runtime: <Badge value={d.loaded ? 'loaded' : 'not_loaded'} /> · models directory{' '}
              <code>{d.modelsDir}</code>
            </p>
            <div class="table-wrap">
              <table class="table">
                <caption class="sr-only">Engines per interface</caption>
                <thead>
                  <tr>
                    <th scope="col">Interface</th>
                    <th scope="col">Active engine</th>
                    <th scope="col">Candidates</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(d.interfaces ?? {}).map(([name, i]) => (
                    <tr key={name}>
                      <td>{name}</td>
                      <td>{i.active ?? <Badge value="none" />}</td>
                      <td>
                        <ul class="plain">
                          {i.candidates.map((c) => (
                            <li key={c.engine}>
                              {c.engine} <Badge value={c.state} />{' '}
                              {c.reason && <small class="muted">{c.reason}</small>}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>Installed model files</h2>
            <Table<InstalledModel>
              caption="Installed models"
              rows={d.installed}
              empty="No model files installed (see `appliance models list`)."
              columns={[
                field('Name', 'name'),
                field('Kind', 'kind'),
                { label: 'State', render: (r) => <Badge value={r.state} /> },
                field('Checksum verified', 'verified'),
              ]}
            />
          </>
        )}
      </Async>
    </Page>
  );
}

export function HealthPage(): JSX.Element {
  const health = useGet<Healthz>('/healthz', 5000);
  const sys = useGet<SystemStatus>('/system/status', 5000);
  return (
    <Page title="System health">
      <div class="card">
        <h2>Service</h2>
        {health.data ? (
          <>
            <p>
              API: <Badge value={health.data.status} />
            </p>
            {health.data.reasons && health.data.reasons.length > 0 && (
              <>
                <p>Calls cannot be taken:</p>
                <ul class="reasons">
                  {health.data.reasons.map((r, i) => (
                    <li key={i}>
                      <Badge value={r.code} /> {r.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <ErrorNotice error={health.error} />
        )}
        <p class="muted">
          Prometheus metrics are at <a href="/metrics">/metrics</a>.
        </p>
      </div>
      <TlsCard />
      <div class="card">
        <h2>Subsystems</h2>
        <Async state={sys}>{(d) => <StatusTree value={d} />}</Async>
      </div>
    </Page>
  );
}

export function OverviewPage(): JSX.Element {
  const agents = useGet<ListPage<Agent>>('/agents?limit=200');
  const plans = useGet<{ plans: Plan[]; current: Subscription | null }>('/business/plans');
  const calls = useGet<ListPage<LiveCall>>('/voice/calls', 5000);
  const ready = agents.data?.items.filter((a) => a.status === 'ready').length ?? 0;
  return (
    <Page title="Overview">
      <div class="tiles">
        <Link href="/agents" class="card tile">
          <span class="big">{agents.data ? agents.data.items.length : '…'}</span>
          <span>agents ({ready} ready)</span>
        </Link>
        <Link href="/calls" class="card tile">
          <span class="big">{calls.data ? calls.data.items.length : '—'}</span>
          <span>live calls</span>
        </Link>
        <Link href="/plan" class="card tile">
          <span class="big">
            {plans.data?.current
              ? (plans.data.plans.find((p) => p.id === plans.data?.current?.planId)?.name ??
                plans.data.current.planId)
              : 'No plan'}
          </span>
          <span>plan</span>
        </Link>
      </div>
      {plans.data && !plans.data.current && (
        <p class="notice warning">
          Choose a plan before pointing your phone system at the appliance.{' '}
          <Link href="/plan">See plans</Link>
        </p>
      )}
      <ErrorNotice error={agents.error} />
      <h2>Getting started</h2>
      <ol class="steps">
        <li>
          <Link href="/agents">Create an agent</Link>: greeting, opening hours, FAQ.
        </li>
        <li>
          <Link href="/knowledge">Upload documents</Link> the agent should know.
        </li>
        <li>
          Train the agent, then <Link href="/chat">test it in chat</Link>.
        </li>
        <li>Give the agent a number and point your SIP trunk at this box.</li>
      </ol>
    </Page>
  );
}
