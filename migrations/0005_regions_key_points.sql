DROP INDEX "tasks_plan_number";--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "kind" text DEFAULT 'department' NOT NULL;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "conditional" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "kind" text DEFAULT 'task' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_plan_kind_number" ON "tasks" USING btree ("plan_id","kind","number");