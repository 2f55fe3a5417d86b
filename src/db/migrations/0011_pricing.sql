CREATE TABLE "price_agreements" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"product_id" uuid,
	"family" text,
	"kind" text NOT NULL,
	"discount_rate" numeric(9, 6),
	"net_price" bigint,
	"tiers" jsonb,
	"currency" char(3) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "price_agreements_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "price_agreements_target_check" CHECK ((product_id is null) <> (family is null)),
	CONSTRAINT "price_agreements_dates_check" CHECK (valid_to is null or valid_to >= valid_from),
	CONSTRAINT "price_agreements_kind_check" CHECK ((kind = 'discount' and discount_rate is not null) or (kind = 'net_price' and net_price is not null) or (kind = 'volume_tiers' and tiers is not null))
);
--> statement-breakpoint
CREATE TABLE "price_book_prices" (
	"org_id" uuid NOT NULL,
	"price_book_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"list_price" bigint NOT NULL,
	CONSTRAINT "price_book_prices_org_id_price_book_id_product_id_pk" PRIMARY KEY("org_id","price_book_id","product_id"),
	CONSTRAINT "price_book_prices_positive_check" CHECK (list_price >= 0)
);
--> statement-breakpoint
CREATE TABLE "price_books" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"currency" char(3) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "price_books_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "price_books_dates_check" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
ALTER TABLE "price_agreements" ADD CONSTRAINT "price_agreements_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_agreements" ADD CONSTRAINT "price_agreements_org_id_product_id_products_org_id_id_fk" FOREIGN KEY ("org_id","product_id") REFERENCES "public"."products"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_agreements" ADD CONSTRAINT "price_agreements_org_id_created_by_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_book_prices" ADD CONSTRAINT "price_book_prices_org_id_price_book_id_price_books_org_id_id_fk" FOREIGN KEY ("org_id","price_book_id") REFERENCES "public"."price_books"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_book_prices" ADD CONSTRAINT "price_book_prices_org_id_product_id_products_org_id_id_fk" FOREIGN KEY ("org_id","product_id") REFERENCES "public"."products"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_agreements_account_idx" ON "price_agreements" USING btree ("org_id","account_id","valid_from");--> statement-breakpoint
CREATE INDEX "price_book_prices_product_idx" ON "price_book_prices" USING btree ("org_id","product_id");--> statement-breakpoint
CREATE INDEX "price_books_currency_idx" ON "price_books" USING btree ("org_id","currency","valid_from");