CREATE TABLE `import_chunks` (
	`batch_id` text NOT NULL,
	`chunk_index` integer NOT NULL,
	`row_count` integer NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`batch_id`, `chunk_index`),
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `import_batches` ADD `format` text;--> statement-breakpoint
ALTER TABLE `import_batches` ADD `file_bytes` integer;--> statement-breakpoint
ALTER TABLE `import_batches` ADD `total_chunks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_batches` ADD `defaults` text;