-- Dengji portal index, SQLite, migration 2 (same as migrations/postgres/0002_history.sql):
-- registration storage v1 (objector notices, LifecyclePending), objection clock start day, and
-- the application/objection history. Columns are appended (src/schema.rs lists them last).

ALTER TABLE objections ADD COLUMN objector_notified_at BIGINT;
ALTER TABLE objections ADD COLUMN timer_started_on BIGINT;
ALTER TABLE registrations ADD COLUMN lifecycle_pending BIGINT;

CREATE TABLE application_events (
	block_number BIGINT NOT NULL,
	event_index BIGINT NOT NULL,
	application BIGINT,
	objection BIGINT,
	event TEXT,
	application_state TEXT,
	objection_state TEXT,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (block_number, event_index)
);

CREATE INDEX application_events_application ON application_events (application);
CREATE INDEX application_events_objection ON application_events (objection);
CREATE INDEX notices_closes_on ON notices (closes_on, application);
