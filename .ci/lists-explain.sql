-- The lists' queries on 100,000 more candidacies, with their plans (EXPLAIN ANALYZE): run by .ci/lists-explain on the
-- throw-away database that PaginatedListsTests has just migrated and filled. Which index each uses, and its time.
\timing on
select count(*) as candidacies_before from candidacy;
select count(*) as collectivites from collectivite;
insert into candidacy (id, programme, collectivite, departement, region, title, stage, status, referential_version, created_at, updated_at, version)
select gen_random_uuid()::text, (array['ecoquartier','pvd','vpah'])[1 + i % 3], c.code, c.departement, c.region,
       'Bench ' || i, (array['CHARTER','CONTRACT','PILOT_TEST','VALIDATION'])[1 + i % 4],
       (array['IN_PROGRESS','IN_PROGRESS','WITHDRAWN','LABELLED'])[1 + i % 4], 1,
       now() - (i || ' minutes')::interval, now(), 0
from generate_series(1, 100000) i
join (select code, departement, region, row_number() over (order by code) - 1 as n from collectivite) c
  on c.n = i % (select count(*) from collectivite);
insert into candidacy_partner (candidacy_id, partner)
select id, (select code from collectivite where kind <> 'COMMUNE' order by code limit 1) from candidacy where title like 'Bench %' and title like '%7';
vacuum analyze;
\echo '--- administrator: a page, newest first'
explain analyze select * from candidacy c order by c.created_at desc, c.id desc offset 0 rows fetch first 50 rows only;
\echo '--- administrator: its count'
explain analyze select count(c.id) from candidacy c;
\echo '--- DDT 81: programmes, departement, page oldest first'
explain analyze select * from candidacy c where c.programme in ('ecoquartier','pvd') and c.departement = '81' order by c.created_at, c.id offset 0 rows fetch first 50 rows only;
explain analyze select count(c.id) from candidacy c where c.programme in ('ecoquartier','pvd') and c.departement = '81';
\echo '--- region 76, filtered by stage and status'
explain analyze select * from candidacy c where c.programme in ('ecoquartier') and c.region = '76' and c.stage = 'CONTRACT' and c.status = 'IN_PROGRESS' order by c.created_at, c.id offset 0 rows fetch first 50 rows only;
\echo '--- admin filtered: programme, stage, status'
explain analyze select * from candidacy c where c.programme = 'pvd' and c.stage = 'CONTRACT' and c.status = 'WITHDRAWN' order by c.created_at, c.id offset 0 rows fetch first 50 rows only;
explain analyze select * from candidacy c where c.status = 'LABELLED' order by c.created_at, c.id offset 0 rows fetch first 50 rows only;
\echo '--- collectivité: own or partner'
explain analyze select candidacy_id from candidacy_partner where partner = (select code from collectivite where kind <> 'COMMUNE' order by code limit 1);
\set partnerof `psql -h 127.0.0.1 -p $PGPORT -U jalon -d jalon -Atc "select string_agg(quote_literal(candidacy_id), ',') from (select candidacy_id from candidacy_partner where partner = (select code from collectivite where kind <> 'COMMUNE' order by code limit 1) limit 500) x"`
explain analyze select * from candidacy c where (c.collectivite = '81004' or c.id in (:partnerof)) order by c.created_at, c.id offset 0 rows fetch first 50 rows only;
explain analyze select count(c.id) from candidacy c where (c.collectivite = '81004' or c.id in (:partnerof));
\echo '--- the former form, for comparison'
explain analyze select count(c.id) from candidacy c where (c.collectivite = '81004' or exists(select 1 from candidacy_partner p1_0 where c.id = p1_0.candidacy_id and p1_0.partner = '81004'));
\echo '--- a page s collections (batch of 50)'
explain analyze select * from candidacy_event h where h.candidacy_id = any (array(select id from candidacy order by created_at desc limit 50)) order by h.id;
\echo '--- dashboard: groups, months'
explain analyze select c.programme, c.stage, c.status, c.region, count(c.id), min(c.created_at) from candidacy c group by c.programme, c.stage, c.status, c.region order by min(c.created_at);
explain analyze select count(case when c.created_at >= now() - interval '30 days' and c.created_at < now() then 1 end), count(case when c.created_at >= now() - interval '60 days' and c.created_at < now() - interval '30 days' then 1 end) from candidacy c where c.created_at >= now() - interval '60 days' and c.created_at < now();
\echo '--- collectivités by name, a word'
explain analyze select * from collectivite c where c.search_name like '%albi%' order by c.name, c.code offset 0 rows fetch first 50 rows only;
explain analyze select * from collectivite c order by c.name, c.code offset 0 rows fetch first 50 rows only;
\echo '--- audit by action'
explain analyze select * from audit_entry a where a.action = 'CANDIDACY_SUBMITTED' order by a.at desc, a.id desc fetch first 50 rows only;
