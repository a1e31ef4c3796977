-- Personal API tokens (fr.jalon.security.ApiTokenService): a script sends "Authorization: Bearer jalon_<id>_<secret>".
-- The public id finds the row without scanning and names the token where it leaks (jalon_<id> is its prefix); the
-- secret, 256 random bits, is kept only as its SHA-256 (hex), never as it is. A revoked token's row is deleted; an
-- expired one stays, refused, until its owner revokes it. last_used_at is written at most once a minute per token.
create table api_token (
    id           varchar(16)  primary key,
    username     varchar(64)  not null references account (username),
    name         varchar(100) not null,
    secret_hash  varchar(64)  not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    last_used_at timestamp with time zone
);

create index api_token_username on api_token (username);
