CREATE TABLE `areas` (
	`code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`province_code` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `areas_parent_idx` ON `areas` (`parent_code`);--> statement-breakpoint
CREATE INDEX `areas_level_idx` ON `areas` (`level`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`details` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`name` text NOT NULL,
	`segment` text DEFAULT 'bpu' NOT NULL,
	`objective` text,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`target_signups` integer DEFAULT 0 NOT NULL,
	`budget` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `campaigns_office_idx` ON `campaigns` (`office_id`,`period_start`);--> statement-breakpoint
CREATE TABLE `contribution_discounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`discount_bp` integer NOT NULL,
	`applies_to` text NOT NULL,
	`sector` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`excluded_payers` text NOT NULL,
	`legal_basis` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contribution_rule_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`segment` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`jkk_rate_bp` integer NOT NULL,
	`jht_rate_bp` integer NOT NULL,
	`jkm_flat` integer NOT NULL,
	`bands` text NOT NULL,
	`legal_basis` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contributions` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`signup_id` text,
	`month` text NOT NULL,
	`payer` text NOT NULL,
	`sponsor_partner_id` text,
	`amount` integer NOT NULL,
	`expected_amount` integer NOT NULL,
	`source` text NOT NULL,
	`import_batch_id` text,
	`paid_at` text,
	`recorded_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`signup_id`) REFERENCES `signups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`sponsor_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contributions_participant_month_uq` ON `contributions` (`participant_id`,`month`);--> statement-breakpoint
CREATE INDEX `contributions_month_idx` ON `contributions` (`month`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`revoked_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_tokenHash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_office_idx` ON `calendar_feeds` (`office_id`);--> statement-breakpoint
CREATE TABLE `event_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`action` text NOT NULL,
	`owner_name` text NOT NULL,
	`due_date` text,
	`done` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_actions_event_idx` ON `event_actions` (`event_id`);--> statement-breakpoint
CREATE TABLE `event_partners` (
	`event_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`role` text DEFAULT 'co_host' NOT NULL,
	PRIMARY KEY(`event_id`, `partner_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `event_partners_partner_idx` ON `event_partners` (`partner_id`);--> statement-breakpoint
CREATE TABLE `event_staff` (
	`event_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `event_staff_user_idx` ON `event_staff` (`user_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text,
	`office_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`time_zone` text NOT NULL,
	`venue` text,
	`area_code` text NOT NULL,
	`expected_attendance` integer,
	`target_signups` integer DEFAULT 0 NOT NULL,
	`planned_budget` integer DEFAULT 0 NOT NULL,
	`actual_cost` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	`cancel_reason` text,
	`attendance` integer,
	`minutes` text,
	`shared_with_partners` integer DEFAULT false NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `events_office_start_idx` ON `events` (`office_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_campaign_idx` ON `events` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `followup_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`signup_id` text,
	`office_id` text NOT NULL,
	`kind` text NOT NULL,
	`period_key` text NOT NULL,
	`due_date` text NOT NULL,
	`assignee_user_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`outcome` text,
	`outcome_note` text,
	`outcome_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`signup_id`) REFERENCES `signups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `followup_tasks_participant_kind_period_uq` ON `followup_tasks` (`participant_id`,`kind`,`period_key`);--> statement-breakpoint
CREATE INDEX `followup_tasks_assignee_idx` ON `followup_tasks` (`assignee_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `followup_tasks_office_idx` ON `followup_tasks` (`office_id`,`status`);--> statement-breakpoint
CREATE TABLE `idempotency_records` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`route` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`kind` text NOT NULL,
	`source` text,
	`source_partner_id` text,
	`source_area_code` text,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`column_mapping` text,
	`status` text DEFAULT 'uploaded' NOT NULL,
	`total_rows` integer DEFAULT 0 NOT NULL,
	`ok_rows` integer DEFAULT 0 NOT NULL,
	`error_rows` integer DEFAULT 0 NOT NULL,
	`committed_rows` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`source_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_batches_file_uq` ON `import_batches` (`office_id`,`kind`,`file_hash`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`office_id` text NOT NULL,
	`source_key` text NOT NULL,
	`mapping` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`office_id`, `source_key`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `import_rows` (
	`batch_id` text NOT NULL,
	`row_number` integer NOT NULL,
	`status` text NOT NULL,
	`nik_hash` text,
	`payload_cipher` text,
	`errors` text,
	`signup_id` text,
	PRIMARY KEY(`batch_id`, `row_number`),
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_rows_nik_idx` ON `import_rows` (`nik_hash`);--> statement-breakpoint
CREATE TABLE `office_regencies` (
	`office_id` text NOT NULL,
	`regency_code` text NOT NULL,
	PRIMARY KEY(`office_id`, `regency_code`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`regency_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `office_regencies_regency_idx` ON `office_regencies` (`regency_code`);--> statement-breakpoint
CREATE TABLE `offices` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`province_code` text NOT NULL,
	`time_zone` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`province_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offices_code_unique` ON `offices` (`code`);--> statement-breakpoint
CREATE INDEX `offices_parent_idx` ON `offices` (`parent_id`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`nik_hash` text NOT NULL,
	`nik_cipher` text NOT NULL,
	`nik_key_version` integer NOT NULL,
	`nik_masked` text NOT NULL,
	`full_name` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text NOT NULL,
	`phone` text,
	`village_code` text,
	`regency_code` text,
	`address` text,
	`time_zone` text DEFAULT 'WIB' NOT NULL,
	`kpj` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`regency_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_nikHash_unique` ON `participants` (`nik_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_kpj_unique` ON `participants` (`kpj`);--> statement-breakpoint
CREATE INDEX `participants_regency_idx` ON `participants` (`regency_code`);--> statement-breakpoint
CREATE TABLE `partner_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`phone` text,
	`email` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_contacts_partner_idx` ON `partner_contacts` (`partner_id`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`level` text NOT NULL,
	`area_code` text,
	`office_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `partners_office_idx` ON `partners` (`office_id`);--> statement-breakpoint
CREATE TABLE `rollup_cells` (
	`scope` text NOT NULL,
	`month` text NOT NULL,
	`dim` text NOT NULL,
	`key` text NOT NULL,
	`recorded` integer DEFAULT 0 NOT NULL,
	`verified` integer DEFAULT 0 NOT NULL,
	`registered` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`scope`, `month`, `dim`, `key`)
);
--> statement-breakpoint
CREATE TABLE `rollup_retention` (
	`scope` text NOT NULL,
	`cohort_month` text NOT NULL,
	`dim` text NOT NULL,
	`key` text NOT NULL,
	`signed_up` integer DEFAULT 0 NOT NULL,
	`registered` integer DEFAULT 0 NOT NULL,
	`first_payment` integer DEFAULT 0 NOT NULL,
	`active_m_3` integer DEFAULT 0 NOT NULL,
	`active_m_6` integer DEFAULT 0 NOT NULL,
	`active_m_12` integer DEFAULT 0 NOT NULL,
	`active_now` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`scope`, `cohort_month`, `dim`, `key`)
);
--> statement-breakpoint
CREATE TABLE `signups` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`event_id` text,
	`campaign_id` text,
	`import_batch_id` text,
	`source` text NOT NULL,
	`office_id` text NOT NULL,
	`regency_code` text,
	`occupation` text NOT NULL,
	`income_band` text NOT NULL,
	`jht` integer DEFAULT false NOT NULL,
	`payer` text NOT NULL,
	`sponsor_partner_id` text,
	`sponsored_from` text,
	`sponsored_until` text,
	`monthly_contribution` integer NOT NULL,
	`contribution_rule_id` text NOT NULL,
	`discount_id` text,
	`consent_version` text NOT NULL,
	`consent_at` text NOT NULL,
	`status` text DEFAULT 'recorded' NOT NULL,
	`reject_reason` text,
	`signup_month` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text,
	`payload_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`regency_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sponsor_partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `signups_event_idx` ON `signups` (`event_id`);--> statement-breakpoint
CREATE INDEX `signups_office_month_idx` ON `signups` (`office_id`,`signup_month`);--> statement-breakpoint
CREATE INDEX `signups_recorded_by_idx` ON `signups` (`recorded_by`);--> statement-breakpoint
CREATE INDEX `signups_import_idx` ON `signups` (`import_batch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `signups_participant_live_uq` ON `signups` (`participant_id`) WHERE status <> 'rejected';--> statement-breakpoint
CREATE TABLE `baselines` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`year` integer NOT NULL,
	`segment` text NOT NULL,
	`regency_code` text DEFAULT '' NOT NULL,
	`total` integer NOT NULL,
	`source` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `baselines_office_year_segment_regency_uq` ON `baselines` (`office_id`,`year`,`segment`,`regency_code`);--> statement-breakpoint
CREATE INDEX `baselines_office_idx` ON `baselines` (`office_id`);--> statement-breakpoint
CREATE TABLE `target_splits` (
	`target_id` text NOT NULL,
	`dimension` text NOT NULL,
	`key` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`target_id`, `dimension`, `key`),
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `targets` (
	`id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`year` integer NOT NULL,
	`segment` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`growth_bp` integer,
	`baseline_year` integer,
	`potential` integer,
	`starting_participants` integer,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_office_year_segment_uq` ON `targets` (`office_id`,`year`,`segment`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`office_id` text,
	`partner_id` text,
	`can_reveal_nik` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`last_login_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_office_idx` ON `users` (`office_id`);--> statement-breakpoint
CREATE INDEX `users_partner_idx` ON `users` (`partner_id`);