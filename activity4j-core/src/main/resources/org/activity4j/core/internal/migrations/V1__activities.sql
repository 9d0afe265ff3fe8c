-- activity4j activity store, version 1. ${schema} is the store's schema, quoted.
-- Every row belongs to an account; every query of the store names its account.

CREATE TABLE ${schema}.person (
    account      text   NOT NULL,
    id           bigint NOT NULL,
    name         text   NOT NULL,
    email        text   NOT NULL,
    email_folded text   NOT NULL,  -- email with ASCII letters lowercased, what creator: matches
    PRIMARY KEY (account, id)
);
CREATE INDEX person_email ON ${schema}.person (account, email_folded);

CREATE TABLE ${schema}.computer (
    account      text    NOT NULL,
    id           bigint  NOT NULL,
    hostname     text    NOT NULL,
    title        text    NOT NULL,
    access_group text    NOT NULL,
    distribution text,
    needs_reboot boolean NOT NULL,
    PRIMARY KEY (account, id)
);

CREATE TABLE ${schema}.computer_tag (
    account     text   NOT NULL,
    computer_id bigint NOT NULL,
    tag         text   NOT NULL,
    PRIMARY KEY (account, computer_id, tag)
);
CREATE INDEX computer_tag_by_tag ON ${schema}.computer_tag (account, tag, computer_id);

CREATE TABLE ${schema}.computer_alert (
    account     text   NOT NULL,
    computer_id bigint NOT NULL,
    alert       text   NOT NULL,
    PRIMARY KEY (account, computer_id, alert)
);
CREATE INDEX computer_alert_by_alert ON ${schema}.computer_alert (account, alert, computer_id);

CREATE TABLE ${schema}.computer_annotation (
    account     text   NOT NULL,
    computer_id bigint NOT NULL,
    key         text   NOT NULL,
    value       text   NOT NULL,
    PRIMARY KEY (account, computer_id, key)
);
CREATE INDEX computer_annotation_by_key ON ${schema}.computer_annotation (account, key, value, computer_id);

CREATE SEQUENCE ${schema}.activity_id;

CREATE TABLE ${schema}.activity (
    id                 bigint      PRIMARY KEY,
    account            text        NOT NULL,
    parent_id          bigint,
    computer_id        bigint,
    creator_id         bigint      NOT NULL,
    type               text        NOT NULL,
    status             text        NOT NULL,
    summary            text        NOT NULL,
    result_text        text,
    result_code        integer,
    progress           integer,
    creation_time      timestamptz NOT NULL,
    delivery_time      timestamptz,
    completion_time    timestamptz,
    modification_time  timestamptz NOT NULL,
    approval_time      timestamptz,
    deliver_after_time timestamptz,
    details            text        NOT NULL  -- JSON object text, kept verbatim (member order included)
);
CREATE INDEX activity_newest ON ${schema}.activity (account, creation_time DESC, id DESC);
CREATE INDEX activity_by_status ON ${schema}.activity (account, status, creation_time DESC, id DESC);
CREATE INDEX activity_by_type ON ${schema}.activity (account, type, creation_time DESC, id DESC);
CREATE INDEX activity_by_computer ON ${schema}.activity (account, computer_id, creation_time DESC, id DESC);
CREATE INDEX activity_by_creator ON ${schema}.activity (account, creator_id, creation_time DESC, id DESC);
CREATE INDEX activity_by_parent ON ${schema}.activity (account, parent_id);
