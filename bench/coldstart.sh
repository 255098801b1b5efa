#!/usr/bin/env bash
# coldstart.sh BOT CORPUS [PORT]: seconds from starting `bot serve` on
# CORPUS to its first /readyz 200.
set -euo pipefail
bot=$1 corpus=$2 port=${3:-18081}
start=$(date +%s.%N)
SLACK_SIGNING_SECRET=x SLACK_BOT_TOKEN=xoxb-x SLACK_API_URL=http://127.0.0.1:1/api/ \
  "$bot" serve --addr "127.0.0.1:$port" --corpus "$corpus" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { echo "bot exited" >&2; exit 1; }
  sleep 0.02
done
end=$(date +%s.%N)
echo "cold_start_s=$(echo "$end - $start" | bc)"
