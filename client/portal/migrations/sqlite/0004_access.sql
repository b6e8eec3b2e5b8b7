-- Dengji portal index, SQLite, migration 4 (same as migrations/postgres/0004_access.sql):
-- who may see what (issue 10; requirements §6 Q24, Q26). subjects.accounts: the accounts that act
-- as the subject (`SubjectRecord.accounts`, comma-separated 0x hex; public on chain), against
-- which a consent token's signer is checked; filled when the subject's record is next indexed.
-- consented_queries: the log of each query of a certificate's details made with the holder's
-- consent token (Q24 "query logging", Q26 "record any consented disclosure"): when, which
-- certificate, which verifier key, the token's digest, its signer and the certificate's subject.
-- Keyed by the verifier's request signature: a replayed request is refused. Not part of the
-- chain index (not compared by `dengji-portal check`).

ALTER TABLE subjects ADD COLUMN accounts TEXT;

CREATE TABLE consented_queries (
	request_signature TEXT PRIMARY KEY,
	queried_at BIGINT NOT NULL,
	code TEXT NOT NULL,
	verifier TEXT NOT NULL,
	token_digest TEXT NOT NULL,
	signer TEXT NOT NULL,
	subject TEXT NOT NULL
);

CREATE INDEX consented_queries_code ON consented_queries (code, queried_at);
