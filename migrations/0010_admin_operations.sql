CREATE TABLE "admin_operations" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"operation" text NOT NULL,
	"source" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"chat_id" text,
	"preview" jsonb NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"result" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "admin_operations_request" ON "admin_operations" USING btree ("request_key");