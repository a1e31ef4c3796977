-- A session follows its account: every change that must end the account's open sessions (disabling,
-- re-scoping, a new password) counts one more credentials version; a page session signed in under an
-- older version is ended at its next request, on every node.
alter table account add column credentials_version integer not null default 0;

-- Failed logins, shared by all nodes: one row per account name ('account:…') and per source address
-- ('address:…') with recent failures. A row is forgotten a day after its last failure, never while locked.
create table login_failure (
    subject         varchar(100) primary key,
    failures        integer      not null,
    last_failure_at timestamp with time zone not null,
    locked_until    timestamp with time zone
);

create index login_failure_last_failure on login_failure (last_failure_at);
