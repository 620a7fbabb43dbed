/**
 * Browser calls (issue 18, WebRTC): the page origins (scheme://host[:port], lower case) from
 * which a business's embeddable call button may mint call tokens and place calls. No row: the
 * public button is off for that business (the admin UI's own button needs none).
 */
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('web_call_origins')
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('web_call_origins_pk', ['business_id', 'origin'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('web_call_origins').execute();
}
