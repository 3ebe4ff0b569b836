CREATE TABLE "admins" (
	"open_id" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"chat_id" text PRIMARY KEY NOT NULL,
	"name" text,
	"kind" text NOT NULL,
	"department_id" integer
);
--> statement-breakpoint
CREATE TABLE "department_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"chat_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"open_id" text PRIMARY KEY NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE TABLE "reporters" (
	"department_id" integer NOT NULL,
	"open_id" text NOT NULL,
	CONSTRAINT "reporters_department_id_open_id_pk" PRIMARY KEY("department_id","open_id")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"task_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"position" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "assignments_task_id_department_id_pk" PRIMARY KEY("task_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"comparator" text NOT NULL,
	"value" numeric NOT NULL,
	"unit" text NOT NULL,
	"owner_department_id" integer
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"position" integer NOT NULL,
	"actor" text NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"doc_number" text,
	"year" integer NOT NULL,
	"report_deadline" date,
	"report_to" text,
	"source_hash" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "plans_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"section_number" integer,
	"deadline_kind" text,
	"due_date" date,
	"content_hash" text NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "current_status" (
	"task_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"report_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"status" text NOT NULL,
	"progress" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"reporter_open_id" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "current_status_task_id_department_id_pk" PRIMARY KEY("task_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"round_id" integer,
	"value" numeric NOT NULL,
	"reporter_open_id" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"event_id" text,
	CONSTRAINT "indicator_values_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"progress" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"evidence_url" text,
	"reporter_open_id" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"event_id" text,
	CONSTRAINT "reports_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"key" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"round_id" integer,
	"week_key" text NOT NULL,
	"model" jsonb NOT NULL,
	"card" jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"processed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sent_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"uuid" text NOT NULL,
	"purpose" text NOT NULL,
	"ref" text NOT NULL,
	"chat_id" text,
	"message_id" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_aliases" ADD CONSTRAINT "department_aliases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporters" ADD CONSTRAINT "reporters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_owner_department_id_departments_id_fk" FOREIGN KEY ("owner_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_status" ADD CONSTRAINT "current_status_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_status" ADD CONSTRAINT "current_status_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_status" ADD CONSTRAINT "current_status_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_status" ADD CONSTRAINT "current_status_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_department" ON "assignments" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_plan_name" ON "indicators" USING btree ("plan_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "measures_task_position" ON "measures" USING btree ("task_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "sections_plan_number" ON "sections" USING btree ("plan_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_plan_number" ON "tasks" USING btree ("plan_id","number");--> statement-breakpoint
CREATE INDEX "current_status_status" ON "current_status" USING btree ("status");--> statement-breakpoint
CREATE INDEX "indicator_values_indicator_time" ON "indicator_values" USING btree ("indicator_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_version" ON "reports" USING btree ("task_id","department_id","round_id","version");--> statement-breakpoint
CREATE INDEX "reports_round" ON "reports" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "reports_task_dept_time" ON "reports" USING btree ("task_id","department_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_plan_key" ON "rounds" USING btree ("plan_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "digests_plan_week" ON "digests" USING btree ("plan_id","week_key");--> statement-breakpoint
CREATE UNIQUE INDEX "sent_messages_uuid" ON "sent_messages" USING btree ("uuid");