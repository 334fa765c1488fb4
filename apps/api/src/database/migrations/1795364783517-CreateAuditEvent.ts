import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The NEN 7513 audit log. The table is generated from the entity; the triggers are by hand:
 * - `audit_event_append_only` refuses UPDATE, DELETE and TRUNCATE (statement level, so even
 *   a statement touching no row is refused);
 * - `audit_event_chain` accepts an INSERT only as the next link: seq = last + 1 and prev_hash =
 *   the last row's hash (the genesis value, 64 zeros, for seq 1). The api appends under an
 *   advisory lock; the trigger holds every other writer to the same rule.
 */
export class CreateAuditEvent1795364783517 implements MigrationInterface {
  name = 'CreateAuditEvent1795364783517';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_event" ("seq" bigint NOT NULL, "id" uuid NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "actor_user_id" uuid, "actor_role" text, "on_behalf_of" uuid, "organisation_id" uuid, "action" text COLLATE "C" NOT NULL, "object_type" text, "object_id" text, "client_id" uuid, "purpose" text, "context" jsonb, "outcome" text NOT NULL, "channel" text NOT NULL, "source_ip" text, "request_id" text, "legal_basis" text, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "UQ_audit_event_id" UNIQUE ("id"), CONSTRAINT "CHK_audit_event_hashes" CHECK ("hash" ~ \'^[0-9a-f]{64}$\' AND "prev_hash" ~ \'^[0-9a-f]{64}$\'), CONSTRAINT "CHK_audit_event_channel" CHECK ("channel" IN (\'http\', \'socket\', \'system\')), CONSTRAINT "CHK_audit_event_outcome" CHECK ("outcome" IN (\'allowed\', \'denied\', \'failed\')), CONSTRAINT "CHK_audit_event_seq" CHECK ("seq" > 0), CONSTRAINT "PK_audit_event" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_event_occurred_at" ON "audit_event"  ("occurred_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_event_action" ON "audit_event"  ("action", "seq") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_event_organisation" ON "audit_event"  ("organisation_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_event_client" ON "audit_event"  ("client_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_event_actor_user" ON "audit_event"  ("actor_user_id", "seq") ',
    );

    await queryRunner.query(`
      CREATE FUNCTION "audit_event_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_event_append_only"
        BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_event"
        FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_refuse_change"()`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_event_check_link"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_seq bigint;
        last_hash text;
      BEGIN
        SELECT "seq", "hash" INTO last_seq, last_hash
          FROM "audit_event" ORDER BY "seq" DESC LIMIT 1;
        IF NEW."seq" IS DISTINCT FROM COALESCE(last_seq, 0) + 1 THEN
          RAISE EXCEPTION 'audit_event: seq % does not follow seq %', NEW."seq", COALESCE(last_seq, 0)
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW."prev_hash" IS DISTINCT FROM COALESCE(last_hash, repeat('0', 64)) THEN
          RAISE EXCEPTION 'audit_event: prev_hash of seq % is not the hash of the last row', NEW."seq"
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_event_chain"
        BEFORE INSERT ON "audit_event"
        FOR EACH ROW EXECUTE FUNCTION "audit_event_check_link"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "audit_event_chain" ON "audit_event"');
    await queryRunner.query('DROP FUNCTION "audit_event_check_link"()');
    await queryRunner.query('DROP TRIGGER "audit_event_append_only" ON "audit_event"');
    await queryRunner.query('DROP FUNCTION "audit_event_refuse_change"()');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_actor_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_client"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_organisation"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_action"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_occurred_at"');
    await queryRunner.query('DROP TABLE "audit_event"');
  }
}
