#!/usr/bin/env bash
# demo-setup.sh: what `make demo` does before it starts the demo, with
# progress on the terminal (the first build compiles ~600 packages and took
# about six silent minutes).
#
#   tools/demo-setup.sh build GO TAGS LDFLAGS OUT   build with a package counter
#   tools/demo-setup.sh browser                      install Chromium and CJK fonts if missing
#
# Messages follow the CLI's language choice: CERTWATCH_LANG (zh|en), else
# the locale (LC_ALL, LC_MESSAGES, LANG: en* → English), else Chinese.
set -euo pipefail
beat=""

lang=zh
loc="${CERTWATCH_LANG:-${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}}"
case "$loc" in en* | EN*) lang=en ;; esac

# say ZH EN prints one message in the chosen language.
say() { if [ "$lang" = en ]; then echo "make demo: $2"; else echo "make demo：$1"; fi; }

build() {
  local go="$1" tags="$2" ldflags="$3" out="$4"
  local start=$SECONDS
  say "正在下载依赖模块（首次运行需要联网，约 1–2 分钟）…" "downloading Go modules (first run needs the network, about 1–2 minutes)…"
  "$go" mod download
  local total
  total=$("$go" list -deps -tags "$tags" ./cmd/certwatch | wc -l)
  say "正在编译 certwatch（共 ${total} 个包，首次约 5 分钟，之后几秒）…" \
    "building certwatch (${total} packages; about 5 minutes the first time, seconds afterwards)…"
  # A heartbeat while one big package compiles for a long time without a line.
  (
    while sleep 20; do
      say "仍在编译，已用 $((SECONDS - start)) 秒…" "still building, $((SECONDS - start)) s so far…"
    done
  ) &
  beat=$!
  trap 'kill "$beat" 2>/dev/null || true' EXIT
  # go build -v names each package as it compiles it (cached ones are not
  # named); print a line every 25 packages and the last one.
  set +e
  "$go" build -v -tags "$tags" -ldflags "$ldflags" -o "$out" ./cmd/certwatch 2>&1 |
    awk -v total="$total" -v lang="$lang" '
      /^#/ || / / { print; fflush(); next }   # compiler messages (package names have no spaces) go through
      { n++; if (n % 25 == 0) {
          if (lang == "en") printf "make demo: compiled %d packages (of %d; the rest are cached): %s\n", n, total, $0
          else printf "make demo：已编译 %d 个包（共 %d 个，其余已在缓存中）：%s\n", n, total, $0
          fflush() } }
      END { if (lang == "en") printf "make demo: compiled %d packages\n", n
            else printf "make demo：本次编译了 %d 个包\n", n }'
  local rc=${PIPESTATUS[0]}
  set -e
  kill "$beat" 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    say "编译失败（见上方错误）" "build failed (see the errors above)"
    exit "$rc"
  fi
  say "编译完成，用时 $((SECONDS - start)) 秒：$out" "built $out in $((SECONDS - start)) s"
}

browser() {
  local need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  fc-list 2>/dev/null | grep -qi "noto.*cjk" || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -eq 0 ]; then
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "正在用 apt-get 安装 ${need[*]}（只安装这些包及其依赖，不升级其他系统软件包）…" \
    "installing ${need[*]} with apt-get (only these packages and their dependencies; no other system package is upgraded)…"
  $sudo apt-get update -qq
  # --no-upgrade: a named package that is already installed stays as it is;
  # --no-install-recommends: nothing beyond what the packages need. apt-get
  # install never upgrades unrelated packages (that is apt-get upgrade).
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-upgrade --no-install-recommends "${need[@]}"
}

case "${1:-}" in
build)
  shift
  build "$@"
  ;;
browser) browser ;;
*)
  echo "usage: $0 build GO TAGS LDFLAGS OUT | browser" >&2
  exit 2
  ;;
esac
