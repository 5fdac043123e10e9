-- Runs once, when the postgres container initialises an EMPTY data volume
-- (files in /docker-entrypoint-initdb.d are skipped if the volume already holds a cluster;
-- run `docker compose down -v` to start over).
--
-- It runs as POSTGRES_USER (= "temporal", the cluster superuser; see docker-compose.yml).
-- Temporal's own databases `temporal` and `temporal_visibility` are created and migrated by
-- the `temporal-schema` service (temporal-sql-tool), not here.

-- Application role + database (DATABASE_URL=postgres://supervision:supervision@postgres:5432/supervision).
CREATE ROLE supervision WITH LOGIN PASSWORD 'supervision';
CREATE DATABASE supervision OWNER supervision ENCODING 'UTF8';
