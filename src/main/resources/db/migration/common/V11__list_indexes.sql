-- Indexes for what the lists filter, sort and count on (paginated lists, the administrators' dashboard); the
-- scopes' columns of candidacy (collectivite, departement, region, campaign) and the child tables' candidacy_id
-- have theirs since V1/V3/V5.

-- Candidacies: a page in creation order (every list pages on created_at, then id), filtered by programme, stage
-- and status; the dashboard's counts group on programme, stage, status (and region) and count by creation month.
create index candidacy_created_at on candidacy (created_at, id);
create index candidacy_programme_stage_status on candidacy (programme, stage, status, created_at);
create index candidacy_status on candidacy (status, created_at);
create index candidacy_stage on candidacy (stage, created_at);
-- A collectivité sees the candidacies it is a partner of: candidacy_partner's key starts with candidacy_id.
create index candidacy_partner_partner on candidacy_partner (partner);

-- Campaigns of a programme, in creation order.
create index campaign_programme on campaign (programme, created_at);

-- The audit trail filtered by action (actor, candidacy and time have theirs since V5).
create index audit_entry_action on audit_entry (action, at);

-- Collectivités listed by name (the search's order) and filtered by kind.
create index collectivite_name on collectivite (name);
create index collectivite_kind on collectivite (kind);
