-- Issue 16, people: a person's name on every account, the right to manage the members of one's body, invitations,
-- and who acted for which body on the rows that record an action (audit, history, thread), written when the row is.

alter table account add column display_name varchar(200);
update account set display_name = username;
alter table account alter column display_name set not null;
alter table account add column manages_members boolean default false not null;

-- The person's name and the role and scope the account had when the row was written (none for the system).
alter table audit_entry add column actor_name varchar(200);
alter table audit_entry add column actor_role varchar(32);
alter table audit_entry add column actor_scope varchar(32);
alter table candidacy_event add column actor_name varchar(200);
alter table candidacy_event add column actor_role varchar(32);
alter table candidacy_event add column actor_scope varchar(32);
alter table message add column actor_name varchar(200);
alter table message add column actor_role varchar(32);
alter table message add column actor_scope varchar(32);

-- An invitation to join the inviter's body: its single-use token is kept only as its SHA-256 (hex).
create table invitation (
    token_hash   varchar(64)  primary key,
    email        varchar(254) not null,
    display_name varchar(200) not null,
    role         varchar(32)  not null,
    scope        varchar(32),
    invited_by   varchar(64)  not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    used_at      timestamp with time zone,
    used_by      varchar(64)
);
