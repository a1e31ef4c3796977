-- Every French collectivité from the official data (fr.jalon.collectivite.OfficialCollectivites), issue 17.
-- A region's code becomes REG-<INSEE code>: a region and a département may share a number (76 is Occitanie and
-- Seine-Maritime), and a département keeps its bare code. A delegated or associated commune is COMD-/COMA-<INSEE
-- code> (INSEE gives it its parent's code when it holds the town hall) and names its commune in parent.
update collectivite set code = 'REG-' || code where kind = 'REGION' and code not like 'REG-%';

alter table collectivite add column siren varchar(9);
alter table collectivite add column parent varchar(32);
create index collectivite_epci on collectivite (epci);
create index collectivite_parent on collectivite (parent);

-- The words of each body's search_name (Collectivite.searchable): a search finds the words starting with the
-- query's longest word by a range of this primary key, on H2 and PostgreSQL alike, then checks the other words.
create table collectivite_word (
    word varchar(100) not null,
    code varchar(32)  not null references collectivite (code) on delete cascade,
    primary key (word, code)
);
create index collectivite_word_code on collectivite_word (code);

-- Each import of the official data: when, from what (digest: SHA-256 of the files' JSON), how many bodies of each
-- kind, how many added and updated, and how long it took (duration_ms, from reading the files to the last batch).
create table collectivite_import (
    id           varchar(36)  primary key,
    imported_at  timestamp with time zone not null,
    duration_ms  integer      not null,
    source       varchar(200) not null,
    digest       varchar(64)  not null,
    regions      integer      not null,
    departements integer      not null,
    communes     integer      not null,
    delegated    integer      not null,
    epcis        integer      not null,
    inserted     integer      not null,
    updated      integer      not null
);
