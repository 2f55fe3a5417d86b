CREATE TABLE "forecast_calls" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"period_type" text NOT NULL,
	"period_start" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"note" text NOT NULL,
	"called_by" uuid NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	CONSTRAINT "forecast_calls_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "forecast_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"actuals" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshot_lines" (
	"org_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"closed" bigint NOT NULL,
	"commit" bigint NOT NULL,
	"best_case" bigint NOT NULL,
	"pipeline" bigint NOT NULL,
	"weighted" bigint NOT NULL,
	"call" bigint,
	"forecast" bigint NOT NULL,
	CONSTRAINT "forecast_snapshot_lines_org_id_snapshot_id_user_id_pk" PRIMARY KEY("org_id","snapshot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshots" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"week" text NOT NULL,
	"period_type" text NOT NULL,
	"period_start" date NOT NULL,
	"currency" char(3) NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"taken_by" uuid,
	CONSTRAINT "forecast_snapshots_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "forecast_calls" ADD CONSTRAINT "forecast_calls_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_calls" ADD CONSTRAINT "forecast_calls_org_id_called_by_users_org_id_id_fk" FOREIGN KEY ("org_id","called_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshot_lines" ADD CONSTRAINT "forecast_snapshot_lines_org_id_snapshot_id_forecast_snapshots_org_id_id_fk" FOREIGN KEY ("org_id","snapshot_id") REFERENCES "public"."forecast_snapshots"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_calls_period_idx" ON "forecast_calls" USING btree ("org_id","period_type","period_start","user_id","called_at");--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_snapshots_week_key" ON "forecast_snapshots" USING btree ("org_id","period_type","period_start","week");