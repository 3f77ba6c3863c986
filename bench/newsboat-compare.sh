#!/usr/bin/env bash
# Side by side with newsboat (issue 17): a fresh `run-once` of News Monitor against `newsboat -x reload`, over the
# same generated RSS feeds served by nginx on loopback.
#
#   bash bench/newsboat-compare.sh [--feeds 300,1000] [--runs 5] [--items 50] [--app DIR] [--keep] [--serve] [--fresh-only]
#
# --fresh-only skips the unchanged-feeds passes (newsboat's second reload of 1,000 feeds can take longer than its first).
# --serve only generates and serves the feeds (prints the OPML and urls files) until interrupted: for profiling.
#
# Needs: the .NET SDK, python3, nginx and newsboat (Debian: `apt-get install -y nginx newsboat`; CI does not run this).
# It publishes src/Monitor.Server in Release for linux-x64 into the work folder (unless --app DIR names a published app), generates
# the feeds (N feeds x 50 items: titles, descriptions of 1-3 KB in French and English, pubDates, guids; about one
# item in twelve mentions a term of the default watchlist, so matches and alert emails happen), serves them with a
# generated nginx.conf (ETag and Last-Modified on, so unchanged feeds answer 304), and writes an OPML file and a
# newsboat urls file + config (reload-threads 16, cache in the work folder).
#
# For each size, run after run, in turns (the order alternates from one run to the next):
#   ours:     three `run-once` on one store that starts empty (--data, --outbox to a pickup folder): the first is
#             the fresh cycle, the third the unchanged-feeds cycle (every feed due again, every answer a 304);
#   newsboat: three `-x reload` on a cache that starts empty: the first is the fresh one, the third the unchanged one.
# Each run is measured from outside: wall time, user+system CPU, peak resident memory (wait4's ru_maxrss), bytes the
# process caused to be written to disk (/proc/<pid>/io write_bytes, read before the process is reaped).
# Prints one table per size: medians over the runs, and the ratios (speed = newsboat wall / ours; memory = ours /
# newsboat). The feeds are spread over 8 loopback addresses (127.0.0.1-8), standing for many sites rather than one:
# the monitor's per-host politeness limit (2 at a time) would otherwise cap it at 2 fetches while newsboat runs 16.
# The load average is printed before and after: the figures only mean something next to it.
set -euo pipefail

sizes="300,1000"
runs=5
items=50
app=""
keep=0
serve=0
passes="1 2 3"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --feeds) sizes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --items) items="$2"; shift 2 ;;
        --app) app="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --serve) serve=1; shift ;;
        --fresh-only) passes="1"; shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

for tool in python3 nginx newsboat dotnet; do
    command -v "$tool" >/dev/null || { echo "error: $tool is needed (see the top of $0)" >&2; exit 1; }
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/newsboat-compare.XXXXXX")"
chmod 755 "$work" # nginx's workers may run as another user
port=$((20000 + RANDOM % 12000)) # below the ephemeral ports (32768 and up) that the clients' own connections take
nginx_pid=""
cleanup() {
    if [[ -n "$nginx_pid" ]]; then kill "$nginx_pid" 2>/dev/null || true; fi
    if [[ $keep -eq 0 ]]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

if [[ -z "$app" && $serve -eq 0 ]]; then
    echo "publishing src/Monitor.Server (Release) ..."
    # For the runtime of this machine, so that the code is precompiled (ReadyToRun: see Monitor.Server.csproj).
    dotnet publish "$repo/src/Monitor.Server" -c Release -r linux-x64 --self-contained false -o "$work/app" --nologo -v quiet >/dev/null
    app="$work/app"
fi
if [[ $serve -eq 0 ]]; then
    app="$(cd "$app" && pwd)"
    [[ -x "$app/Monitor.Server" ]] || { echo "error: no Monitor.Server in $app" >&2; exit 1; }
fi

max_size=$(tr ',' '\n' <<<"$sizes" | sort -n | tail -1)

# --- feeds, nginx, OPML, newsboat files ---------------------------------------------------------------------------
python3 - "$work" "$max_size" "$items" "$port" "$sizes" <<'PY'
import os, random, sys
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

work, count, per_feed, port, sizes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(17)
english = ("the of and to in a is that for on with as was by at from his have are this an be has which not they or "
           "government market report week city people company data new year first state country policy court "
           "minister plan energy price school water health police election budget workers research union council "
           "football team season museum artists weather storm train station bank inflation rate growth trade "
           "border summit climate farmers doctors hospital software cloud phone network chips factory investors").split()
french = ("le la les de des du et à un une est que pour dans sur avec par au aux pas plus ce qui son sa ses été "
          "gouvernement marché rapport semaine ville habitants entreprise données nouvelle année premier état pays "
          "politique tribunal ministre projet énergie prix école eau santé police élection budget salariés recherche "
          "syndicat conseil équipe saison musée artistes météo orage gare banque taux croissance commerce frontière "
          "sommet climat agriculteurs médecins hôpital logiciel réseau usine investisseurs élèves région département").split()
# Real words take the commonest ranks of a 6,000-word vocabulary, made-up ones the rest, and words are drawn by
# Zipf's law, as in real text: with a small vocabulary every article would resemble every other (story clustering).
syllables = "ba ce di fo gu la me ni po ru sa te vi zo tra ber min gon pel dar é è".split()
def vocabulary(common):
    words = list(dict.fromkeys(common))
    seen = set(words)
    while len(words) < 6000:
        w = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w); words.append(w)
    return words
english, french = vocabulary(english), vocabulary(french)
def zipf(words):
    return words[int(len(words) ** rng.random()) - 1]
mentions = [
    "Mistral AI a présenté un nouveau modèle, selon Arthur Mensch",
    "the startup Mistral AI raised new funding for its models",
    "la Commission européenne a ouvert une enquête",
    "the European Commission published guidance on the AI Act",
    "l'AI Act européen entre en application pour les modèles généraux",
    "Le Chat de Mistral AI gagne des utilisateurs",
]
start = datetime(2026, 11, 29, 6, 0, tzinfo=timezone.utc)

def sentence(words):
    n = rng.randint(8, 22)
    s = " ".join(zipf(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."

os.makedirs(f"{work}/www", exist_ok=True)
for f in range(count):
    words = french if f % 2 == 0 else english
    host = f"127.0.0.{f % 8 + 1}"
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Site {f}</title>'
           f'<link>http://site{f}.example/</link><description>Generated feed {f}</description>']
    for i in range(per_feed):
        title = " ".join(zipf(words) for _ in range(rng.randint(6, 12))).capitalize()
        paragraphs = []
        size = rng.randint(1000, 3000)
        text = ""
        while len(text) < size:
            text += sentence(words) + " "
        if rng.random() < 1 / 12:
            cut = rng.randint(0, len(text) // 2)
            text = text[:cut] + rng.choice(mentions) + ". " + text[cut:]
            if rng.random() < 0.5:
                title = rng.choice(mentions)
        half = len(text) // 2
        description = f"<p>{text[:half]}</p><p>{text[half:]}</p>"
        when = start - timedelta(minutes=37 * i + f)
        out.append(f"<item><title>{escape(title)}</title><link>http://site{f}.example/{i}-{rng.getrandbits(32):08x}?utm_source=rss</link>"
                   f"<guid isPermaLink=\"false\">site{f}-item{i}</guid><pubDate>{format_datetime(when)}</pubDate>"
                   f"<description>{escape(description)}</description></item>")
    out.append("</channel></rss>\n")
    with open(f"{work}/www/feed{f}.xml", "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))

def url(f):
    return f"http://127.0.0.{f % 8 + 1}:{port}/feed{f}.xml"

for n in (int(s) for s in sizes.split(",")):
    with open(f"{work}/feeds-{n}.opml", "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0"><head><title>bench</title></head><body>\n')
        for f in range(n):
            fh.write(f'<outline type="rss" text="Site {f}" xmlUrl="{url(f)}"/>\n')
        fh.write("</body></opml>\n")
    with open(f"{work}/urls-{n}", "w", encoding="utf-8") as fh:
        fh.writelines(url(f) + "\n" for f in range(n))

listens = "\n".join(f"        listen 127.0.0.{h}:{port};" for h in range(1, 9))
with open(f"{work}/nginx.conf", "w", encoding="utf-8") as fh:
    fh.write(f"""daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/tmp-body;
    proxy_temp_path {work}/tmp-proxy;
    fastcgi_temp_path {work}/tmp-fastcgi;
    uwsgi_temp_path {work}/tmp-uwsgi;
    scgi_temp_path {work}/tmp-scgi;
    types {{ application/rss+xml xml; }}
    etag on;
    keepalive_requests 100000;
    server {{
{listens}
        root {work}/www;
    }}
}}
""")
with open(f"{work}/newsboat.conf", "w", encoding="utf-8") as fh:
    fh.write("reload-threads 16\nshow-read-feeds yes\n")
PY
chmod -R a+rX "$work/www"

nginx -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
served=0
for _ in $(seq 50); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/feed0.xml" 2>/dev/null; then served=1; break; fi
    sleep 0.1
done
if [[ $served -eq 0 ]]; then echo "error: nginx does not answer on 127.0.0.1:$port (see its messages above); nothing was measured" >&2; exit 1; fi
curl -fsS -o /dev/null "http://127.0.0.8:$port/feed0.xml" 2>/dev/null || true # warm up; feed0 is on .1, any answer will do

if [[ $serve -eq 1 ]]; then
    echo "serving on port $port; feeds: $(ls "$work"/feeds-*.opml "$work"/urls-* | tr '\n' ' ')"
    wait "$nginx_pid"
    exit 0
fi

# --- one measured run: prints "wall cpu maxrss_kb write_bytes exit" ----------------------------------------------------
cat >"$work/measure.py" <<'PY'
import os, sys, time
start = time.monotonic()
pid = os.fork()
if pid == 0:
    out = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1); os.dup2(out, 2)
    os.execvp(sys.argv[2], sys.argv[2:])
os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped: /proc/<pid>/io is still there
wall = time.monotonic() - start
written = 0
with open(f"/proc/{pid}/io") as io:
    for line in io:
        if line.startswith("write_bytes:"):
            written = int(line.split()[1])
_, status, usage = os.wait4(pid, 0)
print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss} {written} {os.waitstatus_to_exitcode(status)}")
PY

ours() { # $1 size, $2 store dir, $3 log
    python3 "$work/measure.py" "$3" "$app/Monitor.Server" run-once --feeds "$work/feeds-$1.opml" --replace \
        --data "$2/data" --outbox "$2/outbox" --allow-private-addresses --Feeds:DefaultInterval=00:00:00
}
theirs() { # $1 size, $2 cache dir, $3 log
    HOME="$2" python3 "$work/measure.py" "$3" newsboat -x reload -u "$work/urls-$1" -c "$2/cache.db" -C "$work/newsboat.conf"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(newsboat -v | head -1 | cut -d' ' -f1-2); $(nginx -v 2>&1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
results="$work/results.txt"
: >"$results"
IFS=',' read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
    for run in $(seq "$runs"); do
        order=(ours theirs)
        if (( run % 2 == 0 )); then order=(theirs ours); fi
        for who in "${order[@]}"; do
            dir="$work/run-$who-$size-$run"
            mkdir -p "$dir"
            for pass in $passes; do
                line=$("$who" "$size" "$dir" "$dir/log-$pass.txt")
                if [[ "${line##* }" != 0 ]]; then echo "error: $who pass $pass exited ${line##* }; see $dir/log-$pass.txt" >&2; cat "$dir/log-$pass.txt" >&2; exit 1; fi
                echo "$size $who $pass $run $line $(cut -d' ' -f1 /proc/loadavg)" >>"$results"
            done
            echo "size $size run $run $who: $(grep "^$size $who 1 $run " "$results" | cut -d' ' -f5-7) | unchanged $(grep "^$size $who 3 $run " "$results" | cut -d' ' -f5) s (load $(cut -d' ' -f1 /proc/loadavg))"
            cat "$results" >"$work/../newsboat-compare-last-results.txt" # survives an interrupted run
        done
        if [[ $keep -eq 0 ]]; then rm -rf "$work"/run-*-"$size"-"$run"; fi
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(size, who, pass_, col):
    values = [float(r[col]) for r in rows if r[0] == size and r[1] == who and r[2] == pass_]
    return statistics.median(values) if values else float("nan")
for size in dict.fromkeys(r[0] for r in rows):
    n = sum(1 for r in rows if r[0] == size and r[1] == "ours" and r[2] == "1")
    print(f"\n{size} feeds, medians of {n} runs")
    print(f"| {'':22} | {'wall s':>8} | {'CPU s':>8} | {'peak RSS MB':>11} | {'written MB':>10} | {'unchanged wall s':>16} |")
    print(f"| {'-'*22} | {'-'*8}: | {'-'*8}: | {'-'*11}: | {'-'*10}: | {'-'*16}: |".replace("-:", ":"))
    figures = {}
    for who, name in (("ours", "News Monitor run-once"), ("theirs", "newsboat -x reload")):
        f = figures[who] = (med(size, who, "1", 4), med(size, who, "1", 5), med(size, who, "1", 6) / 1024,
                            med(size, who, "1", 7) / 1e6, med(size, who, "3", 4))
        print(f"| {name:22} | {f[0]:8.2f} | {f[1]:8.2f} | {f[2]:11.0f} | {f[3]:10.0f} | {f[4]:16.3f} |")
    o, t = figures["ours"], figures["theirs"]
    print(f"speed (newsboat wall / ours): {t[0] / o[0]:.2f}x; CPU: {t[1] / o[1]:.2f}x; memory (ours / newsboat): {o[2] / t[2]:.2f}x; "
          f"written: {o[3] / max(t[3], 0.001):.2f}x; unchanged cycle: {t[4] / o[4]:.1f}x faster")
    print(f"load average while measuring: {min(float(r[9]) for r in rows if r[0] == size):.1f} to {max(float(r[9]) for r in rows if r[0] == size):.1f}")
PY
