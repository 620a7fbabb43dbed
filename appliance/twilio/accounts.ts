/**
 * A business's Twilio account: its Account SID and auth token, the token sealed at rest with the
 * appliance's `twilio` purpose key (SecretBox: AES-256-GCM, bound to the business id, so a sealed
 * value copied to another business's row does not open). The token is read back only to check
 * Twilio's request signatures, never returned by the API.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import type { SecretBox } from '../webhooks/index.js';

type Db = Kysely<Database>;

/** Twilio Account SIDs: `AC` and 32 hex digits. */
export const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;

export interface TwilioAccountView {
  accountSid: string;
  createdAt: string;
  updatedAt: string;
}

export interface TwilioAccount extends TwilioAccountView {
  businessId: string;
  authToken: string;
}

export class TwilioAccounts {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async view(businessId: string): Promise<TwilioAccountView | undefined> {
    const r = await this.db
      .selectFrom('twilio_accounts')
      .select(['account_sid', 'created_at', 'updated_at'])
      .where('business_id', '=', businessId)
      .executeTakeFirst();
    return r && { accountSid: r.account_sid, createdAt: r.created_at, updatedAt: r.updated_at };
  }

  /** Sets (or replaces) the business's account. Another business holding the SID: 409. */
  async put(
    businessId: string,
    accountSid: string,
    authToken: string,
    now: Date,
  ): Promise<TwilioAccountView> {
    const at = now.toISOString();
    const sealed = this.box.seal(authToken, businessId);
    const taken = await this.db
      .selectFrom('twilio_accounts')
      .select('business_id')
      .where('account_sid', '=', accountSid)
      .where('business_id', '<>', businessId)
      .executeTakeFirst();
    if (taken) throw new AppError('conflict', 'this Twilio account is configured for another business');
    const updated = await this.db
      .updateTable('twilio_accounts')
      .set({ account_sid: accountSid, auth_token_enc: sealed, updated_at: at })
      .where('business_id', '=', businessId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await this.db
        .insertInto('twilio_accounts')
        .values({
          business_id: businessId,
          account_sid: accountSid,
          auth_token_enc: sealed,
          created_at: at,
          updated_at: at,
        })
        .execute();
    return (await this.view(businessId))!;
  }

  /** Removes the account; true when there was one. */
  async clear(businessId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('twilio_accounts')
      .where('business_id', '=', businessId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The account a webhook names (its AccountSid parameter), with the token opened; undefined if none. */
  async bySid(accountSid: string): Promise<TwilioAccount | undefined> {
    if (!ACCOUNT_SID.test(accountSid)) return undefined;
    const r = await this.db
      .selectFrom('twilio_accounts')
      .selectAll()
      .where('account_sid', '=', accountSid)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      businessId: r.business_id,
      accountSid: r.account_sid,
      authToken: this.box.open(r.auth_token_enc, r.business_id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
