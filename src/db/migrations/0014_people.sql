CREATE TABLE "development_goals" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"target_rating" smallint NOT NULL,
	"due_on" date,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "development_goals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "expected_pay" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "expected_pay_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "expected_pay_amount_check" CHECK (amount >= 0)
);
--> statement-breakpoint
CREATE TABLE "pay_bands" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"role" text NOT NULL,
	"year" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"source" text NOT NULL,
	"base_low" bigint,
	"base_high" bigint,
	"bonus_low" bigint,
	"bonus_high" bigint,
	"profit_share_low" bigint,
	"profit_share_high" bigint,
	"commission_low" bigint,
	"commission_high" bigint,
	"total_low" bigint NOT NULL,
	"total_high" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pay_bands_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "pay_bands_total_check" CHECK (total_low >= 0 and total_high >= total_low)
);
--> statement-breakpoint
CREATE TABLE "people_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"skills" jsonb NOT NULL,
	"role_profiles" jsonb NOT NULL,
	"tier_weights" jsonb NOT NULL,
	"capacity_targets" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_profiles" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"education" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"certifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"years_total" smallint,
	"years_sales" smallint,
	"industry_years" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"industries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "person_profiles_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "person_profiles_years_check" CHECK (years_total between 0 and 70 and years_sales between 0 and 70)
);
--> statement-breakpoint
CREATE TABLE "skill_ratings" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"kind" text NOT NULL,
	"rating" smallint NOT NULL,
	"note" text,
	"rated_by" uuid NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "skill_ratings_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "skill_ratings_rating_check" CHECK (rating between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "development_goals" ADD CONSTRAINT "development_goals_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expected_pay" ADD CONSTRAINT "expected_pay_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_profiles" ADD CONSTRAINT "person_profiles_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_ratings" ADD CONSTRAINT "skill_ratings_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_ratings" ADD CONSTRAINT "skill_ratings_org_id_rated_by_users_org_id_id_fk" FOREIGN KEY ("org_id","rated_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_goals_user_idx" ON "development_goals" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_bands_role_year_key" ON "pay_bands" USING btree ("org_id","role","year");--> statement-breakpoint
CREATE INDEX "skill_ratings_user_idx" ON "skill_ratings" USING btree ("org_id","user_id","rated_at","id");--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree ("org_id",lower("email")) WHERE email is not null and deleted_at is null;