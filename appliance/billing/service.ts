import type { AppContext } from '../context.js';
import type { Principal } from '../http/route.js';
import { audit } from '../audit.js';
import { syncKnowledgeBytes } from './knowledge-usage.js';
import { currentUsagePeriod, ensureCurrent, setCancelAtPeriodEnd, subscribeOrChange } from './lifecycle.js';
import { getStatement, listStatements, type StatementView } from './statements.js';

export interface UsageFigures {
  periodStart: string;
  periodEnd: string;
  planId: string;
  status: 'open' | 'closed';
  calls: number;
  callLimit: number | null;
  /** Percent of the included calls used (0-100+, one decimal); null when unlimited. */
  callsPct: number | null;
  callSeconds: number;
  callMinutes: number;
  meteredCalls: number;
  meteredCents: number;
  apiRequests: number;
  knowledgeBytes: number;
}

export interface NoticeView {
  id: string;
  kind: 'usage.threshold';
  metric: string;
  thresholdPct: number;
  message: string;
  periodStart: string;
  createdAt: string;
}

/** The billing views behind the /business routes; every query is scoped by business id. */
export class BillingService {
  constructor(private readonly app: AppContext) {}

  private get db() {
    return this.app.db.kysely;
  }

  async usage(
    businessId: string,
    historyLimit: number,
  ): Promise<{ current: UsageFigures | null; history: UsageFigures[] }> {
    await this.db.transaction().execute(async (trx) => {
      const u = await currentUsagePeriod(trx, businessId, this.app.now());
      if (u) await syncKnowledgeBytes(trx, businessId, u.id);
    });
    const rows = await this.db
      .selectFrom('usage_periods')
      .selectAll()
      .where('business_id', '=', businessId)
      .orderBy('period_start', 'desc')
      .limit(historyLimit + 1)
      .execute();
    const fig = (r: (typeof rows)[number]): UsageFigures => {
      const calls = Number(r.calls);
      const limit = r.call_limit === null ? null : Number(r.call_limit);
      const callSeconds = Number(r.call_seconds);
      return {
        periodStart: r.period_start,
        periodEnd: r.period_end,
        planId: r.plan_id,
        status: r.status === 'open' ? 'open' : 'closed',
        calls,
        callLimit: limit,
        callsPct: limit === null || limit === 0 ? null : Math.round((calls / limit) * 1000) / 10,
        callSeconds,
        callMinutes: Math.round((callSeconds / 60) * 10) / 10,
        meteredCalls: Number(r.metered_calls),
        meteredCents: Number(r.metered_cents),
        apiRequests: Number(r.api_requests),
        knowledgeBytes: Number(r.knowledge_bytes),
      };
    };
    const open = rows.find((r) => r.status === 'open');
    return {
      current: open ? fig(open) : null,
      history: rows
        .filter((r) => r !== open)
        .slice(0, historyLimit)
        .map(fig),
    };
  }

  async notices(businessId: string, limit: number): Promise<NoticeView[]> {
    const rows = await this.db
      .selectFrom('usage_notices')
      .innerJoin('usage_periods', 'usage_periods.id', 'usage_notices.usage_period_id')
      .select([
        'usage_notices.id',
        'usage_notices.metric',
        'usage_notices.threshold_pct',
        'usage_notices.message',
        'usage_notices.created_at',
        'usage_periods.period_start',
      ])
      .where('usage_notices.business_id', '=', businessId)
      .orderBy('usage_notices.created_at', 'desc')
      .orderBy('usage_notices.threshold_pct', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: 'usage.threshold',
      metric: r.metric,
      thresholdPct: r.threshold_pct,
      message: r.message,
      periodStart: r.period_start,
      createdAt: r.created_at,
    }));
  }

  async statements(businessId: string, page: { limit: number; offset: number }) {
    await this.db.transaction().execute((trx) => ensureCurrent(trx, businessId, this.app.now()));
    return listStatements(this.db, businessId, page);
  }

  async statement(businessId: string, id: string): Promise<StatementView> {
    await this.db.transaction().execute((trx) => ensureCurrent(trx, businessId, this.app.now()));
    return getStatement(this.db, businessId, id);
  }

  /** Subscribe or change plan (pro-rated); audited. */
  async subscribe(p: Principal, planId: string, ip: string): Promise<void> {
    const at = this.app.now();
    await this.db.transaction().execute(async (trx) => {
      const r = await subscribeOrChange(trx, p.businessId, planId, at);
      if (r.outcome !== 'unchanged')
        await audit(
          trx,
          {
            businessId: p.businessId,
            actor: p,
            action: r.outcome === 'created' ? 'subscription.create' : 'subscription.change',
            target: { type: 'subscription', id: r.subscriptionId },
            details: { planId },
            ip,
          },
          at,
        );
    });
  }

  async setCancel(p: Principal, cancel: boolean, ip: string): Promise<void> {
    const at = this.app.now();
    await this.db.transaction().execute(async (trx) => {
      const sub = await setCancelAtPeriodEnd(trx, p.businessId, cancel, at);
      await audit(
        trx,
        {
          businessId: p.businessId,
          actor: p,
          action: cancel ? 'subscription.cancel' : 'subscription.resume',
          target: { type: 'subscription', id: sub.id },
          ip,
        },
        at,
      );
    });
  }

  /** Rolls over every business whose period ended (the periodic tick). */
  async rollOverDue(dueIds: string[]): Promise<void> {
    for (const id of dueIds) {
      try {
        await this.db.transaction().execute((trx) => currentUsagePeriod(trx, id, this.app.now()));
      } catch (err) {
        // One business's bad data must not stop the others' roll-over.
        this.app.log.error({ err, businessId: id }, 'billing roll-over failed');
      }
    }
  }
}
