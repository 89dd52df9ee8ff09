#!/usr/bin/env bash
# Bootstrap for the ItemEval front end, NUKE-style: find the SDK global.json asks for, build the front end
# (quietly, and only when its sources changed), then run it with the arguments:  ./build.sh --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

wanted="$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$root/global.json" | head -n 1)"
band="${wanted%??}"   # 10.0.401 -> 10.0.4: rollForward latestFeature accepts any later patch of the band or a later band

find_dotnet() {
  local candidate
  for candidate in "$(command -v dotnet 2>/dev/null || true)" "${DOTNET_ROOT:-}/dotnet" "$HOME/.dotnet/dotnet" /usr/share/dotnet/dotnet /usr/lib/dotnet/dotnet; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    if "$candidate" --list-sdks 2>/dev/null | awk -v want="$wanted" '
        { split($1, v, "."); split(want, w, ".");
          if (v[1] == w[1] && v[2] == w[2] && int(v[3] / 100) >= int(w[3] / 100) && $1 >= want) found = 1 }
        END { exit found ? 0 : 1 }'; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

if ! dotnet="$(find_dotnet)"; then
  echo "error: the .NET SDK $wanted (or a later ${wanted%.*}.x feature band) is required by global.json but was not found." >&2
  echo "Install it from the .NET downloads for your platform (or your package manager), or set DOTNET_ROOT, then run ./build.sh again." >&2
  exit 2
fi

frontend="$root/build/bin/Release/net10.0/ItemEval.Build.dll"
stale=1
if [ -f "$frontend" ] && [ -z "$(find "$root/build" "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" \
      -newer "$frontend" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]; then
  stale=0
fi

if [ "$stale" = 1 ]; then
  echo "building the ItemEval front end (its sources changed, or this is the first run: up to a minute)…" >&2
  if ! log="$("$dotnet" build "$root/build/ItemEval.Build.csproj" -c Release -nodeReuse:false -v q -nologo 2>&1)"; then
    echo "$log" >&2
    echo "error: building the ItemEval front end failed (output above)." >&2
    exit 2
  fi
  touch "$frontend"
fi

# With ITEMEVAL_PRECOMPILE=1, the task assembly and its dependencies are also precompiled for this machine (ReadyToRun),
# and the front end runs that copy instead of the plain build while it is at least as new: short targets on a big study
# (Status, an edit) then wait a little less for the JIT (docs/BENCHMARKS.md, "Stop 21"). Not the default: on a fresh
# machine it downloads the runtime packs and takes about a minute, twice the plain build, before the first command runs.
# A copy older than the plain build is never run (build/TaskAssemblyChoice.cs); a rebuild deletes it.
precompiled="$root/src/Tasks/bin/ReadyToRun"
if [ "$stale" = 1 ]; then
  rm -rf "$precompiled"
fi
if [ "${ITEMEVAL_PRECOMPILE:-0}" = 1 ] && [ ! -f "$precompiled/ItemEval.Tasks.dll" ]; then
  echo "precompiling the task assembly for this machine (ITEMEVAL_PRECOMPILE=1)…" >&2
  if ! "$dotnet" publish "$root/src/Tasks/ItemEval.Tasks.csproj" -c Release --use-current-runtime --self-contained false \
      -p:PublishReadyToRun=true -o "$precompiled" -nodeReuse:false -v q -nologo >/dev/null 2>&1; then
    rm -rf "$precompiled"
    echo "note: precompiling the task assembly (ReadyToRun) failed; running the plain build, whose targets start slower." >&2
  else
    # Publish keeps an unchanged file's old time; the front end runs the copy only while it is as new as the plain build.
    touch "$precompiled"/*.dll
  fi
fi

exec "$dotnet" "$frontend" "$@"
