CREATE TABLE `retention_rollup_state` (
	`id` text PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`rebuilt_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `contributions` ADD `amount_override_reason` text;--> statement-breakpoint
ALTER TABLE `rollup_retention` ADD `observed_m_3` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `rollup_retention` ADD `observed_m_6` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `rollup_retention` ADD `observed_m_12` integer DEFAULT 0 NOT NULL;