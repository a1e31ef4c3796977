-- Documents are never deleted: a new version supersedes the old one, a withdrawn one leaves the dossier, and a
-- request for changes on the step a document belongs to marks it « à compléter »; all kept, with their bytes.
alter table document add column superseded_by varchar(36) references document (id);
alter table document add column superseded_at timestamp with time zone;
alter table document add column withdrawn_by varchar(64);
alter table document add column withdrawn_at timestamp with time zone;
alter table document add column changes_requested_at timestamp with time zone;

-- Deposit receipts (« accusés de réception »): one per submission of the collectivité, numbered per candidacy,
-- with the documents its dossier held then (their metadata and bytes never change: the PDF is drawn from them).
create table deposit_receipt (
    id           varchar(36)  primary key,
    candidacy_id varchar(36)  not null references candidacy (id),
    number       integer      not null,
    step         varchar(64)  not null,
    stage        varchar(32)  not null,
    actor        varchar(64)  not null,
    at           timestamp with time zone not null,
    constraint deposit_receipt_unique unique (candidacy_id, number)
);

create table deposit_receipt_document (
    receipt_id  varchar(36) not null references deposit_receipt (id),
    line        integer     not null,
    document_id varchar(36) not null references document (id),
    primary key (receipt_id, line)
);
create index deposit_receipt_document_document on deposit_receipt_document (document_id);
