CREATE TABLE "completion_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"report_id" integer NOT NULL,
	"evidence_url" text,
	"previous_status" text,
	"previous_progress" integer,
	"reviewer" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"event_id" text,
	CONSTRAINT "completion_reviews_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "deadline_extensions" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"previous_due_date" date,
	"new_due_date" date NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	"event_id" text,
	CONSTRAINT "deadline_extensions_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "approver_open_id" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "extended_due_date" date;--> statement-breakpoint
ALTER TABLE "completion_reviews" ADD CONSTRAINT "completion_reviews_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_reviews" ADD CONSTRAINT "completion_reviews_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_reviews" ADD CONSTRAINT "completion_reviews_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_reviews" ADD CONSTRAINT "completion_reviews_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "completion_reviews_task_dept" ON "completion_reviews" USING btree ("task_id","department_id");--> statement-breakpoint
CREATE INDEX "deadline_extensions_task" ON "deadline_extensions" USING btree ("task_id");