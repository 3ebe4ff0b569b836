CREATE TABLE "inbound_dead_letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" text,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"job" text NOT NULL,
	"error_code" text NOT NULL,
	"error_message" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retried_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"task_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "report_versions_task_id_department_id_round_id_pk" PRIMARY KEY("task_id","department_id","round_id")
);
