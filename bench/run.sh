#!/usr/bin/env bash
# run.sh [OUT]: the whole performance report of bench/README.md, on this
# machine. Generates the synthetic corpora (10k, 100k, 1M bullets) into OUT
# (default /tmp/talkbot-bench), compares talkbot, Bleve and a sahilm/fuzzy
# scan on each RUNS times (default 3), measures bot ask on the embedded
# corpus, cold start on 1M bullets and a signed-request load on bot serve.
# Takes about 15 minutes; needs hyperfine and curl for the last parts.
set -euo pipefail
out=${1:-/tmp/talkbot-bench}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/bin"
(cd "$here/.." && CGO_ENABLED=0 go build -trimpath -o "$out/bin/bot" ./cmd/bot)
(cd "$here" && go build -o "$out/bin/" ./cmd/gen ./cmd/compare ./cmd/loadgen)
echo "# $(date -u +%FT%TZ) $(uname -sm), $(nproc) cores, $(go version | cut -d' ' -f3)"
grep -m1 'model name' /proc/cpuinfo || true

for n in 10000 100000 1000000; do
  dir="$out/$n"
  [ -d "$dir/notes" ] || "$out/bin/gen" -bullets "$n" -out "$dir" >/dev/null
  for r in $(seq "$runs"); do
    echo "## $n bullets, run $r"
    "$out/bin/compare" -corpus "$dir/notes" -queries "$dir/queries.txt"
  done
done

echo "## bot ask, whole process, embedded corpus"
hyperfine -N -w 3 -r 30 "$out/bin/bot ask 'grok the gil'" "$out/bin/bot ask 'what did beazley say about thread priorities'" "$out/bin/bot ask kubernets" 2>&1 | grep -E 'Benchmark|Time'

echo "## cold start, 1,000,000 bullets: process start to /readyz 200"
for r in $(seq "$runs"); do "$here/coldstart.sh" "$out/bin/bot" "$out/1000000/notes"; done

echo "## 1,000 signed requests/s for 30 s (Slack slash commands and Discord interactions), embedded corpus"
key=$("$out/bin/loadgen" -discord-public-key)
SLACK_SIGNING_SECRET=bench-secret SLACK_BOT_TOKEN=xoxb-bench SLACK_API_URL=http://127.0.0.1:1/api/ \
  DISCORD_PUBLIC_KEY=$key TALKBOT_LOG_FORMAT=json "$out/bin/bot" serve --addr 127.0.0.1:18090 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs http://127.0.0.1:18090/readyz >/dev/null; do sleep 0.05; done
"$out/bin/loadgen" -url http://127.0.0.1:18090 -slack-secret bench-secret -discord -rate 1000 -duration 30s
