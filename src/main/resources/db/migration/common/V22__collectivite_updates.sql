-- The yearly updates of the official data (fr.jalon.collectivite.CollectiviteUpdates), issue 17.
-- A commune merged into a commune nouvelle names it in successor, and the day it ended (the data set's date); a
-- commune the data set no longer lists, merged into none, has its ended_on only. Its row stays: its candidacies
-- still point to it.
alter table collectivite add column successor varchar(32);
alter table collectivite add column ended_on date;

-- The official data set's date (its millésime) of each import; none for the first one, from the jar.
alter table collectivite_import add column valid_from date;

-- An uploaded data set, from its preview to its application (or its discarding): the files as uploaded,
-- gzipped (departements and regions: none when the current ones stay), their digest (SHA-256 of their JSON).
create table collectivite_update (
    id           varchar(36)  primary key,
    uploaded_at  timestamp with time zone not null,
    uploaded_by  varchar(100) not null,
    valid_from   date         not null,
    source       varchar(200) not null,
    digest       varchar(64)  not null,
    status       varchar(16)  not null,
    applied_at   timestamp with time zone,
    communes     bytea        not null,
    epci         bytea        not null,
    departements bytea,
    regions      bytea
);
