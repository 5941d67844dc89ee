#!/usr/bin/env bash
# Builds the harness, instruments the Dicom library with SharpFuzz and runs one afl-fuzz instance.
#   fuzz/run-afl.sh [seconds]        (default 900; findings in fuzz/findings/afl, resumed if present)
# Needs: Debian afl++ (afl-fuzz), the seed folder from fuzz/make-seeds.sh.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo_root"
seconds="${1:-900}"
tools=fuzz/.tools
publish=fuzz/publish
findings="${AFL_FINDINGS:-fuzz/findings/afl}"

[ -x "$tools/sharpfuzz" ] || dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0
[ -d fuzz/seeds ] || fuzz/make-seeds.sh

rm -rf "$publish"
dotnet publish fuzz/Dicom.Fuzz -c Release -o "$publish" --nologo -v quiet
# Instrument the code under test only: not the harness, not SharpFuzz, not the framework.
for dll in "$publish"/*.dll; do
  case "$(basename "$dll")" in
    HeadCt.Dicom.Fuzz.dll|SharpFuzz*.dll|dnlib.dll|System.*.dll|Microsoft.*.dll) ;;
    *) "$tools/sharpfuzz" "$dll" ;;
  esac
done

input=fuzz/seeds
if [ -d "$findings/default/queue" ]; then input=-; fi   # "-i -" resumes the previous session

# dotnet itself carries no AFL instrumentation (the coverage map is written by the instrumented IL):
# AFL_SKIP_BIN_CHECK. The machine is shared: no core pinning, no CPU-governor or core_pattern checks.
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
AFL_NO_UI=1 AFL_AUTORESUME=1 \
  afl-fuzz -i "$input" -o "$findings" -x fuzz/dicom.dict -t 5000 -m none -V "$seconds" \
  -- dotnet "$publish/HeadCt.Dicom.Fuzz.dll"
