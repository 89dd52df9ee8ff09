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

# The task assembly and its dependencies, precompiled for this machine (ReadyToRun), which the front end runs instead of
# the plain build while it is at least as new: a build's short targets (Status, an edit) then wait less for the JIT
# (docs/BENCHMARKS.md, "Stop 21"). Optional: if it cannot be made (no runtime pack reachable, say), the plain build runs.
precompiled="$root/src/Tasks/bin/ReadyToRun"

if [ "$stale" = 1 ]; then
  rm -rf "$precompiled"
  if ! log="$("$dotnet" build "$root/build/ItemEval.Build.csproj" -c Release -nodeReuse:false -v q -nologo 2>&1)"; then
    echo "$log" >&2
    echo "error: building the ItemEval front end failed (output above)." >&2
    exit 2
  fi
  if ! "$dotnet" publish "$root/src/Tasks/ItemEval.Tasks.csproj" -c Release --use-current-runtime --self-contained false \
      -p:PublishReadyToRun=true -o "$precompiled" -nodeReuse:false -v q -nologo >/dev/null 2>&1; then
    rm -rf "$precompiled"
    echo "note: precompiling the task assembly (ReadyToRun) failed; running the plain build, whose targets start slower." >&2
  else
    # Publish keeps an unchanged file's old time; the front end runs the copy only while it is as new as the plain build.
    touch "$precompiled"/*.dll
  fi
  touch "$frontend"
fi

exec "$dotnet" "$frontend" "$@"
