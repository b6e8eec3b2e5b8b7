-- Dengji portal index, SQLite, migration 5 (PostgreSQL: migrations/postgres/0005_gram_collation.sql):
-- the grams of migration 3 as a full-text index instead of rows (issue 12 "Speed"). Each
-- application is one entry of an FTS5 table whose rowid is the application id and whose tokens
-- are its grams (every distinct character and pair of adjacent characters of its data name and
-- summary, lower-cased), each written as the hex of its UTF-8 bytes so that the tokenizer keeps
-- it whole. FTS5 keeps, for each token, the ids in order: the holders of a gram are read newest
-- first (the chain numbers applications in submission order) and the read stops after the page.
-- A catch-up of the 10^4 bulk chain wrote 804 405 gram rows, the largest single cost of its
-- writes. Contentless (the texts are in application_text), with deletes (a changed text).
-- The entries of the applications already indexed are made from application_text when the index
-- is next opened (meta gram_index_fill; the portal fills them in slices, then removes the key).

DROP TABLE application_grams;
CREATE VIRTUAL TABLE application_grams USING fts5(
	grams,
	content = '',
	contentless_delete = 1,
	detail = none
);
INSERT INTO meta (key, value)
SELECT 'gram_index_fill', '-1' WHERE EXISTS (SELECT 1 FROM application_text);
