#!/usr/bin/env bash
# Runs the system on its embedded default as a demo (--demo): SQLite under ./data, the demo municipality, demo accounts
# (printed at start-up) and the simulated 住基ネット. Without --demo the host starts as production and asks for its settings.
# Certificates need the IPAex fonts and コンビニ交付 needs poppler's pdftoppm: they are installed from Debian when
# missing (as root), as ./test.sh does.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
need=()
[ -f /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf ] || need+=(fonts-ipaexfont)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  else
    echo "証明書の印刷に必要なパッケージがありません: ${need[*]}（root で apt-get install してください）" >&2
  fi
fi
exec dotnet run --project src/Jumin.Web -- --demo "$@"
