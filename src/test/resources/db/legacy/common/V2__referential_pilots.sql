-- The collectivités on which a referential version is piloted before general use.
create table referential_pilot (
    referential_id varchar(64) not null references referential_version (id),
    collectivite   varchar(32) not null,
    primary key (referential_id, collectivite)
);
create index referential_pilot_collectivite on referential_pilot (collectivite);
