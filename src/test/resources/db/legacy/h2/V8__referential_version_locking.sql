-- Administrator writes that cannot race. A referential version carries a row version: a change made on a
-- stale copy is refused. At most one version of a programme is published, guarded by the database beside
-- the application's lock on the programme's versions.

alter table referential_version add column row_version bigint not null default 0;

-- Before the guard: a programme that two concurrent publications left with two published versions keeps
-- the newest, the one the application already gave new candidacies; the others retire.
update referential_version set status = 'RETIRED'
    where status = 'PUBLISHED'
      and exists (select 1 from referential_version newer
                  where newer.programme = referential_version.programme
                    and newer.status = 'PUBLISHED'
                    and newer.version > referential_version.version);

-- H2 has no partial index: the programme of the published version only, null for the others (a unique
-- index admits any number of nulls), is PostgreSQL's unique index on programme where status = 'PUBLISHED'.
alter table referential_version add column published_programme varchar(32)
    generated always as (case when status = 'PUBLISHED' then programme end);
create unique index referential_version_one_published on referential_version (published_programme);
