-- Dengji portal index, SQLite (docs: client/portal/README.md). Same tables and columns as
-- migrations/postgres/0001_init.sql; src/schema.rs describes them and a test compares.
-- Every row keeps the block (number, hash) it came from.

CREATE TABLE cursor (
	id BIGINT NOT NULL PRIMARY KEY,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	block_time BIGINT NOT NULL,
	genesis TEXT NOT NULL
);

CREATE TABLE meta (
	key TEXT NOT NULL PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE institutions (
	division BIGINT NOT NULL,
	name TEXT,
	status TEXT,
	signing_key TEXT,
	filed_at BIGINT,
	taken_over_by BIGINT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (division)
);

CREATE TABLE subjects (
	uscc TEXT NOT NULL,
	name TEXT,
	division BIGINT,
	admitted_by BIGINT,
	admitted_at BIGINT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (uscc)
);

CREATE TABLE applications (
	id BIGINT NOT NULL,
	kind TEXT,
	object TEXT,
	subject TEXT,
	institution BIGINT,
	registration BIGINT,
	agreement BIGINT,
	data_name TEXT,
	summary TEXT,
	content_digest TEXT,
	state TEXT,
	submitted_at BIGINT,
	submitted_on BIGINT,
	submissions BIGINT,
	timer_kind TEXT,
	timer_started_on BIGINT,
	timer_due BIGINT,
	timer_provisional BIGINT,
	timer_handled BIGINT,
	publicity_opened_on BIGINT,
	publicity_closes_on BIGINT,
	publicity_provisional BIGINT,
	publicity_closed BIGINT,
	objections BIGINT,
	open_objections BIGINT,
	dispute_interested_party BIGINT,
	dispute_ownership BIGINT,
	decision TEXT,
	refusal TEXT,
	certificate TEXT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE deadlines (
	block_number BIGINT NOT NULL,
	event_index BIGINT NOT NULL,
	application BIGINT,
	objection BIGINT,
	kind TEXT,
	working_days BIGINT,
	due BIGINT,
	provisional BIGINT,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (block_number, event_index)
);

CREATE TABLE notices (
	application BIGINT NOT NULL,
	institution BIGINT,
	subject_name TEXT,
	kind TEXT,
	data_name TEXT,
	summary TEXT,
	opened_on BIGINT,
	closes_on BIGINT,
	provisional BIGINT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (application)
);

CREATE TABLE objections (
	id BIGINT NOT NULL,
	application BIGINT,
	objector_digest TEXT,
	content TEXT,
	evidence TEXT,
	lodged_on BIGINT,
	received_on BIGINT,
	rebuttal TEXT,
	decision TEXT,
	notified_at BIGINT,
	state TEXT,
	timer_kind TEXT,
	timer_due BIGINT,
	timer_provisional BIGINT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE registrations (
	id BIGINT NOT NULL,
	subject TEXT,
	object TEXT,
	institution BIGINT,
	data_name TEXT,
	content_digest TEXT,
	certificate TEXT,
	agreement BIGINT,
	agreement_suspended BIGINT,
	agreement_terminated BIGINT,
	dispute_interested_party BIGINT,
	dispute_ownership BIGINT,
	status TEXT,
	pending BIGINT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE certificates (
	code TEXT NOT NULL,
	registration BIGINT,
	act TEXT,
	object TEXT,
	subject TEXT,
	subject_name TEXT,
	data_name TEXT,
	content_digest TEXT,
	issuer BIGINT,
	issuer_key TEXT,
	issued_on BIGINT,
	issued_at BIGINT,
	valid_until BIGINT,
	previous TEXT,
	status TEXT,
	status_at BIGINT,
	status_detail TEXT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (code)
);

CREATE TABLE certificate_events (
	block_number BIGINT NOT NULL,
	event_index BIGINT NOT NULL,
	code TEXT,
	event TEXT,
	detail TEXT,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (block_number, event_index)
);

CREATE TABLE agreements (
	id BIGINT NOT NULL,
	implementer TEXT,
	operator TEXT,
	term_start BIGINT,
	term_end BIGINT,
	document TEXT,
	status TEXT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE supervision (
	block_number BIGINT NOT NULL,
	event_index BIGINT NOT NULL,
	institution BIGINT,
	application BIGINT,
	objection BIGINT,
	deadline TEXT,
	due BIGINT,
	provisional BIGINT,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (block_number, event_index)
);

CREATE TABLE calendar_years (
	year BIGINT NOT NULL,
	holidays TEXT,
	makeup_workdays TEXT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (year)
);

CREATE TABLE clock (
	id BIGINT NOT NULL,
	origin_ms BIGINT,
	origin_day BIGINT,
	day_length_ms BIGINT,
	block_number BIGINT NOT NULL,
	block_hash TEXT NOT NULL,
	PRIMARY KEY (id)
);

CREATE INDEX applications_institution ON applications (institution, state, timer_due);
CREATE INDEX applications_subject ON applications (subject);
CREATE INDEX applications_registration ON applications (registration);
CREATE INDEX applications_state ON applications (state, publicity_closes_on);
CREATE INDEX applications_submitted_on ON applications (submitted_on);
CREATE INDEX objections_application ON objections (application);
CREATE INDEX certificates_registration ON certificates (registration);
CREATE INDEX certificate_events_code ON certificate_events (code);
CREATE INDEX registrations_subject ON registrations (subject);

-- Chinese full-text search on data names and summaries: FTS5 trigram tokenizer (substring
-- matching for queries of 3 or more characters; shorter ones fall back to LIKE).
CREATE VIRTUAL TABLE applications_fts USING fts5(data_name, summary, tokenize = 'trigram');
