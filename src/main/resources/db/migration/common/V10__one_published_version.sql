-- At most one published version per programme, guarded by the same SQL on H2 and PostgreSQL:
-- published_programme is the programme while the version is PUBLISHED and null otherwise (written by
-- ReferentialVersion with its status, any other value refused by the check), and a unique index admits
-- one row per programme and any number of nulls.
--
-- A database created while H2 and PostgreSQL had scripts of their own (before this one) holds V8's older
-- guard under the same index name: on PostgreSQL a partial unique index on programme, on H2 a generated
-- column published_programme. Both go first, so that old and new databases end the same. The index is named
-- in the migrated schema, never another one on PostgreSQL's search path.
drop index if exists "${flyway:defaultSchema}".referential_version_one_published;
alter table referential_version drop column if exists published_programme;

alter table referential_version add column published_programme varchar(32);
update referential_version set published_programme = programme where status = 'PUBLISHED';
alter table referential_version add constraint referential_version_published_programme
    check (published_programme is not distinct from (case when status = 'PUBLISHED' then programme end));
create unique index referential_version_one_published on referential_version (published_programme);

-- The old H2 scripts typed contents as large objects (character/binary large object); the one script set
-- spells them as PostgreSQL does, which H2 reads as CHARACTER VARYING and BINARY VARYING (up to
-- 1,000,000,000 characters or bytes, far above the 20 MB upload limit). Already so on PostgreSQL, where
-- these statements change nothing and rewrite nothing.
alter table referential_version alter column content set data type text;
alter table document_content alter column content set data type bytea;
alter table certificate_pdf alter column content set data type bytea;
