-- Dengji portal index, PostgreSQL, migration 5 (SQLite: migrations/sqlite/0005_gram_index.sql):
-- the grams of migration 3 compared byte by byte (collation "C") instead of by the database's
-- collation. The gram index is only ever looked up by equality, which is the same either way; a
-- collation other than C (e.g. C.UTF-8, which PostgreSQL 15 compares through strcoll) made each
-- comparison of its B-tree slower: blocks 1..370 of the 10^4 bulk chain indexed in 9.8 s instead
-- of 10.5 s (medians of 3, interleaved). Rewrites the table and its key once.

ALTER TABLE application_grams ALTER COLUMN gram TYPE TEXT COLLATE "C";
