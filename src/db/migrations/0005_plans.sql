CREATE TABLE "account_plans" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"strategy" text,
	"copied_from_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "account_plans_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"agreed" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'plan' NOT NULL,
	"source_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_actions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_need_changes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"from_text" text,
	"to_text" text,
	"from_priority" integer,
	"to_priority" integer,
	CONSTRAINT "plan_need_changes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_needs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"text" text NOT NULL,
	"priority" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_needs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_objectives" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"metric" text NOT NULL,
	"unit" text,
	"direction" text,
	"baseline" numeric(20, 4) NOT NULL,
	"target" numeric(20, 4) NOT NULL,
	"current_value" numeric(20, 4),
	"due_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_objectives_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_risks" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"text" text NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_risks_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_shares" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_shares_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "account_plans" ADD CONSTRAINT "account_plans_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_org_id_plan_id_account_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_org_id_owner_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_need_changes" ADD CONSTRAINT "plan_need_changes_org_id_need_id_plan_needs_org_id_id_fk" FOREIGN KEY ("org_id","need_id") REFERENCES "public"."plan_needs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_needs" ADD CONSTRAINT "plan_needs_org_id_plan_id_account_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_org_id_plan_id_account_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_risks" ADD CONSTRAINT "plan_risks_org_id_plan_id_account_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_shares" ADD CONSTRAINT "plan_shares_org_id_plan_id_account_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_plans_account_idx" ON "account_plans" USING btree ("org_id","account_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "account_plans_one_active_key" ON "account_plans" USING btree ("org_id","account_id","period") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "plan_actions_plan_idx" ON "plan_actions" USING btree ("org_id","plan_id","due_on");--> statement-breakpoint
CREATE INDEX "plan_need_changes_need_idx" ON "plan_need_changes" USING btree ("org_id","need_id","at");--> statement-breakpoint
CREATE INDEX "plan_needs_plan_idx" ON "plan_needs" USING btree ("org_id","plan_id","priority");--> statement-breakpoint
CREATE INDEX "plan_objectives_plan_idx" ON "plan_objectives" USING btree ("org_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_risks_plan_idx" ON "plan_risks" USING btree ("org_id","plan_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_shares_token_key" ON "plan_shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "plan_shares_plan_idx" ON "plan_shares" USING btree ("org_id","plan_id");