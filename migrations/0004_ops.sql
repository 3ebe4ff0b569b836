CREATE TABLE "person_lookups" (
	"key" text PRIMARY KEY NOT NULL,
	"open_id" text NOT NULL,
	"resolved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "bot_status" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "bot_status_at" timestamp with time zone;