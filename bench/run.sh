#!/usr/bin/env bash
# Search, 異動 and 証明書発行 at 300,000 residents (the size of the city in seed 000) on a throwaway PostgreSQL.
#   bench/run.sh [residents] [queries per kind] [changes] [certificates] [batch]
# Generating the municipality takes about 15 minutes; the reports go to bench/results/search.md,
# changes.md and certificates.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. scripts/throwaway-postgres.sh
start_throwaway_postgres "${PGPORT:-55434}"
data=$(mktemp -d /tmp/jumin-bench.XXXXXX)
dotnet build -c Release bench/Jumin.Bench >/dev/null
dotnet bench/Jumin.Bench/bin/Release/net10.0/Jumin.Bench.dll \
  --provider Postgres --connection "$JUMIN_POSTGRES;Database=jumin_bench" \
  --data "$data" --residents "${1:-300000}" --queries "${2:-200}" --changes "${3:-200}" --certificates "${4:-200}" --batch "${5:-1000}" --output bench/results/search.md
rm -rf "$data"
