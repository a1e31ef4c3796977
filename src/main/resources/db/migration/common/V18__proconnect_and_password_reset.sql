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

-- The bodies whose agents may get an account at their first ProConnect sign-in, without one made beforehand: an
-- administrator's allow-list, by the domain of a verified e-mail (« ddt-tarn.gouv.fr »), each with the role and
-- scope its new accounts get.
create table proconnect_allowed_body (
    email_domain  varchar(253) primary key,
    role          varchar(32)  not null,
    scope         varchar(32),
    created_at    timestamp with time zone not null,
    created_by    varchar(64)  not null
);
