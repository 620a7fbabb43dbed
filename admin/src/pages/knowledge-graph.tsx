import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useGet } from '../ui/hooks';
import { Async } from '../ui/page';

interface GraphEntity {
  id: string;
  kind: string;
  name: string;
}
interface GraphRelation {
  from: string;
  relation: string;
  to: string;
  sentence: string;
}
interface KnowledgeGraphView {
  knowledgeVersion: number;
  sentences: number;
  entities: GraphEntity[];
  relations: GraphRelation[];
}

/** How each relation reads in a sentence ("Dental cleaning costs $350"). */
const verbs: Record<string, string> = {
  costs: 'costs',
  role: 'is',
  handles: 'handles',
  located_at: 'is at',
  covers: 'covers',
  open: 'open',
  closed: 'closed',
  states: 'states',
};

const nameOf = (id: string, byId: Map<string, GraphEntity>): string =>
  byId.get(id)?.name ?? id.replace(/^[a-z]+:/, '');

/**
 * What the agent believes about the business, read-only: the entities and relations extracted
 * from its documents at training (GET /agents/{id}/knowledge-graph), each with the sentence it
 * came from, so a business can check prices, people and places before callers hear them.
 */
export function KnowledgeGraphPanel({ id }: { id: string }): JSX.Element {
  const graph = useGet<KnowledgeGraphView>(`/agents/${id}/knowledge-graph`);
  const [kind, setKind] = useState('costs');
  return (
    <section class="card knowledge-graph" aria-labelledby="kg-h">
      <h2 id="kg-h">What the agent knows</h2>
      <Async state={graph}>
        {(g) => {
          const byId = new Map(g.entities.map((e) => [e.id, e]));
          const kinds = [...new Set(g.relations.map((r) => r.relation))];
          const rows = g.relations.filter((r) => r.relation === kind);
          return (
            <>
              <p class="muted">
                {g.sentences} sentences read from the documents; {g.entities.length} entities,{' '}
                {g.relations.length} relations.
              </p>
              {kinds.length === 0 ? (
                <p>Nothing extracted yet: upload documents under Knowledge and train the agent.</p>
              ) : (
                <>
                  <div role="tablist" aria-label="Relation kind">
                    {kinds.map((k) => (
                      <button
                        type="button"
                        role="tab"
                        aria-selected={k === kind}
                        key={k}
                        onClick={() => setKind(k)}
                      >
                        {k.replace('_', ' ')} ({g.relations.filter((r) => r.relation === k).length})
                      </button>
                    ))}
                  </div>
                  <table>
                    <caption>{kind.replace('_', ' ')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Statement</th>
                        <th scope="col">From the document</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r, i) => (
                        <tr key={`${r.from}-${r.to}-${i}`}>
                          <td>
                            {nameOf(r.from, byId)} <strong>{verbs[r.relation] ?? r.relation}</strong>{' '}
                            {nameOf(r.to, byId)}
                          </td>
                          <td class="muted">{r.sentence}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
