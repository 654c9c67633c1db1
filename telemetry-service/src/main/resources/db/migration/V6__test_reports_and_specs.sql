-- Evidence CI sends: test reports (JaCoCo coverage, JUnit results) and OpenAPI documents, per service version.
-- Only what the REST summaries need is kept here; the full detail travels on selfheal.telemetry.v1.

-- One row per report, keyed by its content-hashed id, so a resent report is stored once.
create table test_report (
    id                    varchar(16)  primary key,
    service               varchar(255) not null,
    version               varchar(255) not null,
    format                varchar(8)   not null, -- JACOCO or JUNIT
    name                  text,
    received_at           timestamptz  not null,
    parts                 integer      not null, -- events the report was published in
    items                 integer      not null, -- classes (JACOCO) or test cases (JUNIT)
    methods               integer,               -- JACOCO: methods of all classes
    instructions_missed   integer,
    instructions_covered  integer,
    branches_missed       integer,
    branches_covered      integer,
    lines_missed          integer,
    lines_covered         integer,
    methods_missed        integer,
    methods_covered       integer,
    classes_missed        integer,
    classes_covered       integer,
    tests                 integer,               -- JUNIT totals, counted from the test cases
    passed                integer,
    failed                integer,
    errors                integer,
    skipped               integer,
    time_seconds          double precision
);

create index test_report_latest_idx on test_report (service, version, format, received_at desc);

-- The OpenAPI document of each service version: the latest one sent for that version replaces the one before.
create table api_spec (
    service          varchar(255) not null,
    version          varchar(255) not null,
    spec_id          varchar(16)  not null,
    openapi          varchar(32)  not null,
    title            text         not null,
    api_version      text         not null,
    operation_count  integer      not null,
    operations       text         not null, -- JSON array of SpecPublished.Operation
    parts            integer      not null,
    received_at      timestamptz  not null,
    primary key (service, version)
);

create index api_spec_service_received_idx on api_spec (service, received_at desc);
