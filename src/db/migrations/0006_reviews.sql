CREATE TABLE "account_reviews" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"scheduled_on" date NOT NULL,
	"held_on" date,
	"source" text DEFAULT 'manual' NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"discussion" text,
	"risks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agreed_actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"snapshot" jsonb,
	"next_review_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "account_reviews_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "review_agenda_items" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"text" text NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "review_agenda_items_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "review_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"cadence_months" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_reviews" ADD CONSTRAINT "account_reviews_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_agenda_items" ADD CONSTRAINT "review_agenda_items_org_id_review_id_account_reviews_org_id_id_fk" FOREIGN KEY ("org_id","review_id") REFERENCES "public"."account_reviews"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_reviews_account_idx" ON "account_reviews" USING btree ("org_id","account_id","scheduled_on");--> statement-breakpoint
CREATE INDEX "account_reviews_due_idx" ON "account_reviews" USING btree ("org_id","status","scheduled_on");--> statement-breakpoint
CREATE UNIQUE INDEX "account_reviews_one_scheduled_key" ON "account_reviews" USING btree ("org_id","account_id") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "review_agenda_items_review_idx" ON "review_agenda_items" USING btree ("org_id","review_id","at");