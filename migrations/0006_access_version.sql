CREATE TABLE "access_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
-- Hand-written: every write to what the webhook keeps in memory bumps the version and announces
-- it, in the writing transaction (the notification is delivered at commit, never for a rollback).
INSERT INTO "access_version" ("id", "version") VALUES (1, 1) ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE OR REPLACE FUNCTION duban_bump_access_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
  PERFORM pg_notify('duban_access', v::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "departments_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "departments" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "department_aliases_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "department_aliases" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "people_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "people" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "reporters_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "reporters" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "admins_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "admins" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "leaders_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "leaders" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "directory_settings_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "directory_settings" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "plans_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "plans" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "sections_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sections" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "tasks_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tasks" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "measures_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "measures" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "assignments_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "assignments" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "indicators_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicators" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();--> statement-breakpoint
CREATE TRIGGER "rounds_access_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rounds" FOR EACH STATEMENT EXECUTE FUNCTION duban_bump_access_version();
