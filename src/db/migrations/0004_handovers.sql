CREATE TABLE "handover_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"handover_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"note" text,
	CONSTRAINT "handover_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"checklist" jsonb NOT NULL,
	"first_review_on" date,
	"notes" text,
	"return_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "handovers_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "handover_events" ADD CONSTRAINT "handover_events_org_id_handover_id_handovers_org_id_id_fk" FOREIGN KEY ("org_id","handover_id") REFERENCES "public"."handovers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_org_id_from_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","from_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_org_id_to_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","to_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handover_events_handover_idx" ON "handover_events" USING btree ("org_id","handover_id","at");--> statement-breakpoint
CREATE INDEX "handovers_account_idx" ON "handovers" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "handovers_to_user_idx" ON "handovers" USING btree ("org_id","to_user_id","state");--> statement-breakpoint
CREATE INDEX "handovers_from_user_idx" ON "handovers" USING btree ("org_id","from_user_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_one_pending_key" ON "handovers" USING btree ("org_id","account_id") WHERE state = 'pending';