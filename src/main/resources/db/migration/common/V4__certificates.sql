-- The certificates Jalon issues (label, charter recognition, PVD engagement) and their PDFs,
-- apart so that listings never load the bytes. A certificate is never deleted: it is revoked.
create table certificate (
    code                varchar(20)   primary key,
    candidacy_id        varchar(36)   not null references candidacy (id),
    kind                varchar(32)   not null,
    programme           varchar(32)   not null,
    level_reached       varchar(300)  not null,
    collectivite        varchar(32)   not null,
    collectivite_name   varchar(200)  not null,
    title               varchar(200)  not null,
    decided_by          varchar(300)  not null,
    decided_at          timestamp with time zone not null,
    referential_version integer       not null,
    issued_at           timestamp with time zone not null,
    sha256              varchar(64)   not null,
    revoked_at          timestamp with time zone,
    revocation_reason   varchar(500)
);
create index certificate_candidacy on certificate (candidacy_id);

create table certificate_pdf (
    code    varchar(20) primary key references certificate (code),
    content bytea not null
);
