#!/bin/sh
# Runs once, on the first start of an empty PostgreSQL data volume (docker-entrypoint-initdb.d):
# one database and one owner role per Northstar service. The passwords come from the environment
# that docker-compose.yml hands to the postgres container (ROADMAP_DB_PASSWORD, ...).
# Changing a password later needs ALTER ROLE: this script does not run again on an existing volume.
set -eu

create() {
    name="$1"
    password="$2"
    # psql variables quote the identifier (:"name") and the literal (:'password'): no injection through the env.
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
    echo "northstar: created database and role $name"
}

create roadmap   "${ROADMAP_DB_PASSWORD:-roadmap}"
create backlog   "${BACKLOG_DB_PASSWORD:-backlog}"
create feedback  "${FEEDBACK_DB_PASSWORD:-feedback}"
create analytics "${ANALYTICS_DB_PASSWORD:-analytics}"
create integrations "${INTEGRATIONS_DB_PASSWORD:-integrations}"
