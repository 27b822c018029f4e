#!/usr/bin/env bash
# 住基ネット on a throwaway PostgreSQL: update throughput registry → CS → 都道府県 → 全国 and 全国サーバ query latency
# with 1,000,000 本人確認情報, each beside a baseline from the same run. Report: bench/results/jukinet.md.
#   bench/jukinet.sh [records] [updates] [queries per kind]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. scripts/throwaway-postgres.sh
start_throwaway_postgres "${PGPORT:-55435}"
data=$(mktemp -d /tmp/jumin-bench.XXXXXX)
dotnet build -c Release bench/Jumin.Bench >/dev/null
dotnet bench/Jumin.Bench/bin/Release/net10.0/Jumin.Bench.dll --suite jukinet \
  --server "$JUMIN_POSTGRES" --data "$data" --records "${1:-1000000}" --updates "${2:-2000}" --queries "${3:-200}" --output bench/results/jukinet.md
rm -rf "$data"
