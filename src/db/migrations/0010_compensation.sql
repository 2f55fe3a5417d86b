CREATE TABLE "comp_assignments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"base_annual" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comp_assignments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "comp_credit_splits" (
	"org_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"splits" jsonb NOT NULL,
	"note" text,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comp_credit_splits_org_id_source_type_source_id_pk" PRIMARY KEY("org_id","source_type","source_id")
);
--> statement-breakpoint
CREATE TABLE "comp_crediting_rules" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comp_plan_versions" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"document" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comp_plan_versions_org_id_plan_id_number_pk" PRIMARY KEY("org_id","plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "comp_plans" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comp_plans_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "comp_quota_changes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"period_type" text NOT NULL,
	"period_start" date NOT NULL,
	"before" bigint,
	"after" bigint NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "comp_quota_changes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "comp_quotas" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"period_type" text NOT NULL,
	"period_start" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"source" text NOT NULL,
	"set_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comp_quotas_org_id_user_id_period_type_period_start_pk" PRIMARY KEY("org_id","user_id","period_type","period_start")
);
--> statement-breakpoint
CREATE TABLE "comp_runs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comp_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "comp_statements" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"payee_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"currency" char(3) NOT NULL,
	"paid" bigint NOT NULL,
	"statement" jsonb NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"paid_by" uuid,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comp_statements_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "comp_assignments" ADD CONSTRAINT "comp_assignments_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_assignments" ADD CONSTRAINT "comp_assignments_org_id_plan_id_comp_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."comp_plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_plan_versions" ADD CONSTRAINT "comp_plan_versions_org_id_plan_id_comp_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."comp_plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_quotas" ADD CONSTRAINT "comp_quotas_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_statements" ADD CONSTRAINT "comp_statements_org_id_run_id_comp_runs_org_id_id_fk" FOREIGN KEY ("org_id","run_id") REFERENCES "public"."comp_runs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comp_statements" ADD CONSTRAINT "comp_statements_org_id_payee_id_users_org_id_id_fk" FOREIGN KEY ("org_id","payee_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comp_assignments_user_idx" ON "comp_assignments" USING btree ("org_id","user_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "comp_plans_name_key" ON "comp_plans" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "comp_quota_changes_user_idx" ON "comp_quota_changes" USING btree ("org_id","user_id","changed_at");--> statement-breakpoint
CREATE INDEX "comp_quotas_period_idx" ON "comp_quotas" USING btree ("org_id","period_type","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "comp_runs_period_key" ON "comp_runs" USING btree ("org_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "comp_statements_run_payee_key" ON "comp_statements" USING btree ("org_id","run_id","payee_id");--> statement-breakpoint
CREATE INDEX "comp_statements_payee_idx" ON "comp_statements" USING btree ("org_id","payee_id");