#!/usr/bin/env bash
# noise.sh [BULLETS] [OUT]: answer quality in a large corpus. Each evaluation
# set is asked of its notes mixed with BULLETS synthetic bullets (default
# 100000) drawn from the default corpus's vocabulary (cmd/gen): the lines
# that answer must be found among many more that share a word or two with
# the question. Prints, per set, talk@1 talk@3 MRR@5 negatives silent, as
# `bot eval` does for the sets' own notes. BOT=path picks the bot binary
# (default: built from this tree).
set -euo pipefail
bullets=${1:-100000}
out=${2:-/tmp/talkbot-noise}
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
mkdir -p "$out"
bot=${BOT:-}
if [ -z "$bot" ]; then
  bot="$out/bot"
  (cd "$root" && go build -o "$bot" ./cmd/bot)
fi
noise="$out/synthetic-$bullets"
[ -d "$noise/notes" ] || (cd "$here" && go run ./cmd/gen -bullets "$bullets" -out "$noise" >/dev/null)

# mix NAME NOTES: NOTES and the synthetic bullets in one folder.
mix() {
  local dir="$out/mixed-$1-$bullets"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    cp -r "$2"/. "$dir"/
    cp "$noise"/notes/* "$dir"/
  fi
  echo "$dir"
}
embedded=$(mix embedded "$root/corpus/embedded")
rm -f "$embedded"/*.go
robspectre=$(mix robspectre "$root/corpus/testdata/robspectre")
daneah=$(mix daneah "$root/corpus/testdata/daneah")

r() {
  printf "%-16s %-5s " "$1" "$2"
  shift 2
  TALKBOT_CACHE=off "$bot" eval "$@" | awk '$1=="all"{print $3, $4, $5, $6, $7}'
}
echo "# $bullets synthetic bullets beside each set's notes: talk@1 talk@3 MRR@5 negatives silent"
r dev tune --corpus "$embedded" --part tune "$root/answer/testdata/dev.jsonl"
r dev held --corpus "$embedded" --part held "$root/answer/testdata/dev.jsonl"
r chat tune --corpus "$embedded" --part tune "$root/answer/testdata/chat.jsonl"
r chat held --corpus "$embedded" --part held "$root/answer/testdata/chat.jsonl"
r robspectre all --corpus "$robspectre" "$root/answer/testdata/heldout/robspectre.jsonl"
r robspectre-chat all --corpus "$robspectre" "$root/answer/testdata/heldout/robspectre-chat.jsonl"
r daneah all --corpus "$daneah" "$root/answer/testdata/heldout/daneah.jsonl"
