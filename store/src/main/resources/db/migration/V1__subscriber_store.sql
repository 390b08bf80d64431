-- The subscriber store (docs/store.md). One file for PostgreSQL and for the embedded H2 in its
-- PostgreSQL mode: only types and statements both understand.

-- Accounts. The password is the secret itself: the 4-way login digest is computed over it.
CREATE TABLE account (
    user_id      VARCHAR(255)             NOT NULL PRIMARY KEY,
    password     VARCHAR(255)             NOT NULL,
    enabled      BOOLEAN                  NOT NULL,
    display_name VARCHAR(255),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per user: the value a service keeps for that user, in the serialized form of the
-- service's own type.
CREATE TABLE contact_lists (
    user_id    VARCHAR(255)             NOT NULL PRIMARY KEY,
    data       BYTEA                    NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE block_lists (
    user_id    VARCHAR(255)             NOT NULL PRIMARY KEY,
    data       BYTEA                    NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE presence_authorizations (
    user_id    VARCHAR(255)             NOT NULL PRIMARY KEY,
    data       BYTEA                    NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE group_auto_join (
    user_id    VARCHAR(255)             NOT NULL PRIMARY KEY,
    data       BYTEA                    NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE offline_messages (
    user_id    VARCHAR(255)             NOT NULL PRIMARY KEY,
    data       BYTEA                    NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Discussion groups by group address (owner, properties, welcome note, joined members).
CREATE TABLE discussion_groups (
    group_id   VARCHAR(512)             NOT NULL PRIMARY KEY,
    data       BYTEA                    NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Delivery reports a sender asked for, by Message-ID, until they are sent or expire.
CREATE TABLE delivery_reports (
    message_id VARCHAR(255)             NOT NULL PRIMARY KEY,
    data       BYTEA                    NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX delivery_reports_expiry ON delivery_reports (expires_at);

-- Facts about the store itself, e.g. that the users file was imported once (store.seedUsers).
CREATE TABLE store_meta (
    name  VARCHAR(64)  NOT NULL PRIMARY KEY,
    content VARCHAR(255) NOT NULL
);
