-- Petites villes de demain: campaigns, eligibility facts about communes, the project-manager subsidy.
create table campaign (
    id           varchar(36)  primary key,
    programme    varchar(32)  not null,
    region       varchar(3)   not null,
    title        varchar(200) not null,
    closes_at    timestamp with time zone not null,
    created_by   varchar(64)  not null,
    created_at   timestamp with time zone not null,
    announced_at timestamp with time zone,
    announced_by varchar(64),
    version      bigint       not null
);
create index campaign_region on campaign (region);

alter table collectivite add column action_coeur_de_ville boolean not null default false;
alter table collectivite add column large_urban_pole boolean not null default false;

alter table candidacy add column project_manager_cost double precision;
alter table candidacy add column anah_participates boolean;
alter table candidacy add column subsidy double precision;
create index candidacy_campaign on candidacy (campaign);
