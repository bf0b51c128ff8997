#!/usr/bin/env bash
# Makes the example portfolio: four small sites, 5x8 and 7x24, Chinese and English customers,
# each with a month of records (March 2025) written through otss itself, and a site whose
# contract is broken, so that `otss portfolio` shows how a site that cannot be read looks.
#
#   bash examples/portfolio/make.sh [OTSS]      # OTSS: the binary [default: target/debug/otss]
#
# The sites are listed in sites.txt, with the example site of examples/chengdu-5x8.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OTSS="$(realpath "${1:-$HERE/../../target/debug/otss}")"

# site DIR ENGINEER: run otss for the site in DIR as ENGINEER at the instant $NOW.
in_site() {
  local dir="$1" engineer="$2"
  shift 2
  (cd "$HERE/$dir" && OTSS_NOW="$NOW" OTSS_ENGINEER="$engineer" OTSS_LANG=en \
    XDG_CACHE_HOME="$HERE/.cache" "$OTSS" --color never "$@" >/dev/null)
}

# new_site DIR MODE LANGUAGE CITY CUSTOMER
new_site() {
  rm -rf "${HERE:?}/$1"
  mkdir -p "$HERE/$1"
  NOW=2025-01-02T09:00:00+08:00 in_site "$1" admin init --no-input --mode "$2" \
    --language "$3" --city "$4" --customer "$5" --provider "Example Cloud Services" \
    --start 2025-01-01 --end 2025-12-31 --staff 2
}

# march DIR ENGINEER SKIP: a round of every kind on each day of March 2025 but every SKIP-th,
# two backup checks, and February's report issued on time.
march() {
  local dir="$1" engineer="$2" skip="$3" day
  for day in $(seq -w 1 31); do
    (( 10#$day % skip == 0 )) && continue
    for kind in monitoring resource alert; do
      NOW="2025-03-${day}T17:30:00+08:00" in_site "$dir" "$engineer" \
        inspect "2025-03-$day" --kind "$kind" --all-ok --at "2025-03-$day 10:00" || true
    done
  done
  NOW=2025-03-31T17:00:00+08:00
  in_site "$dir" "$engineer" backup check --job "nightly database" --ok --at "2025-03-07 10:00"
  in_site "$dir" "$engineer" backup check --job "object storage" --failed "restore test: checksum mismatch" --at "2025-03-21 10:00"
}

# later TIME DURATION: the local time DURATION after TIME ("2025-03-05 02:10", "5 minutes").
later() {
  TZ=UTC date -d "$1 UTC + $2" '+%Y-%m-%d %H:%M'
}

# incident DIR ENGINEER LEVEL TITLE AT ACK_AFTER_MINUTES: one incident, acknowledged and resolved.
incident() {
  local dir="$1" engineer="$2" level="$3" title="$4" at="$5" ack="$6" id
  NOW=2025-03-31T17:00:00+08:00
  id=$(cd "$HERE/$dir" && OTSS_NOW="$NOW" OTSS_ENGINEER="$engineer" XDG_CACHE_HOME="$HERE/.cache" \
    "$OTSS" incident open --level "$level" --title "$title" --at "$at" --json | jq -r .id)
  in_site "$dir" "$engineer" incident ack "$id" --at "$(later "$at" "$ack minutes")"
  in_site "$dir" "$engineer" incident resolve "$id" --summary "service restored" --at "$(later "$at" "3 hours")"
}

new_site beijing-7x24 7x24 en Beijing "Example Payments Ltd."
march beijing-7x24 amy.chen 100
incident beijing-7x24 amy.chen 1 "Payment gateway returns 503" "2025-03-05 02:10" 5
incident beijing-7x24 amy.chen 2 "Settlement batch delayed" "2025-03-18 23:40" 25

new_site guangzhou-5x8 5x8 zh 广州 "羊城示例保险有限公司"
march guangzhou-5x8 chen.jing 4
incident guangzhou-5x8 chen.jing 2 "核心系统数据库主备切换告警" "2025-03-11 10:20" 10
incident guangzhou-5x8 chen.jing 1 "官网访问超时" "2025-03-26 14:05" 45

new_site hangzhou-7x24 7x24 zh 杭州 "西湖示例电商有限公司"
march hangzhou-7x24 wu.lei 7
incident hangzhou-7x24 wu.lei 3 "商品图片加载缓慢" "2025-03-14 20:30" 8

new_site london-5x8 5x8 en London "Example Wealth Management plc"
march london-5x8 tom.baker 10
NOW=2025-03-04T17:00:00+08:00 in_site london-5x8 tom.baker report issue 2025-02

rm -rf "${HERE:?}/broken"
mkdir -p "$HERE/broken"
printf 'customer = "Example Broken Contract Co."\nmode = "6x12"\n' >"$HERE/broken/otss.toml"
rm -rf "${HERE:?}/.cache"
