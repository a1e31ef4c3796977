-- ProConnect (OpenID Connect) identities linked to Jalon accounts (issue 16): an identity is its issuer and its
-- subject, linked once, at its first sign-in, to the account whose e-mail it carries (verified); later sign-ins
-- find the account by the pair, whatever the e-mail has become. An account has one identity at most.
create table account_identity (
    issuer     varchar(255) not null,
    subject    varchar(255) not null,
    username   varchar(64)  not null references account (username),
    linked_at  timestamp with time zone not null,
    primary key (issuer, subject),
    constraint account_identity_one_per_account unique (username)
);

-- Password reset links (« Mot de passe oublié ») : the token only as its SHA-256 (hex), usable once, until expires_at.
create table password_reset (
    token_hash  varchar(64)  primary key,
    username    varchar(64)  not null references account (username),
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index password_reset_username on password_reset (username);
