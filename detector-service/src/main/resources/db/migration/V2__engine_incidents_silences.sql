-- The detectors now learn in memory (detection module's engine) and persist their state as checkpoints, so the
-- per-span latency samples and per-handler rows of V1 go.
drop table latency_sample;
drop table latency_handler;

-- The engine's state: one row per engine, replaced at every checkpoint. The snapshot holds every detector's
-- baselines, the open traces and the feedback applied; offsets are the next Kafka offset per topic-partition
-- that the snapshot does NOT include yet, so a restart resumes exactly there (records before are skipped).
create table engine_checkpoint (
    engine_id     varchar(64)  primary key,
    saved_at      timestamptz  not null,
    watermark     timestamptz  not null,
    events        bigint       not null,
    offsets       text         not null, -- JSON object {"topic/partition": next offset}
    snapshot      bytea        not null  -- gzip'd JSON
);

-- A problem, however many findings it took: findings with the same fingerprint (capability, service, handler,
-- signature) join the open incident of that fingerprint until it has been quiet for the resolve time (event
-- time), so a storm is one incident with a count.
create table incident (
    id                varchar(64)      primary key,
    fingerprint       varchar(16)      not null,
    capability        varchar(32)      not null,
    service           varchar(255)     not null,
    handler           varchar(512)     not null,
    signature         varchar(512)     not null,
    version           varchar(255)     not null,
    status            varchar(16)      not null, -- OPEN or RESOLVED
    severity          varchar(16)      not null,
    score             double precision not null, -- the highest score of its findings
    findings          integer          not null,
    summary           text             not null,
    figures           text             not null,
    details           text             not null,
    example_trace_ids text             not null,
    onset             timestamptz      not null, -- event time of the first evidence
    first_seen        timestamptz      not null, -- event time of the first finding
    last_seen         timestamptz      not null, -- event time of the latest finding
    opened_at         timestamptz      not null, -- wall clock
    updated_at        timestamptz      not null, -- wall clock
    resolved_at       timestamptz,
    resolution        varchar(32),               -- QUIET or FALSE_POSITIVE
    silence_id        varchar(64),               -- the silence that held it back, when one did
    anomaly_id        varchar(64),               -- the anomaly published for it, when published
    feedback          varchar(16),               -- FALSE_POSITIVE or CONFIRMED, the latest
    version_no        integer          not null default 0
);

-- At most one open incident per fingerprint.
create unique index incident_open_fingerprint_idx on incident (fingerprint) where status = 'OPEN';
create index incident_recent_idx on incident (first_seen desc, id);
create index incident_service_idx on incident (service, first_seen desc);

-- Every judgement people gave, append-only; the engine applies it, and re-applies those newer than its
-- checkpoint after a restart.
create table incident_feedback (
    id          varchar(64)  primary key,
    incident_id varchar(64)  not null references incident (id),
    verdict     varchar(16)  not null,
    given_by    varchar(255) not null,
    comment     text,
    given_at    timestamptz  not null
);

create index incident_feedback_time_idx on incident_feedback (given_at);

-- Silences: while one matches (null matches anything), a new incident is recorded but no anomaly published.
create table silence (
    id          varchar(64)  primary key,
    capability  varchar(32),
    service     varchar(255),
    handler     varchar(512),
    signature   varchar(512),
    reason      text         not null,
    created_by  varchar(255) not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null
);

create index silence_active_idx on silence (expires_at);

-- Each anomaly now belongs to the incident it opened.
alter table anomaly add column incident_id varchar(64);
alter table anomaly add column signature varchar(512);
