CREATE TABLE "account_scores" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"revenue" double precision,
	"gross_profit" double precision,
	"margin" double precision,
	"growth" double precision,
	"wallet" double precision,
	"strategic_fit" double precision,
	"reference_value" double precision,
	"share_of_wallet" double precision,
	"relationship_coverage" double precision,
	"severe_cases" double precision,
	"days_since_contact" double precision,
	"attractiveness" numeric(5, 2) NOT NULL,
	"strength" numeric(5, 2) NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"tier" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_scores_org_id_account_id_pk" PRIMARY KEY("org_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "score_history" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"attractiveness" numeric(5, 2) NOT NULL,
	"strength" numeric(5, 2) NOT NULL,
	"tier" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_history_org_id_account_id_day_pk" PRIMARY KEY("org_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "scoring_models" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_models_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tier_changes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"from_tier" text,
	"to_tier" text NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"reason" jsonb,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_changes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "account_scores_rank_idx" ON "account_scores" USING btree ("org_id","score","account_id");--> statement-breakpoint
CREATE INDEX "scoring_models_number_idx" ON "scoring_models" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "tier_changes_account_idx" ON "tier_changes" USING btree ("org_id","account_id","at");