CREATE TABLE "directory_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leaders" (
	"chat_id" text NOT NULL,
	"open_id" text NOT NULL,
	CONSTRAINT "leaders_chat_id_open_id_pk" PRIMARY KEY("chat_id","open_id")
);
