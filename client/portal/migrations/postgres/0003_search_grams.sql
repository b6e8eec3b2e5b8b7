-- Dengji portal index, PostgreSQL, migration 3 (same as migrations/sqlite/0003_search_grams.sql):
-- one- and two-character search (issue 12 "Speed"). Trigram indexes (FTS5 `trigram`, `pg_trgm`)
-- cannot serve texts shorter than three characters, and a short Chinese word such as 数据 occurs
-- in most data names: every such query scanned and sorted the applications. application_grams
-- lists, for each application, every distinct character and pair of adjacent characters of its
-- data name and summary (lower-cased), keyed so that the applications holding a gram are read
-- newest first straight from the index (the search's order: submitted_at DESC, id DESC).
-- application_text is the text the grams and the full-text entry were made from: an application
-- row rewritten with the same text leaves both untouched. Filled by the indexer (Op::Fts); an
-- index created before this migration is filled from its applications when opened.

CREATE TABLE application_text (
	application BIGINT PRIMARY KEY,
	data_name TEXT NOT NULL,
	summary TEXT NOT NULL,
	submitted_at BIGINT NOT NULL
);

CREATE TABLE application_grams (
	gram TEXT NOT NULL,
	submitted_at BIGINT NOT NULL,
	application BIGINT NOT NULL,
	PRIMARY KEY (gram, submitted_at, application)
);
