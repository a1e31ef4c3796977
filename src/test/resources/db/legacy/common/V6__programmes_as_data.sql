-- Programmes as data: a candidacy runs one version of its programme's process and keeps it; its dossier
-- holds the data fields its programme declares; a certificate prints what its programme declared.
alter table candidacy add column programme_version integer;

create table candidacy_data (
    candidacy_id varchar(36)   not null references candidacy (id),
    name         varchar(64)   not null,
    field_value  varchar(4000) not null,
    primary key (candidacy_id, name)
);

-- The project-manager funding of Petites villes de demain was two columns; it becomes two data fields
-- (the subsidy is computed from them by the candidacy's referential version, never stored).
insert into candidacy_data (candidacy_id, name, field_value)
    select id, 'projectManagerAnnualCost', cast(project_manager_cost as varchar(64)) from candidacy
    where project_manager_cost is not null;
insert into candidacy_data (candidacy_id, name, field_value)
    select id, 'anahParticipates', case when anah_participates then 'true' else 'false' end from candidacy
    where anah_participates is not null;
alter table candidacy drop column project_manager_cost;
alter table candidacy drop column anah_participates;
alter table candidacy drop column subsidy;

alter table certificate add column heading varchar(300);
alter table certificate add column programme_name varchar(200);
update certificate set programme_name = case programme
    when 'ecoquartier' then 'EcoQuartier' when 'pvd' then 'Petites villes de demain' else programme end;
update certificate set heading = case kind
    when 'CHARTER_RECOGNITION' then 'Reconnaissance de la signature de la charte'
    when 'LABEL' then 'Certificat de label'
    when 'PVD_ENGAGEMENT' then 'Certificat d’engagement' else kind end;
alter table certificate alter column heading set not null;
alter table certificate alter column programme_name set not null;
