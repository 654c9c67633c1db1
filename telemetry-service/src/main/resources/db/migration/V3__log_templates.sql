-- Templates mined from each service's logs, with how many records each has matched since first seen.
create table log_template (
    service     varchar(255)  not null,
    template_id varchar(16)   not null, -- hash of the template text: the same on every replica and after restarts
    template    text          not null,
    count       bigint        not null,
    first_seen  timestamptz   not null,
    last_seen   timestamptz   not null,
    primary key (service, template_id)
);

create index log_template_service_count_idx on log_template (service, count desc);
