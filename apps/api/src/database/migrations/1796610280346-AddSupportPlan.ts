import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSupportPlan1796610280346 implements MigrationInterface {
  name = 'AddSupportPlan1796610280346';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "support_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "team_id" uuid NOT NULL, "variant" character varying(10) NOT NULL, "casusregisseur_id" uuid, "evaluation_date" date, "last_evaluated_on" date, "krachten" text NOT NULL, "zorgen" text NOT NULL, "basis_rev" integer NOT NULL, "krachten_rev" integer NOT NULL, "zorgen_rev" integer NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_support_plan_household" UNIQUE ("household_id"), CONSTRAINT "PK_support_plan" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_support_plan_team" ON "support_plan"  ("team_id") ');
    await queryRunner.query(
      'CREATE TABLE "support_plan_goal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "zrm_domain" character varying(40) NOT NULL, "text" text NOT NULL, "evaluation_date" date, "status" character varying(16) NOT NULL, "baseline_score" smallint, "rev" integer NOT NULL, "position" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_support_plan_goal" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_support_plan_goal_plan" ON "support_plan_goal"  ("plan_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "support_plan_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "goal_id" uuid, "type" character varying(24) NOT NULL, "title" character varying(200) NOT NULL, "owner" character varying(120) NOT NULL, "start_date" date, "end_date" date, "status" character varying(12) NOT NULL, "cost_cents" bigint, "cost_category" character varying(8), "source_kind" character varying(12) NOT NULL, "decision_id" uuid, "meeting_id" uuid, "agenda_item_id" uuid, "rev" integer NOT NULL, "position" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_support_plan_item" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_support_plan_item_decision" ON "support_plan_item"  ("decision_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_support_plan_item_plan" ON "support_plan_item"  ("plan_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "support_plan_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "number" integer NOT NULL, "author_id" uuid NOT NULL, "change" character varying(40) NOT NULL, "subject" character varying(200), "snapshot" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_support_plan_version_number" UNIQUE ("plan_id", "number"), CONSTRAINT "PK_support_plan_version" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "support_plan_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "version_number" integer NOT NULL, "agreed_on" date NOT NULL, "method" character varying(16) NOT NULL, "by_name" character varying(120) NOT NULL, "agreed" boolean NOT NULL, "comment" text NOT NULL, "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_support_plan_agreement" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_support_plan_agreement_plan" ON "support_plan_agreement"  ("plan_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan" ADD CONSTRAINT "FK_support_plan_household" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan" ADD CONSTRAINT "FK_support_plan_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan" ADD CONSTRAINT "FK_support_plan_regisseur" FOREIGN KEY ("casusregisseur_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_goal" ADD CONSTRAINT "FK_support_plan_goal_plan" FOREIGN KEY ("plan_id") REFERENCES "support_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" ADD CONSTRAINT "FK_support_plan_item_plan" FOREIGN KEY ("plan_id") REFERENCES "support_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" ADD CONSTRAINT "FK_support_plan_item_goal" FOREIGN KEY ("goal_id") REFERENCES "support_plan_goal"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" ADD CONSTRAINT "FK_support_plan_item_decision" FOREIGN KEY ("decision_id") REFERENCES "meeting_decision"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" ADD CONSTRAINT "FK_support_plan_item_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" ADD CONSTRAINT "FK_support_plan_item_agenda" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_version" ADD CONSTRAINT "FK_support_plan_version_plan" FOREIGN KEY ("plan_id") REFERENCES "support_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_version" ADD CONSTRAINT "FK_support_plan_version_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_agreement" ADD CONSTRAINT "FK_support_plan_agreement_plan" FOREIGN KEY ("plan_id") REFERENCES "support_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_agreement" ADD CONSTRAINT "FK_support_plan_agreement_by" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "support_plan_agreement" DROP CONSTRAINT "FK_support_plan_agreement_by"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_agreement" DROP CONSTRAINT "FK_support_plan_agreement_plan"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_version" DROP CONSTRAINT "FK_support_plan_version_author"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_version" DROP CONSTRAINT "FK_support_plan_version_plan"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" DROP CONSTRAINT "FK_support_plan_item_agenda"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" DROP CONSTRAINT "FK_support_plan_item_meeting"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" DROP CONSTRAINT "FK_support_plan_item_decision"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" DROP CONSTRAINT "FK_support_plan_item_goal"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_item" DROP CONSTRAINT "FK_support_plan_item_plan"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_goal" DROP CONSTRAINT "FK_support_plan_goal_plan"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan" DROP CONSTRAINT "FK_support_plan_regisseur"',
    );
    await queryRunner.query('ALTER TABLE "support_plan" DROP CONSTRAINT "FK_support_plan_team"');
    await queryRunner.query(
      'ALTER TABLE "support_plan" DROP CONSTRAINT "FK_support_plan_household"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_support_plan_agreement_plan"');
    await queryRunner.query('DROP TABLE "support_plan_agreement"');
    await queryRunner.query('DROP TABLE "support_plan_version"');
    await queryRunner.query('DROP INDEX "public"."IDX_support_plan_item_plan"');
    await queryRunner.query('DROP INDEX "public"."IDX_support_plan_item_decision"');
    await queryRunner.query('DROP TABLE "support_plan_item"');
    await queryRunner.query('DROP INDEX "public"."IDX_support_plan_goal_plan"');
    await queryRunner.query('DROP TABLE "support_plan_goal"');
    await queryRunner.query('DROP INDEX "public"."IDX_support_plan_team"');
    await queryRunner.query('DROP TABLE "support_plan"');
  }
}
