CREATE TABLE "engagement_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"cadence" jsonb NOT NULL,
	"minutes" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interaction_contacts" (
	"org_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	CONSTRAINT "interaction_contacts_org_id_interaction_id_contact_id_pk" PRIMARY KEY("org_id","interaction_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "interaction_users" (
	"org_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "interaction_users_org_id_interaction_id_user_id_pk" PRIMARY KEY("org_id","interaction_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"sentiment" smallint,
	"minutes" integer NOT NULL,
	"next_step" text,
	"next_step_due" date,
	"next_step_owner_id" uuid,
	"next_step_done_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "interactions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "interactions_sentiment_check" CHECK (sentiment between -2 and 2),
	CONSTRAINT "interactions_minutes_check" CHECK (minutes between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "relationship_stages" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"since" date NOT NULL,
	"note" text,
	"set_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationship_stages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "cost_rates" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"currency" char(3) NOT NULL,
	"hourly" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interaction_contacts" ADD CONSTRAINT "interaction_contacts_org_id_interaction_id_interactions_org_id_id_fk" FOREIGN KEY ("org_id","interaction_id") REFERENCES "public"."interactions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_contacts" ADD CONSTRAINT "interaction_contacts_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_users" ADD CONSTRAINT "interaction_users_org_id_interaction_id_interactions_org_id_id_fk" FOREIGN KEY ("org_id","interaction_id") REFERENCES "public"."interactions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_users" ADD CONSTRAINT "interaction_users_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_org_id_created_by_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_org_id_next_step_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","next_step_owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_stages" ADD CONSTRAINT "relationship_stages_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_stages" ADD CONSTRAINT "relationship_stages_org_id_set_by_users_org_id_id_fk" FOREIGN KEY ("org_id","set_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interaction_users_user_idx" ON "interaction_users" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "interactions_account_idx" ON "interactions" USING btree ("org_id","account_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "interactions_open_steps_idx" ON "interactions" USING btree ("org_id","next_step_due") WHERE next_step_due is not null and next_step_done_at is null and deleted_at is null;--> statement-breakpoint
CREATE INDEX "relationship_stages_account_idx" ON "relationship_stages" USING btree ("org_id","account_id","id");