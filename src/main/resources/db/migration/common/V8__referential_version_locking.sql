-- Administrator writes that cannot race. A referential version carries a row version: a change made on a
-- stale copy is refused. At most one version of a programme is published: V10 adds the database's guard
-- beside the application's lock on the programme's versions.

alter table referential_version add column row_version bigint not null default 0;

-- Before the guard: a programme that two concurrent publications left with two published versions keeps
-- the newest, the one the application already gave new candidacies; the others retire.
update referential_version set status = 'RETIRED'
    where status = 'PUBLISHED'
      and exists (select 1 from referential_version newer
                  where newer.programme = referential_version.programme
                    and newer.status = 'PUBLISHED'
                    and newer.version > referential_version.version);
