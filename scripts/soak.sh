#!/usr/bin/env bash
# soak.sh [MINUTES] [RATE]: run `bot serve` on 127.0.0.1 and send it RATE
# signed requests a second (Slack slash commands and Discord interactions,
# half each) for MINUTES minutes (default 10 at 200/s), a minute at a time;
# after each minute, read the bot's resident memory and goroutines from
# /metrics. Passes when no request failed, resident memory grew less than
# 10 % after the first (warm-up) minute and the goroutines did not grow.
set -euo pipefail
minutes=${1:-10}
rate=${2:-200}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
go build -o "$work/bot" ./cmd/bot
(cd bench && go build -o "$work/loadgen" ./cmd/loadgen)
port=18095
key=$("$work/loadgen" -discord-public-key)
SLACK_SIGNING_SECRET=soak-secret SLACK_BOT_TOKEN=xoxb-soak SLACK_API_URL=http://127.0.0.1:1/api/ \
  DISCORD_PUBLIC_KEY=$key TALKBOT_LOG_FORMAT=json "$work/bot" serve --addr 127.0.0.1:$port >"$work/bot.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs http://127.0.0.1:$port/readyz >/dev/null; do sleep 0.1; done

metric() { curl -fs http://127.0.0.1:$port/metrics | awk -v m="$1" '$1 == m {print $2}'; }
echo "minute requests errors p50_ms p99_ms rss_mib goroutines"
for i in $(seq "$minutes"); do
  line=$("$work/loadgen" -url http://127.0.0.1:$port -slack-secret soak-secret -discord -rate "$rate" -duration 60s || true)
  rss=$(metric process_resident_memory_bytes)
  gor=$(metric go_goroutines)
  echo "$i $line" | awk -v rss="$rss" -v gor="$gor" '{
    for (k = 2; k <= NF; k++) { split($k, kv, "="); v[kv[1]] = kv[2] }
    printf "%d %d %d %s %s %.1f %d\n", $1, v["requests"], v["errors"], v["p50_ms"], v["p99_ms"], rss / 1048576, gor }'
done | tee "$work/soak.txt"

awk 'NR == 1 { next }
  NR == 2 { rss0 = $6; gor0 = $7; p99min = $5 + 0; p99max = $5 + 0 }
  { errors += $3; rss = $6; gor = $7; p = $5 + 0; if (p > p99max) p99max = p; if (p < p99min) p99min = p }
  END {
    growth = (rss - rss0) / rss0 * 100
    printf "errors=%d rss_growth_after_warmup=%.1f%% goroutines %d -> %d p99_ms %.2f..%.2f\n", errors, growth, gor0, gor, p99min, p99max
    ok = errors == 0 && growth < 10 && gor <= gor0 + 2
    print ok ? "PASS" : "FAIL"
    exit ok ? 0 : 1
  }' "$work/soak.txt"
